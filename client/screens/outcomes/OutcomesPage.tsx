/**
 * A series' outcomes dashboard for coordinators, chairs and its governance board: a date range (kept in the URL),
 * the headline figures, and each chart with its table beside it (the table is the accessible form, and what boards
 * paste into reports), each table downloadable as CSV, plus the quarterly data return.
 */
import { lazy, Suspense, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { outcomeTables, type FigureTable, type OutcomeTable, type OutcomesView } from '../../../shared/outcomes';
import { ApiError, apiGet } from '../../api';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { Button } from '../../components/Button';
import { DateInput, dateParts, partsToIso, type DateParts } from '../../components/DateInput';
import { ErrorSummary, type FieldError } from '../../components/ErrorSummary';
import { Select } from '../../components/Field';
import { SummaryList } from '../../components/SummaryList';
import { Table, type Column } from '../../components/Table';
import { useFormat } from '../../i18n';
import { chartFor } from './chart-data';

const OutcomeChart = lazy(() => import('./OutcomeChart'));

const fieldIds = { from: 'outcomes-from', to: 'outcomes-to' } as const;

function readRange(search: string): { from: string; to: string } {
  const q = new URLSearchParams(search);
  return { from: q.get('from') ?? '', to: q.get('to') ?? '' };
}
const rangeQuery = (r: { from: string; to: string }) => new URLSearchParams(Object.entries(r).filter(([, v]) => v)).toString();

function FiguresTable({ table, figures }: { table: OutcomeTable; figures: FigureTable }) {
  const { t } = useTranslation(['outcomes']);
  type Row = { key: string; cells: (string | number)[] };
  const rows: Row[] = figures.rows.map((cells, i) => ({ key: `${i}`, cells }));
  const numeric = (c: number) => figures.rows.length > 0 && figures.rows.every((r) => typeof r[c] === 'number' || r[c] === '');
  const columns: Column<Row>[] = figures.columns.map((header, c) => ({
    key: `c${c}`,
    header,
    rowHeader: c === 0,
    numeric: c > 0 && numeric(c),
    // As the CSV holds them (digits read the same in both languages), so a pasted table and the CSV agree.
    cell: (row) => (row.cells[c] === '' ? '–' : String(row.cells[c])),
  }));
  return <Table caption={t(`outcomes:tables.${table}`)} captionClass="govuk-table__caption--s govuk-visually-hidden" columns={columns} rows={rows} rowKey={(r) => r.key} compact />;
}

export function OutcomesPage({ seriesId }: { seriesId: string }) {
  const { t } = useTranslation(['outcomes', 'common']);
  const { day, number } = useFormat();
  const [range, setRange] = useState(() => readRange(location.search));
  const [inputs, setInputs] = useState<{ from: DateParts; to: DateParts }>({ from: dateParts(range.from), to: dateParts(range.to) });
  const [view, setView] = useState<OutcomesView | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(String(thisYear));
  const [quarter, setQuarter] = useState(String(Math.floor(new Date().getMonth() / 3) + 1));

  useEffect(() => {
    let current = true;
    apiGet<OutcomesView>(`/series/${seriesId}/outcomes?${rangeQuery(range)}`).then(
      (body) => {
        if (!current) return;
        setView(body);
        setLoadError(null);
        setInputs({ from: dateParts(body.from), to: dateParts(body.to) });
      },
      (err: Error) => {
        if (!current) return;
        if (err instanceof ApiError && err.status === 422) {
          setErrors(Object.entries(err.fields).map(([field, text]) => ({ href: fieldIds[field as keyof typeof fieldIds] ?? fieldIds.from, text })));
        } else setLoadError(err.message);
      },
    );
    return () => {
      current = false;
    };
  }, [seriesId, range]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const from = partsToIso(inputs.from, t('outcomes:startDate'));
    const to = partsToIso(inputs.to, t('outcomes:endDate'));
    const problems: FieldError[] = [];
    if ('error' in from) problems.push({ href: fieldIds.from, text: from.error });
    if ('error' in to) problems.push({ href: fieldIds.to, text: to.error });
    if ('iso' in from && 'iso' in to && from.iso > to.iso) problems.push({ href: fieldIds.from, text: t('outcomes:errors.startAfterEnd') });
    setErrors(problems);
    if (problems.length || !('iso' in from) || !('iso' in to)) return;
    const next = { from: from.iso, to: to.iso };
    // The URL is the view: reload, bookmark or share it and the same range shows.
    history.replaceState(null, '', `${location.pathname}?${rangeQuery(next)}`);
    setRange(next);
  };
  const errorOf = (id: string) => errors.find((e) => e.href === id)?.text ?? null;

  if (loadError) return <p role="alert">{t('outcomes:couldNotLoad', { error: loadError })}</p>;
  const csvHref = (table: OutcomeTable) => `/api/series/${seriesId}/outcomes/${table}.csv?${rangeQuery({ from: view?.from ?? '', to: view?.to ?? '' })}`;
  const s = view?.summary;

  return (
    <section aria-labelledby="outcomes-heading">
      <Breadcrumbs items={[{ to: '/', text: t('common:nav.meetings') }, { to: `/series/${seriesId}`, text: view?.series.name || t('outcomes:series') }]} />
      <h1 id="outcomes-heading" className="govuk-heading-l" tabIndex={-1}>
        <span className="govuk-caption-l">{view?.series.name}</span>
        {t('outcomes:heading')}
      </h1>
      <p className="govuk-body">{t('outcomes:intro')}</p>
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} noValidate className="app-outcomes-range">
        <DateInput id={fieldIds.from} legend={t('outcomes:from')} hint={t('outcomes:dateHint')} value={inputs.from} error={errorOf(fieldIds.from)} onChange={(from) => setInputs({ ...inputs, from })} />
        <DateInput id={fieldIds.to} legend={t('outcomes:to')} value={inputs.to} error={errorOf(fieldIds.to)} onChange={(to) => setInputs({ ...inputs, to })} />
        <Button type="submit">{t('outcomes:show')}</Button>
      </form>

      {!view ? (
        <p className="govuk-body">{t('common:loading')}</p>
      ) : (
        <>
          <h2 className="govuk-heading-m" id="outcomes-summary">
            {t('outcomes:range', { from: day(view.from), to: day(view.to) })}
          </h2>
          <SummaryList
            rows={[
              { key: t('outcomes:summary.referrals'), value: number(s!.referrals) },
              {
                key: t('outcomes:summary.repeatReferrals'),
                value:
                  s!.repeatRatePercent === null
                    ? number(s!.repeatReferrals)
                    : t('outcomes:summary.repeatValue', { count: number(s!.repeatReferrals), rate: number(s!.repeatRatePercent / 100, { style: 'percent', maximumFractionDigits: 1 }) }),
              },
              { key: t('outcomes:summary.decisions'), value: number(s!.decisions) },
              { key: t('outcomes:summary.actionsAgreed'), value: number(s!.actionsAgreed) },
              { key: t('outcomes:summary.medianDays'), value: s!.medianDaysToComplete === null ? t('outcomes:summary.noneCompleted') : number(s!.medianDaysToComplete) },
              { key: t('outcomes:summary.cases'), value: t('outcomes:summary.casesValue', { opened: number(s!.casesOpened), closed: number(s!.casesClosed), open: number(s!.casesOpenAtEnd) }) },
              { key: t('outcomes:summary.meetingsHeld'), value: number(s!.meetingsHeld) },
            ]}
          />
          {outcomeTables.map((table) => {
            const figures = view.tables[table];
            const chart = chartFor(table, figures);
            const title = t(`outcomes:tables.${table}`);
            return (
              <section key={table} aria-labelledby={`outcomes-${table}`} className="app-outcomes-section">
                <h2 className="govuk-heading-m" id={`outcomes-${table}`}>
                  {title}
                </h2>
                <div className="govuk-grid-row">
                  {chart && (
                    <div className="govuk-grid-column-one-half">
                      <Suspense fallback={<p className="govuk-body">{t('outcomes:loadingChart')}</p>}>
                        <OutcomeChart data={chart} label={title} />
                      </Suspense>
                    </div>
                  )}
                  <div className={chart ? 'govuk-grid-column-one-half' : 'govuk-grid-column-full'}>
                    {figures.rows.length === 0 ? <p className="govuk-body">{t('outcomes:noneInRange')}</p> : <FiguresTable table={table} figures={figures} />}
                    {/* The name starts with the visible words (WCAG 2.5.3) and says which table, as a list of links would need. */}
                    <a className="govuk-button govuk-button--secondary" href={csvHref(table)} download aria-label={t('outcomes:downloadCsvLabel', { title })}>
                      {t('outcomes:downloadCsv')}
                    </a>
                  </div>
                </div>
              </section>
            );
          })}
          <section aria-labelledby="outcomes-quarterly" className="app-outcomes-section">
            <h2 className="govuk-heading-m" id="outcomes-quarterly">
              {t('outcomes:quarterly.heading')}
            </h2>
            <p className="govuk-body">{t('outcomes:quarterly.intro')}</p>
            <div className="app-outcomes-quarter">
              <Select id="return-year" label={t('outcomes:quarterly.year')} value={year} onChange={(e) => setYear(e.target.value)}>
                {Array.from({ length: 6 }, (_, i) => String(thisYear - i)).map((y) => (
                  <option key={y} value={y}>
                    {y}
                  </option>
                ))}
              </Select>
              <Select id="return-quarter" label={t('outcomes:quarterly.quarter')} value={quarter} onChange={(e) => setQuarter(e.target.value)}>
                {(['1', '2', '3', '4'] as const).map((q) => (
                  <option key={q} value={q}>
                    {t(`outcomes:quarterly.q${q}`)}
                  </option>
                ))}
              </Select>
            </div>
            <a className="govuk-button govuk-button--secondary" href={`/api/series/${seriesId}/outcomes/quarterly-return.csv?year=${year}&quarter=${quarter}`} download>
              {t('outcomes:quarterly.download')}
            </a>
          </section>
        </>
      )}
    </section>
  );
}
