/**
 * "Agree with amendments" under the standing item "Minutes of the last meeting": the chair says why, picks the item
 * the panel corrected and writes its corrected notes. One request amends the minutes (a new version) and agrees that
 * version, in one transaction on the server: a refused amendment agrees nothing.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MinutesView } from '../../../shared/minutes';
import { apiGet, apiPost, ApiError } from '../../api';
import { Button, ButtonGroup } from '../../components/Button';
import { Select, Textarea } from '../../components/Field';

export function AgreeWithAmendments({ previousMeetingId, atMeetingId, onAgreed, onCancel }: { previousMeetingId: string; atMeetingId: string; onAgreed(): void; onCancel(): void }) {
  const { t } = useTranslation(['room', 'common']);
  const [view, setView] = useState<MinutesView | null>(null);
  const [itemId, setItemId] = useState('');
  const [background, setBackground] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<{ note?: string; item?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    apiGet<{ minutes: MinutesView }>(`/meetings/${previousMeetingId}/minutes`).then(
      ({ minutes: v }) => {
        setView(v);
        const first = v.items[0];
        if (first) {
          setItemId(first.id);
          setBackground(first.background.join('\n\n'));
        }
      },
      (err: Error) => setErrors({ form: t('amend.couldNotLoad', { error: err.message }) }),
    );
  }, [previousMeetingId, t]);

  const choose = (id: string) => {
    setItemId(id);
    setBackground(view?.items.find((i) => i.id === id)?.background.join('\n\n') ?? '');
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: typeof errors = {};
    if (note.trim().length < 3) problems.note = t('amend.noteRequired');
    if (!itemId) problems.item = t('amend.itemRequired');
    setErrors(problems);
    if (Object.keys(problems).length) return;
    setBusy(true);
    try {
      await apiPost(`/meetings/${previousMeetingId}/minutes/agree`, { atMeetingId, amendment: { note: note.trim(), items: [{ id: itemId, background }] } });
      onAgreed();
    } catch (err) {
      const fields = err instanceof ApiError ? err.fields : {};
      setErrors({ form: err instanceof ApiError ? err.message : t('amend.couldNotAgree'), note: fields['amendment.note'] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="app-agree-amended" onSubmit={(e) => void submit(e)} aria-labelledby="agree-amended-heading" noValidate>
      <h4 className="govuk-heading-s" id="agree-amended-heading">
        {t('amend.heading')}
      </h4>
      {errors.form && (
        <p className="govuk-error-message" role="alert">
          {errors.form}
        </p>
      )}
      <Textarea
        id="agree-amended-note"
        label={t('amend.note')}
        hint={t('amend.noteHint')}
        rows={2}
        maxLength={500}
        value={note}
        error={errors.note}
        onChange={(e) => setNote(e.target.value)}
      />
      {view && (
        <>
          <Select id="agree-amended-item" label={t('amend.item')} value={itemId} error={errors.item} onChange={(e) => choose(e.target.value)}>
            {view.items.map((i) => (
              <option key={i.id} value={i.id}>
                {t('amend.itemOption', { number: i.number, title: i.title })}
              </option>
            ))}
          </Select>
          <Textarea id="agree-amended-background" label={t('amend.background')} rows={4} value={background} onChange={(e) => setBackground(e.target.value)} />
        </>
      )}
      <ButtonGroup>
        <Button type="submit" disabled={busy || !view}>
          {t('amend.submit')}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('common:cancel')}
        </Button>
      </ButtonGroup>
    </form>
  );
}
