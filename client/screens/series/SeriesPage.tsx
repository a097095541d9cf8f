import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { SeriesMeetingView, SeriesView } from '../../../shared/api-types';
import { meetingStatusLabels } from '../../../shared/domain';
import { londonParts } from '../../../shared/cadence';
import { apiGet, apiPost } from '../../api';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { Button } from '../../components/Button';
import { DateInput, emptyDate } from '../../components/DateInput';
import { ErrorSummary, type FieldError } from '../../components/ErrorSummary';
import { Radios, TextInput } from '../../components/Field';
import { Link } from '../../components/Link';
import { SummaryList } from '../../components/SummaryList';
import { Tag, type TagColour } from '../../components/Tag';
import { formatMeetingDate } from '../../format';
import { toInstant } from './dates';
import { errorsFrom, fieldId, messageFor } from './form-errors';
import { CalendarFeed } from './CalendarFeed';
import { ArchiveSeries } from './ArchiveSeries';
import { MeetingChanges } from './MeetingChanges';

const statusColour: Record<SeriesMeetingView['status'], TagColour> = { scheduled: 'blue', live: 'green', ended: 'grey', cancelled: 'red' };

/** One series: its settings, its meetings (upcoming, past, cancelled) and, for those allowed, scheduling. */
export function SeriesPage({ seriesId }: { seriesId: string }) {
  const [data, setData] = useState<{ series: SeriesView; meetings: SeriesMeetingView[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const load = useCallback(() => {
    apiGet<{ series: SeriesView; meetings: SeriesMeetingView[] }>(`/series/${seriesId}`).then(setData, (err: Error) => setError(err.message));
  }, [seriesId]);
  useEffect(load, [load]);
  if (error) return <p role="alert">Could not load the series: {error}</p>;
  if (!data) return <p>Loading the series…</p>;
  const { series, meetings } = data;
  const nameOf = (id: string | null) => series.members.find((m) => m.personId === id)?.name ?? '—';
  const upcoming = meetings.filter((m) => m.status === 'scheduled' || m.status === 'live');
  const past = meetings.filter((m) => m.status === 'ended').reverse();
  const cancelled = meetings.filter((m) => m.status === 'cancelled');
  const changed = (message: string) => {
    setNotice(message);
    load();
  };

  const table = (caption: string, rows: SeriesMeetingView[], kind: 'upcoming' | 'past' | 'cancelled') => (
    <table className="govuk-table series-meetings">
      <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">
            Date
          </th>
          <th scope="col" className="govuk-table__header">
            Chair
          </th>
          <th scope="col" className="govuk-table__header">
            Status
          </th>
          <th scope="col" className="govuk-table__header">
            Links
          </th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {rows.map((m) => {
          const when = formatMeetingDate(m.scheduledAt);
          return (
            <tr className="govuk-table__row" key={m.id}>
              <td className="govuk-table__cell">
                {kind === 'past' && m.openedAt ? `Held ${formatMeetingDate(m.openedAt)}` : when}
                {kind === 'past' && m.openedAt && londonParts(Date.parse(m.openedAt)).date !== londonParts(Date.parse(m.scheduledAt)).date && (
                  <span className="govuk-hint"> (scheduled for {when})</span>
                )}
                {kind === 'cancelled' && m.cancelReason && <div className="govuk-hint">Reason: {m.cancelReason}</div>}
              </td>
              <td className="govuk-table__cell">{nameOf(m.chairId)}</td>
              <td className="govuk-table__cell">
                <Tag colour={statusColour[m.status]}>{meetingStatusLabels[m.status]}</Tag>
                {kind === 'past' && <div className="govuk-hint">{m.minutesAgreedAt ? 'Minutes agreed' : 'Minutes draft'}</div>}
              </td>
              <td className="govuk-table__cell">
                {series.abilities.meetings && (
                  <ul className="govuk-list">
                    {kind !== 'cancelled' && (
                      <li>
                        <Link className="govuk-link" to={`/meetings/${m.id}`}>
                          Open<span className="govuk-visually-hidden"> the meeting of {when}</span>
                        </Link>
                      </li>
                    )}
                    {kind === 'past' && (
                      <li>
                        <Link className="govuk-link" to={`/meetings/${m.id}/minutes`}>
                          Minutes<span className="govuk-visually-hidden"> of {when}</span>
                        </Link>
                      </li>
                    )}
                    <li>
                      <a className="govuk-link" href={`/api/meetings/${m.id}/calendar.ics`} download>
                        Calendar file<span className="govuk-visually-hidden"> for {when}</span>
                      </a>
                    </li>
                  </ul>
                )}
                {kind === 'upcoming' && series.abilities.schedule && <MeetingChanges meeting={m} series={series} onChanged={changed} />}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );

  return (
    <section aria-labelledby="series-heading">
      <Breadcrumbs items={[{ to: '/', text: 'Meetings' }]} />
      <h1 id="series-heading" className="govuk-heading-l" tabIndex={-1}>
        {series.name}
      </h1>
      {series.archived && <p className="govuk-inset-text">This series is archived: it is kept, read-only.</p>}
      {notice && (
        <div className="govuk-notification-banner govuk-notification-banner--success" role="status">
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">{notice}</p>
          </div>
        </div>
      )}
      <SummaryList
        rows={[
          { key: 'Body in the minutes', value: series.body },
          { key: 'Meets', value: series.cadenceText || 'No cadence set' },
          { key: 'Venue', value: series.onlineLink ? `${series.venue} (${series.onlineLink})` : series.venue },
          { key: 'Chair', value: `${nameOf(series.chairId)}${series.deputyChairId ? `; deputy ${nameOf(series.deputyChairId)}` : ''}` },
          { key: 'Case references', value: `${series.caseRefPrefixInUse}-YYYY-NNN${series.caseRefPrefix ? '' : ' (from the series name)'}` },
          { key: 'Standing items', value: series.template.map((t) => t.title).join(', ') || 'None' },
          { key: 'Members', value: `${series.members.length}` },
        ]}
      />
      <ul className="govuk-list">
        {series.abilities.edit && (
          <li>
            <Link className="govuk-link" to={`/series/${series.id}/edit`}>
              Edit the series
            </Link>
          </li>
        )}
        {series.abilities.tracker && (
          <li>
            <Link className="govuk-link" to={`/series/${series.id}/actions`}>
              Action tracker
            </Link>
          </li>
        )}
        {series.abilities.outcomes && (
          <li>
            <Link className="govuk-link" to={`/series/${series.id}/outcomes`}>
              Outcomes dashboard
            </Link>
          </li>
        )}
      </ul>
      {series.abilities.schedule && <ScheduleForm series={series} onScheduled={(n) => changed(`${n} meeting${n === 1 ? '' : 's'} scheduled`)} />}
      {table('Upcoming meetings', upcoming, 'upcoming')}
      {past.length > 0 && table('Past meetings', past, 'past')}
      {cancelled.length > 0 && table('Cancelled meetings', cancelled, 'cancelled')}
      <CalendarFeed />
      <ArchiveSeries series={series} onArchived={() => changed('The series is archived')} />
    </section>
  );
}

const S = 'schedule';

/** "Schedule meetings": the next N from the cadence, or one meeting at a date and time. */
function ScheduleForm({ series, onScheduled }: { series: SeriesView; onScheduled(count: number): void }) {
  const [how, setHow] = useState<'cadence' | 'one'>(series.cadence ? 'cadence' : 'one');
  const [count, setCount] = useState('6');
  const [date, setDate] = useState(emptyDate);
  const [time, setTime] = useState(series.cadence?.time ?? '10:00');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    let body: { count: number } | { startsAt: string };
    if (how === 'cadence') {
      if (!/^\d{1,2}$/.test(count.trim())) return setErrors([{ href: fieldId(S, 'count'), text: 'Enter how many meetings, for example 6' }]);
      body = { count: Number(count) };
    } else {
      const at = toInstant(date, time, 'the date');
      if (!('iso' in at)) {
        return setErrors([
          ...(at.dateError ? [{ href: fieldId(S, 'startsAt'), text: at.dateError }] : []),
          ...(at.timeError ? [{ href: fieldId(S, 'time'), text: at.timeError }] : []),
        ]);
      }
      body = { startsAt: at.iso };
    }
    setBusy(true);
    try {
      const res = await apiPost<{ meetings: SeriesMeetingView[] }>(`/series/${series.id}/meetings`, body);
      setErrors([]);
      onScheduled(res.meetings.length);
    } catch (e) {
      setErrors(errorsFrom(e, S, how === 'cadence' ? fieldId(S, 'count') : fieldId(S, 'startsAt')));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="schedule-heading" className="schedule-form">
      <h2 id="schedule-heading" className="govuk-heading-m">
        Schedule meetings
      </h2>
      <ErrorSummary errors={errors} />
      <Radios
        id={fieldId(S, 'how')}
        name="schedule-how"
        legend="How to schedule"
        value={how}
        onChange={(v) => setHow(v as 'cadence' | 'one')}
        choices={[
          { value: 'cadence', label: `The next meetings from the cadence (${series.cadenceText})`, disabled: !series.cadence },
          { value: 'one', label: 'One meeting at a date and time' },
        ]}
      />
      {how === 'cadence' ? (
        <TextInput id={fieldId(S, 'count')} label="How many meetings" inputMode="numeric" inputClass="govuk-input--width-3" value={count} error={messageFor(errors, S, 'count')} onChange={(e) => setCount(e.target.value)} />
      ) : (
        <>
          <DateInput id={fieldId(S, 'startsAt')} legend="Date" value={date} error={messageFor(errors, S, 'startsAt')} onChange={setDate} />
          <TextInput id={fieldId(S, 'time')} label="Start time" hint="24-hour clock, UK time" inputClass="govuk-input--width-5" value={time} error={messageFor(errors, S, 'time')} onChange={(e) => setTime(e.target.value)} />
        </>
      )}
      <Button type="submit" disabled={busy}>
        Schedule meetings
      </Button>
    </form>
  );
}
