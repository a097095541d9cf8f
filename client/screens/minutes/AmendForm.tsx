import { useState, type FormEvent } from 'react';
import type { MeetingDetailView } from '../../../shared/api-types';
import type { MinutesItem, MinutesView } from '../../../shared/minutes';
import type { MinutesAmendment } from '../../../shared/api-schemas';
import { apiPost, ApiError } from '../../api';
import { ActionStatusOptions, DecisionOutcomeOptions, ParticipantOptions } from '../../components/Options';

type ItemDraft = MinutesAmendment['items'][number];

const draftOf = (item: MinutesItem, people: MeetingDetailView['participants']): ItemDraft => ({
  id: item.id,
  background: item.background.join('\n\n'),
  ...(item.decision ? { decision: { outcome: item.decision.outcome, text: item.decision.text, reasons: item.decision.reasons } } : {}),
  actions: item.actions.map((a) => ({
    id: a.id,
    what: a.what,
    ownerPersonId: people.find((p) => p.name === a.owner?.name && p.agencyName === a.owner?.agency)?.id ?? null,
    due: a.due,
    status: a.status,
  })),
});

/** Corrections to the latest version. Saving makes a new version; the earlier ones stay exactly as they were. */
export function AmendForm({ meeting, view, onAmended }: { meeting: MeetingDetailView; view: MinutesView; onAmended(version: number): void }) {
  const [items, setItems] = useState(() => view.items.map((i) => draftOf(i, meeting.participants)));
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const patch = (index: number, change: Partial<ItemDraft>) => setItems((all) => all.map((it, i) => (i === index ? { ...it, ...change } : it)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      const result = await apiPost<{ version: number }>(`/meetings/${meeting.id}/minutes/amendments`, { note, items });
      onAmended(result.version);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Could not save the amendment');
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="amend-form" onSubmit={submit} aria-labelledby="amend-heading">
      <h2 id="amend-heading">Amend version {view.version.number}</h2>
      {view.items.map((item, index) => {
        const d = items[index];
        const name = `item ${item.number}`;
        return (
          <fieldset key={item.id}>
            <legend>
              Item {item.number}. {item.title}
            </legend>
            <label>
              Background of {name}
              <textarea className="govuk-textarea" rows={3} value={d.background} onChange={(e) => patch(index, { background: e.target.value })} />
            </label>
            {d.decision && (
              <div className="amend-decision">
                <label>
                  Outcome of {name}
                  <select className="govuk-select" value={d.decision.outcome ?? ''} onChange={(e) => patch(index, { decision: { ...d.decision!, outcome: (e.target.value || null) as never } })}>
                    <DecisionOutcomeOptions none="Not recorded" />
                  </select>
                </label>
                <label>
                  Decision of {name}
                  <textarea className="govuk-textarea" rows={2} value={d.decision.text} onChange={(e) => patch(index, { decision: { ...d.decision!, text: e.target.value } })} />
                </label>
                <label>
                  Reasons for {name}
                  <textarea className="govuk-textarea" rows={2} value={d.decision.reasons} onChange={(e) => patch(index, { decision: { ...d.decision!, reasons: e.target.value } })} />
                </label>
              </div>
            )}
            {d.actions?.map((a, ai) => {
              const setAction = (change: Partial<typeof a>) => patch(index, { actions: d.actions!.map((x, xi) => (xi === ai ? { ...x, ...change } : x)) });
              const label = `${name} action ${ai + 1}`;
              return (
                <div key={a.id ?? ai} className="amend-action">
                  <label>
                    What ({label})
                    <input className="govuk-input" value={a.what} onChange={(e) => setAction({ what: e.target.value })} />
                  </label>
                  <label>
                    Owner ({label})
                    <select className="govuk-select" value={a.ownerPersonId ?? ''} onChange={(e) => setAction({ ownerPersonId: e.target.value || null })}>
                      <ParticipantOptions people={meeting.participants} none="To be confirmed" />
                    </select>
                  </label>
                  <label>
                    Due ({label})
                    <input className="govuk-input" type="date" value={a.due ?? ''} onChange={(e) => setAction({ due: e.target.value || null })} />
                  </label>
                  <label>
                    Status ({label})
                    <select className="govuk-select" value={a.status} onChange={(e) => setAction({ status: e.target.value as typeof a.status })}>
                      <ActionStatusOptions />
                    </select>
                  </label>
                </div>
              );
            })}
          </fieldset>
        );
      })}
      <label className="wide">
        Why are the minutes being amended? (recorded with the new version)
        <textarea className="govuk-textarea" rows={2} required minLength={3} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      {error && <p role="alert" className="error">{error}</p>}
      <button className="govuk-button app-button--small" type="submit" disabled={saving}>
        {saving ? 'Saving…' : `Save as version ${view.version.number + 1}`}
      </button>
    </form>
  );
}
