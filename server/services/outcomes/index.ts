/**
 * The outcomes dashboard of a series: who may see it (coordinators, chairs, the governance board), the date range it
 * covers, its figures, their CSVs and the quarterly data return. Every view and download is audited.
 */
import type enOutcomes from '../../../shared/i18n/locales/en/outcomes.json';
import { csvDocument } from '../../../shared/csv.js';
import { defaultLanguage, type Language } from '../../../shared/i18n/languages.js';
import { outcomeLimits } from '../../../shared/limits.js';
import { outcomeTables, type FigureTable, type OutcomeTable, type OutcomesView } from '../../../shared/outcomes.js';
import type { Storage } from '../../db/stores/storage.js';
import type { AuditEntry } from '../../db/stores/room-records.js';
import { AppError, invalidFields } from '../../errors.js';
import { translator } from '../../i18n.js';

type TFunction = ReturnType<typeof translator>;
import type { Actor, Policies } from '../../policies/index.js';
import { defaultRange, parseIsoDate, quarterRange } from './dates.js';
import { computeOutcomes, readOutcomeRows } from './figures.js';

export interface CsvFile {
  fileName: string;
  body: string;
}

/** [from, to] from the query: both default to the last three months; 422 with a message per wrong field (in `t`'s language). */
export function parseRange(query: { from?: unknown; to?: unknown }, now: number, t: TFunction = translator(defaultLanguage)): { from: string; to: string } {
  const fallback = defaultRange(now);
  const fields: Record<string, string> = {};
  const from = query.from === undefined || query.from === '' ? parseIsoDate(fallback.from) : parseIsoDate(query.from);
  const to = query.to === undefined || query.to === '' ? parseIsoDate(fallback.to) : parseIsoDate(query.to);
  if (!from) fields.from = t('outcomes:errors.startNotReal');
  if (!to) fields.to = t('outcomes:errors.endNotReal');
  if (from && to && from > to) fields.from = t('outcomes:errors.startAfterEnd');
  if (from && to && to.diff(from, 'days').days > outcomeLimits.rangeDays) fields.to = t('outcomes:errors.rangeTooLong', { days: outcomeLimits.rangeDays });
  if (Object.keys(fields).length) throw invalidFields(fields);
  return { from: from!.toISODate()!, to: to!.toISODate()! };
}

function parseQuarter(query: { year?: unknown; quarter?: unknown }, t: TFunction): { year: number; quarter: number } {
  const fields: Record<string, string> = {};
  const year = typeof query.year === 'string' && /^\d{4}$/.test(query.year) ? Number(query.year) : NaN;
  const quarter = typeof query.quarter === 'string' && /^[1-4]$/.test(query.quarter) ? Number(query.quarter) : NaN;
  if (!(year >= outcomeLimits.firstYear && year <= outcomeLimits.lastYear)) fields.year = t('outcomes:errors.year', { first: outcomeLimits.firstYear, last: outcomeLimits.lastYear });
  if (Number.isNaN(quarter)) fields.quarter = t('outcomes:errors.quarter');
  if (Object.keys(fields).length) throw invalidFields(fields);
  return { year, quarter };
}

const cells = (t: FigureTable): string[][] => t.rows.map((row) => row.map((c) => String(c)));

/** How many leading columns of each table name the row (the rest are figures): the quarterly return's breakdown. */
const labelColumns: Record<OutcomeTable, number> = { referrals: 2, decisions: 1, actions: 1, 'action-reasons': 3, cases: 1, meetings: 1, attendance: 1, research: 1 };

/** The quarterly return's columns, as keys of `outcomes:quarterly.columns` (headed in the reader's language). */
export const quarterlyReturnColumns = ['series', 'periodStart', 'periodEnd', 'section', 'breakdown', 'measure', 'value'] as const;

export function createOutcomesService(deps: { storage: Storage; policies: Policies; now: () => number }) {
  const { storage, policies, now } = deps;
  const store = storage.stores.outcomes;
  // Views and downloads write only their audit row: one statement each.
  const audit = { record: (entry: AuditEntry) => storage.stores.audit.record(entry, now()) };

  async function figures(seriesId: string, range: { from: string; to: string }, t: TFunction): Promise<OutcomesView> {
    const start = parseIsoDate(range.from)!;
    const end = parseIsoDate(range.to)!.plus({ days: 1 });
    const w = { seriesId, start: start.toMillis(), end: end.toMillis() };
    const [rows, name] = await Promise.all([readOutcomeRows(store, w), store.seriesName(seriesId)]);
    return { series: { id: seriesId, name: name ?? '' }, ...computeOutcomes(rows, w, range, t) };
  }

  function quarterlyReturn(view: OutcomesView, t: TFunction): string {
    const base = [view.series.name, view.from, view.to];
    const s = view.summary;
    const summary: [keyof typeof enOutcomes.quarterly.measures, number | null][] = [
      ['referrals', s.referrals],
      ['repeatReferrals', s.repeatReferrals],
      ['repeatRate', s.repeatRatePercent],
      ['decisions', s.decisions],
      ['actionsAgreed', s.actionsAgreed],
      ['medianDays', s.medianDaysToComplete],
      ['casesOpened', s.casesOpened],
      ['casesClosed', s.casesClosed],
      ['casesOpenAtEnd', s.casesOpenAtEnd],
      ['meetingsHeld', s.meetingsHeld],
    ];
    // Section names stay codes (summary, referrals…) in both languages: they are the documented layout's keys.
    const rows: string[][] = summary.map(([measure, value]) => [...base, 'summary', t('outcomes:quarterly.all'), t(`outcomes:quarterly.measures.${measure}`), value === null ? '' : String(value)]);
    for (const table of outcomeTables) {
      const t = view.tables[table];
      const k = labelColumns[table];
      for (const row of t.rows) {
        for (let c = k; c < t.columns.length; c++) rows.push([...base, table, row.slice(0, k).join(' / '), t.columns[c], String(row[c])]);
      }
    }
    return csvDocument(quarterlyReturnColumns.map((c) => t(`outcomes:quarterly.columns.${c}`)), rows);
  }

  return {
    /** The figures for the screen and `GET /api/series/:id/outcomes`. */
    async view(actor: Actor | null, seriesId: string, query: { from?: unknown; to?: unknown }, ip: string | null, lang: Language = defaultLanguage): Promise<OutcomesView> {
      await policies.authoriseSeries(actor, seriesId, 'viewOutcomes');
      const t = translator(lang);
      const range = parseRange(query, now(), t);
      await audit.record({ actorId: actor!.id, action: 'outcomes.view', targetType: 'series', targetId: seriesId, detail: range, ip });
      return figures(seriesId, range, t);
    },

    /** One table as CSV, the same rows as the screen's table. `file` is `<table>.csv`. */
    async tableCsv(actor: Actor | null, seriesId: string, file: string, query: { from?: unknown; to?: unknown }, ip: string | null, lang: Language = defaultLanguage): Promise<CsvFile> {
      await policies.authoriseSeries(actor, seriesId, 'viewOutcomes');
      const t = translator(lang);
      const table = file.replace(/\.csv$/, '') as OutcomeTable;
      if (!file.endsWith('.csv') || !outcomeTables.includes(table)) throw new AppError('not_found', t('outcomes:errors.noSuchTable', { tables: outcomeTables.map((name) => `${name}.csv`).join(', ') }));
      const range = parseRange(query, now(), t);
      const view = await figures(seriesId, range, t);
      await audit.record({ actorId: actor!.id, action: 'outcomes.download', targetType: 'series', targetId: seriesId, detail: { table, ...range }, ip });
      return { fileName: t('outcomes:tableFileName', { table, ...range }), body: csvDocument(view.tables[table].columns, cells(view.tables[table])) };
    },

    /** The quarterly data return: one CSV, one figure a row (layout in docs/quarterly-return.md). */
    async quarterlyReturnCsv(actor: Actor | null, seriesId: string, query: { year?: unknown; quarter?: unknown }, ip: string | null, lang: Language = defaultLanguage): Promise<CsvFile> {
      await policies.authoriseSeries(actor, seriesId, 'viewOutcomes');
      const t = translator(lang);
      const { year, quarter } = parseQuarter(query, t);
      const view = await figures(seriesId, quarterRange(year, quarter), t);
      await audit.record({ actorId: actor!.id, action: 'outcomes.download', targetType: 'series', targetId: seriesId, detail: { table: 'quarterly-return', year, quarter }, ip });
      return { fileName: t('outcomes:quarterly.fileName', { year, quarter }), body: quarterlyReturn(view, t) };
    },
  };
}
export type OutcomesService = ReturnType<typeof createOutcomesService>;
