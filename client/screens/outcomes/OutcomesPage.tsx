/**
 * A series' outcomes dashboard for coordinators, chairs and its governance board: a date range (kept in the URL),
 * the headline figures, and each chart with its table beside it (the table is the accessible form, and what boards
 * paste into reports), each table downloadable as CSV, plus the quarterly data return.
 */
import { lazy, Suspense, useEffect, useState, type FormEvent } from 'react';
import { outcomeTables, outcomeTableTitles, type FigureTable, type OutcomeTable, type OutcomesView } from '../../../shared/outcomes';
import { ApiError, apiGet } from '../../api';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { Button } from '../../components/Button';
import { DateInput, dateParts, partsToIso, type DateParts } from '../../components/DateInput';
import { ErrorSummary, type FieldError } from '../../components/ErrorSummary';
import { Select } from '../../components/Field';
import { SummaryList } from '../../components/SummaryList';
import { Table, type Column } from '../../components/Table';
import { chartFor } from './chart-data';

const OutcomeChart = lazy(() => import('./OutcomeChart'));

const fieldIds = { from: 'outcomes-from', to: 'outcomes-to' } as const;

function readRange(search: string): { from: string; to: string } {
  const q = new URLSearchParams(search);
  return { from: q.get('from') ?? '', to: q.get('to') ?? '' };
}
const rangeQuery = (r: { from: string; to: string }) => new URLSearchParams(Object.entries(r).filter(([, v]) => v)).toString();

function FiguresTable({ table, figures }: { table: OutcomeTable; figures: FigureTable }) {
  type Row = { key: string; cells: (string | number)[] };
  const rows: Row[] = figures.rows.map((cells, i) => ({ key: `${i}`, cells }));
  const numeric = (c: number) => figures.rows.length > 0 && figures.rows.every((r) => typeof r[c] === 'number' || r[c] === '');
  const columns: Column<Row>[] = figures.columns.map((header, c) => ({
    key: `c${c}`,
    header,
    rowHeader: c === 0,
    numeric: c > 0 && numeric(c),
    cell: (row) => (row.cells[c] === '' ? '–' : String(row.cells[c])),
  }));
  return <Table caption={outcomeTableTitles[table]} captionClass="govuk-table__caption--s govuk-visually-hidden" columns={columns} rows={rows} rowKey={(r) => r.key} compact />;
}

export function OutcomesPage({ seriesId }: { seriesId: string }) {
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
    const from = partsToIso(inputs.from, 'the start date');
    const to = partsToIso(inputs.to, 'the end date');
    const problems: FieldError[] = [];
    if ('error' in from) problems.push({ href: fieldIds.from, text: from.error });
    if ('error' in to) problems.push({ href: fieldIds.to, text: to.error });
    if ('iso' in from && 'iso' in to && from.iso > to.iso) problems.push({ href: fieldIds.from, text: 'The start date must be on or before the end date' });
    setErrors(problems);
    if (problems.length || !('iso' in from) || !('iso' in to)) return;
    const next = { from: from.iso, to: to.iso };
    // The URL is the view: reload, bookmark or share it and the same range shows.
    history.replaceState(null, '', `${location.pathname}?${rangeQuery(next)}`);
    setRange(next);
  };
  const errorOf = (id: string) => errors.find((e) => e.href === id)?.text ?? null;

  if (loadError) return <p role="alert">Could not load the outcomes: {loadError}</p>;
  const csvHref = (table: OutcomeTable) => `/api/series/${seriesId}/outcomes/${table}.csv?${rangeQuery({ from: view?.from ?? '', to: view?.to ?? '' })}`;
  const s = view?.summary;

  return (
    <section aria-labelledby="outcomes-heading">
      <Breadcrumbs items={[{ to: '/', text: 'Meetings' }, { to: `/series/${seriesId}`, text: view?.series.name || 'Series' }]} />
      <h1 id="outcomes-heading" className="govuk-heading-l" tabIndex={-1}>
        <span className="govuk-caption-l">{view?.series.name}</span>
        Outcomes dashboard
      </h1>
      <p className="govuk-body">Figures only: counts for the whole series, never case content. Dates are whole days, inclusive.</p>
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} noValidate className="app-outcomes-range">
        <DateInput id={fieldIds.from} legend="From" hint="For example, 1 9 2026" value={inputs.from} error={errorOf(fieldIds.from)} onChange={(from) => setInputs({ ...inputs, from })} />
        <DateInput id={fieldIds.to} legend="To" value={inputs.to} error={errorOf(fieldIds.to)} onChange={(to) => setInputs({ ...inputs, to })} />
        <Button type="submit">Show figures</Button>
      </form>

      {!view ? (
        <p className="govuk-body">Loading…</p>
      ) : (
        <>
          <h2 className="govuk-heading-m" id="outcomes-summary">
            {view.from} to {view.to}
          </h2>
          <SummaryList
            rows={[
              { key: 'Referrals', value: String(s!.referrals) },
              { key: 'Repeat referrals', value: `${s!.repeatReferrals}${s!.repeatRatePercent === null ? '' : ` (${s!.repeatRatePercent}%)`}` },
              { key: 'Decisions', value: String(s!.decisions) },
              { key: 'Actions agreed', value: String(s!.actionsAgreed) },
              { key: 'Median days to complete an action', value: s!.medianDaysToComplete === null ? 'None completed' : String(s!.medianDaysToComplete) },
              { key: 'Cases opened / closed / open at the end', value: `${s!.casesOpened} / ${s!.casesClosed} / ${s!.casesOpenAtEnd}` },
              { key: 'Meetings held', value: String(s!.meetingsHeld) },
            ]}
          />
          {outcomeTables.map((table) => {
            const figures = view.tables[table];
            const chart = chartFor(table, figures);
            const title = outcomeTableTitles[table];
            return (
              <section key={table} aria-labelledby={`outcomes-${table}`} className="app-outcomes-section">
                <h2 className="govuk-heading-m" id={`outcomes-${table}`}>
                  {title}
                </h2>
                <div className="govuk-grid-row">
                  {chart && (
                    <div className="govuk-grid-column-one-half">
                      <Suspense fallback={<p className="govuk-body">Loading the chart…</p>}>
                        <OutcomeChart data={chart} label={title} />
                      </Suspense>
                    </div>
                  )}
                  <div className={chart ? 'govuk-grid-column-one-half' : 'govuk-grid-column-full'}>
                    {figures.rows.length === 0 ? <p className="govuk-body">None in this range.</p> : <FiguresTable table={table} figures={figures} />}
                    {/* The name starts with the visible words (WCAG 2.5.3) and says which table, as a list of links would need. */}
                    <a className="govuk-button govuk-button--secondary" href={csvHref(table)} download aria-label={`Download as CSV: ${title}`}>
                      Download as CSV
                    </a>
                  </div>
                </div>
              </section>
            );
          })}
          <section aria-labelledby="outcomes-quarterly" className="app-outcomes-section">
            <h2 className="govuk-heading-m" id="outcomes-quarterly">
              Quarterly data return
            </h2>
            <p className="govuk-body">One CSV with every figure of a calendar quarter, one figure a row, in the documented layout.</p>
            <div className="app-outcomes-quarter">
              <Select id="return-year" label="Year" value={year} onChange={(e) => setYear(e.target.value)}>
                {Array.from({ length: 6 }, (_, i) => String(thisYear - i)).map((y) => (
                  <option key={y} value={y}>
                    {y}
                  </option>
                ))}
              </Select>
              <Select id="return-quarter" label="Quarter" value={quarter} onChange={(e) => setQuarter(e.target.value)}>
                {['1', '2', '3', '4'].map((q) => (
                  <option key={q} value={q}>
                    Q{q} ({['January to March', 'April to June', 'July to September', 'October to December'][Number(q) - 1]})
                  </option>
                ))}
              </Select>
            </div>
            <a className="govuk-button govuk-button--secondary" href={`/api/series/${seriesId}/outcomes/quarterly-return.csv?year=${year}&quarter=${quarter}`} download>
              Download the quarterly data return
            </a>
          </section>
        </>
      )}
    </section>
  );
}
