/**
 * Reminders of a series, for its chairs and coordinators: reminder emails that could not be delivered (with
 * "Retry now"), and the escalation settings: after how many days overdue an action goes to its agency's lead, and
 * who each agency's lead is.
 */
import { useCallback, useEffect, useState } from 'react';
import type { SeriesRemindersView } from '../../../shared/reminders';
import { emailKindLabel } from '../../../shared/circulation';
import { mailLimits } from '../../../shared/limits';
import { apiGet, apiPost, apiPut } from '../../api';
import { Button } from '../../components/Button';
import { Select, TextInput } from '../../components/Field';
import { NotificationBanner } from '../../components/NotificationBanner';

const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

export function Reminders({ seriesId }: { seriesId: string }) {
  const [view, setView] = useState<SeriesRemindersView | null>(null);
  const [days, setDays] = useState('');
  const [leads, setLeads] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const show = useCallback((v: SeriesRemindersView) => {
    setView(v);
    setDays(String(v.escalateAfterDays));
    setLeads(Object.fromEntries(v.leads.map((l) => [l.agencyId, l.personId])));
  }, []);
  useEffect(() => {
    apiGet<SeriesRemindersView>(`/series/${seriesId}/reminders`).then(show, () => setView(null));
  }, [seriesId, show]);
  if (!view) return null;

  async function save() {
    setError(null);
    setDone(null);
    try {
      const body = { escalateAfterDays: Number(days), leads: Object.entries(leads).filter(([, p]) => p).map(([agencyId, personId]) => ({ agencyId, personId })) };
      show(await apiPut<SeriesRemindersView>(`/series/${seriesId}/reminders`, body));
      setDone('Reminder settings saved.');
    } catch (e) {
      setError((e as Error).message);
    }
  }

  async function retry() {
    try {
      const { queued } = await apiPost<{ queued: number }>(`/series/${seriesId}/reminders/retry`, {});
      setDone(`${queued} ${queued === 1 ? 'email' : 'emails'} queued to be tried again now.`);
      show(await apiGet<SeriesRemindersView>(`/series/${seriesId}/reminders`));
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <section aria-labelledby="reminders-heading" className="govuk-!-margin-top-8">
      <h2 id="reminders-heading" className="govuk-heading-m">
        Reminders and escalation
      </h2>
      {done && <NotificationBanner type="success">{done}</NotificationBanner>}
      {view.problems.length > 0 && (
        <div className="app-circulation__problems">
          <h3 className="govuk-heading-s">Delivery problems</h3>
          <ul className="govuk-list govuk-list--bullet">
            {view.problems.map((p) => (
              <li key={p.id}>
                {emailKindLabel[p.kind]} to {p.to}: {p.lastError ?? 'not delivered'} —{' '}
                {p.state === 'failed' ? `gave up after ${p.attempts} attempts` : `attempt ${p.attempts}, next try ${p.nextAttemptAt ? when.format(new Date(p.nextAttemptAt)) : 'soon'}`}
              </li>
            ))}
          </ul>
          <Button variant="secondary" onClick={() => void retry()}>
            Retry now
          </Button>
        </div>
      )}
      <p className="govuk-body">Owners get a daily email of their actions due within {mailLimits.digestDueWithinDays} days or overdue, unless they turn it off on their account page.</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <TextInput
          id="escalate-after-days"
          label="Escalate an action to its agency’s lead when it is overdue by more than (days)"
          inputMode="numeric"
          inputClass="govuk-input--width-3"
          value={days}
          error={error}
          onChange={(e) => setDays(e.target.value)}
        />
        {view.candidates.map((c) => (
          <Select key={c.agencyId} id={`lead-${c.agencyId}`} label={`Lead for ${c.agency}`} value={leads[c.agencyId] ?? ''} onChange={(e) => setLeads({ ...leads, [c.agencyId]: e.target.value })}>
            <option value="">No lead named (no escalation)</option>
            {c.people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </Select>
        ))}
        <Button type="submit">Save reminder settings</Button>
      </form>
    </section>
  );
}
