import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingDetailView } from '../../../shared/api-types';
import type { MinutesItem, MinutesView } from '../../../shared/minutes';
import type { MinutesAmendment } from '../../../shared/api-schemas';
import { apiPost } from '../../api';
import { Button } from '../../components/Button';
import { DateInput, dateParts, isEmptyDate, partsToIso, type DateParts } from '../../components/DateInput';
import { ErrorSummary, errorFor, type FieldError } from '../../components/ErrorSummary';
import { Select, TextInput, Textarea } from '../../components/Field';
import { ActionStatusOptions, DecisionOutcomeOptions, ParticipantOptions } from '../../components/Options';
import { errorsFrom, fieldId } from '../series/form-errors';

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

// Every control's id is the form name plus the server's field path (items.0.actions.1.what → amend-items-0-actions-1-what),
// so a 422's per-field messages land on the right control.
const FORM = 'amend';
const idOf = (path: string) => fieldId(FORM, path);

/** Corrections to the latest version. Saving makes a new version; the earlier ones stay exactly as they were. */
export function AmendForm({ meeting, view, onAmended }: { meeting: MeetingDetailView; view: MinutesView; onAmended(version: number): void }) {
  const { t } = useTranslation(['minutes']);
  const [items, setItems] = useState(() => view.items.map((i) => draftOf(i, meeting.participants)));
  // Due dates as GOV.UK day/month/year boxes, keyed by the date's field path; turned into YYYY-MM-DD on submit.
  const [dues, setDues] = useState<Record<string, DateParts>>(() =>
    Object.fromEntries(items.flatMap((it, i) => (it.actions ?? []).map((a, ai) => [`items.${i}.actions.${ai}.due`, dateParts(a.due)]))),
  );
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [saving, setSaving] = useState(false);
  const patch = (index: number, change: Partial<ItemDraft>) => setItems((all) => all.map((it, i) => (i === index ? { ...it, ...change } : it)));
  const errorAt = (path: string) => errorFor(errors, idOf(path));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const dateErrors: FieldError[] = [];
    const withDues = items.map((it, i) => ({
      ...it,
      actions: it.actions?.map((a, ai) => {
        const path = `items.${i}.actions.${ai}.due`;
        const parts = dues[path];
        if (!parts || isEmptyDate(parts)) return { ...a, due: null };
        const parsed = partsToIso(parts, t('minutes:amendForm.dueWhat', { item: view.items[i].number, action: ai + 1 }));
        if ('error' in parsed) {
          dateErrors.push({ href: idOf(path), text: parsed.error });
          return a;
        }
        return { ...a, due: parsed.iso };
      }),
    }));
    setErrors(dateErrors);
    if (dateErrors.length) return;
    setSaving(true);
    try {
      const result = await apiPost<{ version: number }>(`/meetings/${meeting.id}/minutes/amendments`, { note, items: withDues });
      onAmended(result.version);
    } catch (err) {
      // The server's 422 names each field by path; anything else goes with the reason, the one field always shown.
      setErrors(errorsFrom(err, FORM, idOf('note')));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="amend-form" onSubmit={submit} aria-labelledby="amend-heading" noValidate>
      <h2 id="amend-heading">{t('minutes:amendForm.heading', { version: view.version.number })}</h2>
      <ErrorSummary errors={errors} />
      {view.items.map((item, index) => {
        const d = items[index];
        const at = (rest: string) => `items.${index}.${rest}`;
        return (
          <fieldset key={item.id} className="govuk-fieldset">
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
              {t('minutes:amendForm.item', { number: item.number, title: item.title })}
            </legend>
            <Textarea id={idOf(at('background'))} label={t('minutes:amendForm.background', { number: item.number })} rows={3} value={d.background} onChange={(e) => patch(index, { background: e.target.value })} error={errorAt(at('background'))} />
            {d.decision && (
              <div className="amend-decision">
                <Select
                  id={idOf(at('decision.outcome'))}
                  label={t('minutes:amendForm.outcome', { number: item.number })}
                  value={d.decision.outcome ?? ''}
                  onChange={(e) => patch(index, { decision: { ...d.decision!, outcome: (e.target.value || null) as never } })}
                  error={errorAt(at('decision.outcome'))}
                >
                  <DecisionOutcomeOptions none={t('minutes:amendForm.notRecorded')} />
                </Select>
                <Textarea id={idOf(at('decision.text'))} label={t('minutes:amendForm.decision', { number: item.number })} rows={2} value={d.decision.text} onChange={(e) => patch(index, { decision: { ...d.decision!, text: e.target.value } })} error={errorAt(at('decision.text'))} />
                <Textarea id={idOf(at('decision.reasons'))} label={t('minutes:amendForm.reasons', { number: item.number })} rows={2} value={d.decision.reasons} onChange={(e) => patch(index, { decision: { ...d.decision!, reasons: e.target.value } })} error={errorAt(at('decision.reasons'))} />
              </div>
            )}
            {d.actions?.map((a, ai) => {
              const setAction = (change: Partial<typeof a>) => patch(index, { actions: d.actions!.map((x, xi) => (xi === ai ? { ...x, ...change } : x)) });
              const ref = t('minutes:amendForm.actionRef', { number: item.number, action: ai + 1 });
              const act = (field: string) => at(`actions.${ai}.${field}`);
              return (
                <div key={a.id ?? ai} className="amend-action">
                  <TextInput id={idOf(act('what'))} label={t('minutes:amendForm.what', { ref })} value={a.what} onChange={(e) => setAction({ what: e.target.value })} error={errorAt(act('what'))} />
                  <Select id={idOf(act('ownerPersonId'))} label={t('minutes:amendForm.owner', { ref })} value={a.ownerPersonId ?? ''} onChange={(e) => setAction({ ownerPersonId: e.target.value || null })} error={errorAt(act('ownerPersonId'))}>
                    <ParticipantOptions people={meeting.participants} none={t('minutes:amendForm.toBeConfirmed')} />
                  </Select>
                  <DateInput id={idOf(act('due'))} legend={t('minutes:amendForm.due', { ref })} value={dues[act('due')] ?? dateParts(null)} onChange={(v) => setDues((all) => ({ ...all, [act('due')]: v }))} error={errorAt(act('due'))} />
                  <Select id={idOf(act('status'))} label={t('minutes:amendForm.status', { ref })} value={a.status} onChange={(e) => setAction({ status: e.target.value as typeof a.status })} error={errorAt(act('status'))}>
                    <ActionStatusOptions />
                  </Select>
                </div>
              );
            })}
          </fieldset>
        );
      })}
      <Textarea id={idOf('note')} label={t('minutes:amendForm.note')} hint={t('minutes:amendForm.noteHint')} rows={2} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} error={errorAt('note')} />
      <Button type="submit" small disabled={saving}>
        {saving ? t('minutes:amendForm.saving') : t('minutes:amendForm.saveAs', { version: view.version.number + 1 })}
      </Button>
    </form>
  );
}
