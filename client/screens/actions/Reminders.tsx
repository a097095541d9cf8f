/**
 * Reminders of a series, for its chairs and coordinators: reminder emails that could not be delivered (with
 * "Retry now"), and the escalation settings: after how many days overdue an action goes to its agency's lead, and
 * who each agency's lead is.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SeriesRemindersView } from '../../../shared/reminders';
import { mailLimits } from '../../../shared/limits';
import { apiGet, apiPost, apiPut } from '../../api';
import { Button } from '../../components/Button';
import { Select, TextInput } from '../../components/Field';
import { NotificationBanner } from '../../components/NotificationBanner';
import { useFormat } from '../../i18n';

export function Reminders({ seriesId }: { seriesId: string }) {
  const { t } = useTranslation(['actions']);
  const { shortDateTime } = useFormat();
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
      setDone(t('actions:reminders.saved'));
    } catch (e) {
      setError((e as Error).message);
    }
  }

  async function retry() {
    try {
      const { queued } = await apiPost<{ queued: number }>(`/series/${seriesId}/reminders/retry`, {});
      setDone(t('actions:reminders.retried', { count: queued }));
      show(await apiGet<SeriesRemindersView>(`/series/${seriesId}/reminders`));
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <section aria-labelledby="reminders-heading" className="govuk-!-margin-top-8">
      <h2 id="reminders-heading" className="govuk-heading-m">
        {t('actions:reminders.heading')}
      </h2>
      {done && <NotificationBanner type="success">{done}</NotificationBanner>}
      {view.problems.length > 0 && (
        <div className="app-circulation__problems">
          <h3 className="govuk-heading-s">{t('actions:reminders.problems')}</h3>
          <ul className="govuk-list govuk-list--bullet">
            {view.problems.map((p) => (
              <li key={p.id}>
                {t('actions:reminders.problem', {
                  kind: t(`actions:reminders.emailKind.${p.kind}`),
                  to: p.to,
                  error: p.lastError ?? t('actions:reminders.notDelivered'),
                  state:
                    p.state === 'failed'
                      ? t('actions:reminders.gaveUp', { count: p.attempts })
                      : t('actions:reminders.nextTry', { attempt: p.attempts, when: p.nextAttemptAt ? shortDateTime(p.nextAttemptAt) : t('actions:reminders.soon') }),
                })}
              </li>
            ))}
          </ul>
          <Button variant="secondary" onClick={() => void retry()}>
            {t('actions:reminders.retry')}
          </Button>
        </div>
      )}
      <p className="govuk-body">{t('actions:reminders.digests', { days: mailLimits.digestDueWithinDays })}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <TextInput
          id="escalate-after-days"
          label={t('actions:reminders.escalateAfter')}
          inputMode="numeric"
          inputClass="govuk-input--width-3"
          value={days}
          error={error}
          onChange={(e) => setDays(e.target.value)}
        />
        {view.candidates.map((c) => (
          <Select key={c.agencyId} id={`lead-${c.agencyId}`} label={t('actions:reminders.leadFor', { agency: c.agency })} value={leads[c.agencyId] ?? ''} onChange={(e) => setLeads({ ...leads, [c.agencyId]: e.target.value })}>
            <option value="">{t('actions:reminders.noLead')}</option>
            {c.people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </Select>
        ))}
        <Button type="submit">{t('actions:reminders.save')}</Button>
      </form>
    </section>
  );
}
