import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SeriesMeetingView, SeriesView } from '../../../shared/api-types';
import { describeCadence, londonParts } from '../../../shared/cadence';
import { apiGet, apiPost } from '../../api';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { Button } from '../../components/Button';
import { DateInput, emptyDate } from '../../components/DateInput';
import { ErrorSummary, type FieldError } from '../../components/ErrorSummary';
import { Radios, TextInput } from '../../components/Field';
import { Link } from '../../components/Link';
import { SummaryList } from '../../components/SummaryList';
import { Tag, type TagColour } from '../../components/Tag';
import { localised, useFormat } from '../../i18n';
import { toInstant } from './dates';
import { errorsFrom, fieldId, messageFor } from './form-errors';
import { CalendarFeed } from './CalendarFeed';
import { ArchiveSeries } from './ArchiveSeries';
import { MeetingChanges } from './MeetingChanges';

const statusColour: Record<SeriesMeetingView['status'], TagColour> = { scheduled: 'blue', live: 'green', ended: 'grey', cancelled: 'red' };

/** One series: its settings, its meetings (upcoming, past, cancelled) and, for those allowed, scheduling. */
export function SeriesPage({ seriesId }: { seriesId: string }) {
  const { t } = useTranslation(['series', 'domain', 'common', 'minutesDoc']);
  const f = useFormat();
  const [data, setData] = useState<{ series: SeriesView; meetings: SeriesMeetingView[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const load = useCallback(() => {
    apiGet<{ series: SeriesView; meetings: SeriesMeetingView[] }>(`/series/${seriesId}`).then(setData, (err: Error) => setError(err.message));
  }, [seriesId]);
  useEffect(load, [load]);
  if (error) return <p role="alert">{t('series:page.couldNotLoad', { error })}</p>;
  if (!data) return <p>{t('series:page.loading')}</p>;
  const { series, meetings } = data;
  // Built here from the cadence, in the reader's language (the API's cadenceText is the stored English wording).
  const cadenceText = series.cadence ? describeCadence(series.cadence, localised) : series.cadenceText;
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
            {t('series:page.date')}
          </th>
          <th scope="col" className="govuk-table__header">
            {t('series:page.chair')}
          </th>
          <th scope="col" className="govuk-table__header">
            {t('series:page.status')}
          </th>
          <th scope="col" className="govuk-table__header">
            {t('series:page.links')}
          </th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {rows.map((m) => {
          const when = f.dateTime(m.scheduledAt);
          return (
            <tr className="govuk-table__row" key={m.id}>
              <td className="govuk-table__cell">
                {kind === 'past' && m.openedAt ? t('series:page.held', { date: f.dateTime(m.openedAt) }) : when}
                {kind === 'past' && m.openedAt && londonParts(Date.parse(m.openedAt)).date !== londonParts(Date.parse(m.scheduledAt)).date && (
                  <span className="govuk-hint">{t('series:page.scheduledFor', { date: when })}</span>
                )}
                {kind === 'cancelled' && m.cancelReason && <div className="govuk-hint">{t('series:page.reason', { reason: m.cancelReason })}</div>}
              </td>
              <td className="govuk-table__cell">{nameOf(m.chairId)}</td>
              <td className="govuk-table__cell">
                <Tag colour={statusColour[m.status]}>{t(`domain:meetingStatus.${m.status}`)}</Tag>
                {kind === 'past' && <div className="govuk-hint">{m.minutesAgreedAt ? t('series:page.minutesAgreed') : t('series:page.minutesDraft')}</div>}
              </td>
              <td className="govuk-table__cell">
                {series.abilities.meetings && (
                  <ul className="govuk-list">
                    {kind !== 'cancelled' && (
                      <li>
                        <Link className="govuk-link" to={`/meetings/${m.id}`}>
                          {t('series:page.open')}
                          <span className="govuk-visually-hidden">{t('series:page.openHidden', { when })}</span>
                        </Link>
                      </li>
                    )}
                    {kind === 'past' && (
                      <li>
                        <Link className="govuk-link" to={`/meetings/${m.id}/minutes`}>
                          {t('series:page.minutes')}
                          <span className="govuk-visually-hidden">{t('series:page.minutesHidden', { when })}</span>
                        </Link>
                      </li>
                    )}
                    <li>
                      <a className="govuk-link" href={`/api/meetings/${m.id}/calendar.ics`} download>
                        {t('series:page.calendarFile')}
                        <span className="govuk-visually-hidden">{t('series:page.calendarFileHidden', { when })}</span>
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
      <Breadcrumbs items={[{ to: '/', text: t('common:nav.meetings') }]} />
      <h1 id="series-heading" className="govuk-heading-l" tabIndex={-1}>
        {series.name}
      </h1>
      {series.archived && <p className="govuk-inset-text">{t('series:page.archived')}</p>}
      {notice && (
        <div className="govuk-notification-banner govuk-notification-banner--success" role="status">
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">{notice}</p>
          </div>
        </div>
      )}
      <SummaryList
        rows={[
          { key: t('series:page.bodyInMinutes'), value: series.body },
          { key: t('series:page.meets'), value: cadenceText || t('series:page.noCadence') },
          { key: t('series:page.venue'), value: series.onlineLink ? t('series:page.venueWithLink', { venue: series.venue, link: series.onlineLink }) : series.venue },
          {
            key: t('series:page.chair'),
            value: series.deputyChairId ? t('series:page.chairWithDeputy', { chair: nameOf(series.chairId), deputy: nameOf(series.deputyChairId) }) : nameOf(series.chairId),
          },
          { key: t('series:page.caseReferences'), value: t(series.caseRefPrefix ? 'series:page.caseRefPattern' : 'series:page.caseRefPatternDerived', { prefix: series.caseRefPrefixInUse }) },
          { key: t('minutesDoc:setting.heading'), value: t(`minutesDoc:setting.choices.${series.minutesLanguage}`) },
          { key: t('series:page.standingItems'), value: series.template.map((item) => item.title).join(', ') || t('series:page.none') },
          { key: t('series:page.members'), value: f.number(series.members.length) },
        ]}
      />
      <ul className="govuk-list">
        {series.abilities.edit && (
          <li>
            <Link className="govuk-link" to={`/series/${series.id}/edit`}>
              {t('series:page.edit')}
            </Link>
          </li>
        )}
        {series.abilities.tracker && (
          <li>
            <Link className="govuk-link" to={`/series/${series.id}/actions`}>
              {t('series:page.tracker')}
            </Link>
          </li>
        )}
        {series.abilities.outcomes && (
          <li>
            <Link className="govuk-link" to={`/series/${series.id}/outcomes`}>
              {t('series:page.outcomes')}
            </Link>
          </li>
        )}
      </ul>
      {series.abilities.schedule && <ScheduleForm series={series} onScheduled={(n) => changed(t('series:page.scheduled', { count: n }))} />}
      {table(t('series:page.upcoming'), upcoming, 'upcoming')}
      {past.length > 0 && table(t('series:page.past'), past, 'past')}
      {cancelled.length > 0 && table(t('series:page.cancelled'), cancelled, 'cancelled')}
      <CalendarFeed />
      <ArchiveSeries series={series} onArchived={() => changed(t('series:page.archivedNotice'))} />
    </section>
  );
}

const S = 'schedule';

/** "Schedule meetings": the next N from the cadence, or one meeting at a date and time. */
function ScheduleForm({ series, onScheduled }: { series: SeriesView; onScheduled(count: number): void }) {
  const { t } = useTranslation('series');
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
      if (!/^\d{1,2}$/.test(count.trim())) return setErrors([{ href: fieldId(S, 'count'), text: t('schedule.enterCount') }]);
      body = { count: Number(count) };
    } else {
      const at = toInstant(date, time, t('schedule.dateWhat'));
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
        {t('schedule.heading')}
      </h2>
      <ErrorSummary errors={errors} />
      <Radios
        id={fieldId(S, 'how')}
        name="schedule-how"
        legend={t('schedule.how')}
        value={how}
        onChange={(v) => setHow(v as 'cadence' | 'one')}
        choices={[
          { value: 'cadence', label: t('schedule.fromCadence', { cadence: series.cadence ? describeCadence(series.cadence, localised) : '' }), disabled: !series.cadence },
          { value: 'one', label: t('schedule.one') },
        ]}
      />
      {how === 'cadence' ? (
        <TextInput id={fieldId(S, 'count')} label={t('schedule.count')} inputMode="numeric" inputClass="govuk-input--width-3" value={count} error={messageFor(errors, S, 'count')} onChange={(e) => setCount(e.target.value)} />
      ) : (
        <>
          <DateInput id={fieldId(S, 'startsAt')} legend={t('schedule.date')} value={date} error={messageFor(errors, S, 'startsAt')} onChange={setDate} />
          <TextInput id={fieldId(S, 'time')} label={t('schedule.startTime')} hint={t('schedule.startTimeHint')} inputClass="govuk-input--width-5" value={time} error={messageFor(errors, S, 'time')} onChange={(e) => setTime(e.target.value)} />
        </>
      )}
      <Button type="submit" disabled={busy}>
        {t('schedule.submit')}
      </Button>
    </form>
  );
}
