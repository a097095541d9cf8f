import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n';
import type { SeriesMeetingView, SeriesView } from '../../../shared/api-types';
import { apiPatch, apiPost } from '../../api';
import { Button, ButtonGroup } from '../../components/Button';
import { DateInput } from '../../components/DateInput';
import { ErrorSummary, type FieldError } from '../../components/ErrorSummary';
import { Select, TextInput, Textarea } from '../../components/Field';
import { fromInstant, toInstant } from './dates';
import { errorsFrom, fieldId, messageFor } from './form-errors';

/** Reschedule (with the chair for this meeting) or cancel one upcoming meeting, each behind its own button. */
export function MeetingChanges({ meeting, series, onChanged }: { meeting: SeriesMeetingView; series: SeriesView; onChanged(message: string): void }) {
  const { t } = useTranslation('series');
  const f = useFormat();
  const [open, setOpen] = useState<'reschedule' | 'cancel' | null>(null);
  const when = f.dateTime(meeting.scheduledAt);
  if (meeting.status !== 'scheduled') return null;
  return (
    <div className="meeting-changes">
      {open === null && (
        <ButtonGroup>
          <Button variant="secondary" small onClick={() => setOpen('reschedule')}>
            {t('changes.reschedule')}
            <span className="govuk-visually-hidden">{t('changes.meetingOfHidden', { when })}</span>
          </Button>
          <Button variant="warning" small onClick={() => setOpen('cancel')}>
            {t('changes.cancel')}
            <span className="govuk-visually-hidden">{t('changes.meetingOfHidden', { when })}</span>
          </Button>
        </ButtonGroup>
      )}
      {open === 'reschedule' && <RescheduleForm meeting={meeting} series={series} onDone={(m) => (setOpen(null), m && onChanged(m))} />}
      {open === 'cancel' && <CancelForm meeting={meeting} onDone={(m) => (setOpen(null), m && onChanged(m))} />}
    </div>
  );
}

function RescheduleForm({ meeting, series, onDone }: { meeting: SeriesMeetingView; series: SeriesView; onDone(message: string | null): void }) {
  const { t } = useTranslation('series');
  const f = useFormat();
  const F = `reschedule-${meeting.id}`;
  const start = fromInstant(meeting.scheduledAt);
  const [date, setDate] = useState(start.date);
  const [time, setTime] = useState(start.time);
  const [chairId, setChairId] = useState(meeting.chairId ?? '');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const at = toInstant(date, time, t('changes.newDateWhat'));
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
      onDone(body.startsAt ? t('changes.moved', { when: f.dateTime(body.startsAt) }) : t('changes.chairChanged'));
    } catch (e) {
      setErrors(errorsFrom(e, F, fieldId(F, 'startsAt')));
    }
  };
  const chairs = series.members.filter((m) => m.role === 'chair' || m.role === 'coordinator');
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('changes.rescheduleLabel', { when: f.dateTime(meeting.scheduledAt) })}>
      <ErrorSummary errors={errors} />
      <DateInput id={fieldId(F, 'startsAt')} legend={t('changes.newDate')} value={date} error={messageFor(errors, F, 'startsAt')} onChange={setDate} />
      <TextInput id={fieldId(F, 'time')} label={t('changes.newStartTime')} inputClass="govuk-input--width-5" value={time} error={messageFor(errors, F, 'time')} onChange={(e) => setTime(e.target.value)} />
      <Select id={fieldId(F, 'chairId')} label={t('changes.chairOfMeeting')} value={chairId} error={messageFor(errors, F, 'chairId')} onChange={(e) => setChairId(e.target.value)}>
        {chairs.map((m) => (
          <option key={m.personId} value={m.personId}>
            {m.name}
          </option>
        ))}
      </Select>
      <ButtonGroup>
        <Button type="submit">{t('changes.saveChanges')}</Button>
        <Button variant="secondary" onClick={() => onDone(null)}>
          {t('changes.keepAsItIs')}
        </Button>
      </ButtonGroup>
    </form>
  );
}

function CancelForm({ meeting, onDone }: { meeting: SeriesMeetingView; onDone(message: string | null): void }) {
  const { t } = useTranslation('series');
  const f = useFormat();
  const F = `cancel-${meeting.id}`;
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await apiPost(`/meetings/${meeting.id}/cancel`, { reason });
      onDone(t('changes.cancelled', { when: f.dateTime(meeting.scheduledAt) }));
    } catch (e) {
      setErrors(errorsFrom(e, F, fieldId(F, 'reason')));
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('changes.cancelLabel', { when: f.dateTime(meeting.scheduledAt) })}>
      <ErrorSummary errors={errors} />
      <Textarea id={fieldId(F, 'reason')} label={t('changes.why')} hint={t('changes.whyHint')} rows={2} value={reason} error={messageFor(errors, F, 'reason')} onChange={(e) => setReason(e.target.value)} />
      <ButtonGroup>
        <Button variant="warning" type="submit">
          {t('changes.cancelMeeting')}
        </Button>
        <Button variant="secondary" onClick={() => onDone(null)}>
          {t('changes.keepMeeting')}
        </Button>
      </ButtonGroup>
    </form>
  );
}
