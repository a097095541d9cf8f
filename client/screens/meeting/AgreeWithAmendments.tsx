/**
 * "Agree with amendments" under the standing item "Minutes of the last meeting": the chair says why, picks the item
 * the panel corrected and writes its corrected notes. One request amends the minutes (a new version) and agrees that
 * version, in one transaction on the server: a refused amendment agrees nothing.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { MinutesView } from '../../../shared/minutes';
import { apiGet, apiPost, ApiError } from '../../api';
import { Button, ButtonGroup } from '../../components/Button';
import { Select, Textarea } from '../../components/Field';

export function AgreeWithAmendments({ previousMeetingId, atMeetingId, onAgreed, onCancel }: { previousMeetingId: string; atMeetingId: string; onAgreed(): void; onCancel(): void }) {
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
      (err: Error) => setErrors({ form: `Could not load the last minutes: ${err.message}` }),
    );
  }, [previousMeetingId]);

  const choose = (id: string) => {
    setItemId(id);
    setBackground(view?.items.find((i) => i.id === id)?.background.join('\n\n') ?? '');
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: typeof errors = {};
    if (note.trim().length < 3) problems.note = 'Say why the minutes are amended';
    if (!itemId) problems.item = 'Choose the item that was corrected';
    setErrors(problems);
    if (Object.keys(problems).length) return;
    setBusy(true);
    try {
      await apiPost(`/meetings/${previousMeetingId}/minutes/agree`, { atMeetingId, amendment: { note: note.trim(), items: [{ id: itemId, background }] } });
      onAgreed();
    } catch (err) {
      const fields = err instanceof ApiError ? err.fields : {};
      setErrors({ form: err instanceof ApiError ? err.message : 'Could not agree the minutes', note: fields['amendment.note'] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="app-agree-amended" onSubmit={(e) => void submit(e)} aria-labelledby="agree-amended-heading" noValidate>
      <h4 className="govuk-heading-s" id="agree-amended-heading">
        Agree with amendments
      </h4>
      {errors.form && (
        <p className="govuk-error-message" role="alert">
          {errors.form}
        </p>
      )}
      <Textarea
        id="agree-amended-note"
        label="Why are the minutes amended?"
        hint="Recorded with the new version, for example “Apologies from the housing officer were missed”"
        rows={2}
        maxLength={500}
        value={note}
        error={errors.note}
        onChange={(e) => setNote(e.target.value)}
      />
      {view && (
        <>
          <Select id="agree-amended-item" label="Item corrected" value={itemId} error={errors.item} onChange={(e) => choose(e.target.value)}>
            {view.items.map((i) => (
              <option key={i.id} value={i.id}>
                {i.number}. {i.title}
              </option>
            ))}
          </Select>
          <Textarea id="agree-amended-background" label="What the item's notes should say" rows={4} value={background} onChange={(e) => setBackground(e.target.value)} />
        </>
      )}
      <ButtonGroup>
        <Button type="submit" disabled={busy || !view}>
          Amend and agree as a correct record
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </ButtonGroup>
    </form>
  );
}
