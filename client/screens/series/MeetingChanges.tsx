import { useState, type FormEvent } from 'react';
import type { SeriesMeetingView, SeriesView } from '../../../shared/api-types';
import { apiPatch, apiPost } from '../../api';
import { Button, ButtonGroup } from '../../components/Button';
import { DateInput } from '../../components/DateInput';
import { ErrorSummary, type FieldError } from '../../components/ErrorSummary';
import { Select, TextInput, Textarea } from '../../components/Field';
import { formatMeetingDate } from '../../format';
import { fromInstant, toInstant } from './dates';
import { errorsFrom, fieldId, messageFor } from './form-errors';

/** Reschedule (with the chair for this meeting) or cancel one upcoming meeting, each behind its own button. */
export function MeetingChanges({ meeting, series, onChanged }: { meeting: SeriesMeetingView; series: SeriesView; onChanged(message: string): void }) {
  const [open, setOpen] = useState<'reschedule' | 'cancel' | null>(null);
  const when = formatMeetingDate(meeting.scheduledAt);
  if (meeting.status !== 'scheduled') return null;
  return (
    <div className="meeting-changes">
      {open === null && (
        <ButtonGroup>
          <Button variant="secondary" small onClick={() => setOpen('reschedule')}>
            Reschedule<span className="govuk-visually-hidden"> the meeting of {when}</span>
          </Button>
          <Button variant="warning" small onClick={() => setOpen('cancel')}>
            Cancel<span className="govuk-visually-hidden"> the meeting of {when}</span>
          </Button>
        </ButtonGroup>
      )}
      {open === 'reschedule' && <RescheduleForm meeting={meeting} series={series} onDone={(m) => (setOpen(null), m && onChanged(m))} />}
      {open === 'cancel' && <CancelForm meeting={meeting} onDone={(m) => (setOpen(null), m && onChanged(m))} />}
    </div>
  );
}

function RescheduleForm({ meeting, series, onDone }: { meeting: SeriesMeetingView; series: SeriesView; onDone(message: string | null): void }) {
  const F = `reschedule-${meeting.id}`;
  const start = fromInstant(meeting.scheduledAt);
  const [date, setDate] = useState(start.date);
  const [time, setTime] = useState(start.time);
  const [chairId, setChairId] = useState(meeting.chairId ?? '');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const at = toInstant(date, time, 'the new date');
    if (!('iso' in at)) {
      setErrors([...(at.dateError ? [{ href: fieldId(F, 'startsAt'), text: at.dateError }] : []), ...(at.timeError ? [{ href: fieldId(F, 'time'), text: at.timeError }] : [])]);
      return;
    }
    const body: { startsAt?: string; chairId?: string } = {};
    if (at.iso !== meeting.scheduledAt) body.startsAt = at.iso;
    if (chairId && chairId !== meeting.chairId) body.chairId = chairId;
    if (!body.startsAt && !body.chairId) return onDone(null);
    try {
      await apiPatch(`/meetings/${meeting.id}`, body);
      onDone(body.startsAt ? `Meeting moved to ${formatMeetingDate(body.startsAt)}` : 'Chair changed for that meeting');
    } catch (e) {
      setErrors(errorsFrom(e, F, fieldId(F, 'startsAt')));
    }
  };
  const chairs = series.members.filter((m) => m.role === 'chair' || m.role === 'coordinator');
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={`Reschedule the meeting of ${formatMeetingDate(meeting.scheduledAt)}`}>
      <ErrorSummary errors={errors} />
      <DateInput id={fieldId(F, 'startsAt')} legend="New date" value={date} error={messageFor(errors, F, 'startsAt')} onChange={setDate} />
      <TextInput id={fieldId(F, 'time')} label="New start time" inputClass="govuk-input--width-5" value={time} error={messageFor(errors, F, 'time')} onChange={(e) => setTime(e.target.value)} />
      <Select id={fieldId(F, 'chairId')} label="Chair of this meeting" value={chairId} error={messageFor(errors, F, 'chairId')} onChange={(e) => setChairId(e.target.value)}>
        {chairs.map((m) => (
          <option key={m.personId} value={m.personId}>
            {m.name}
          </option>
        ))}
      </Select>
      <ButtonGroup>
        <Button type="submit">Save changes</Button>
        <Button variant="secondary" onClick={() => onDone(null)}>
          Keep as it is
        </Button>
      </ButtonGroup>
    </form>
  );
}

function CancelForm({ meeting, onDone }: { meeting: SeriesMeetingView; onDone(message: string | null): void }) {
  const F = `cancel-${meeting.id}`;
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await apiPost(`/meetings/${meeting.id}/cancel`, { reason });
      onDone(`The meeting of ${formatMeetingDate(meeting.scheduledAt)} is cancelled`);
    } catch (e) {
      setErrors(errorsFrom(e, F, fieldId(F, 'reason')));
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={`Cancel the meeting of ${formatMeetingDate(meeting.scheduledAt)}`}>
      <ErrorSummary errors={errors} />
      <Textarea id={fieldId(F, 'reason')} label="Why is it cancelled?" hint="Kept with the meeting and shown to members" rows={2} value={reason} error={messageFor(errors, F, 'reason')} onChange={(e) => setReason(e.target.value)} />
      <ButtonGroup>
        <Button variant="warning" type="submit">
          Cancel the meeting
        </Button>
        <Button variant="secondary" onClick={() => onDone(null)}>
          Keep the meeting
        </Button>
      </ButtonGroup>
    </form>
  );
}
