/**
 * The published agenda as plain text lines, worked out once for both formats, in the series' minutes language(s).
 * Case items are named by their pseudonymous reference only: the item titles and summaries stay in the system.
 */
import { isCaseKind } from '../../../shared/domain.js';
import type { AgendaItem } from '../../../shared/meeting-doc.js';
import { documentLanguages, type MinutesLanguage } from '../../../shared/i18n/languages.js';
import { isoDay, longDate, longDateTime, pageLabel, type MinutesWords } from '../../../shared/minutes-house-style.js';
import { minutesWords } from '../minutes/words.js';

export interface AgendaExport {
  meeting: { title: string; seriesName: string; scheduledAt: number; venue: string; minutesLanguage?: MinutesLanguage };
  publishedAt: number;
  items: AgendaItem[];
}

export interface AgendaOutline {
  words: MinutesWords[];
  marking: string;
  title: string;
  facts: [string, string][];
  columns: string[];
  rows: string[][];
  fileBase: string;
  /** The note under the table, one paragraph per language. */
  notes: string[];
  creator: string;
  pageLabel: (current: number, total: number) => string;
}

/** The agenda in one language. */
function outlineIn(w: MinutesWords, { meeting, publishedAt, items }: AgendaExport) {
  const held = new Date(meeting.scheduledAt).toISOString();
  return {
    marking: w.t('common:protectiveMarking'),
    title: w.t('minutesDoc:agenda.title', { series: meeting.seriesName }),
    facts: [
      [w.t('minutesDoc:agenda.meeting'), longDateTime(held, w)],
      [w.t('minutesDoc:agenda.venue'), meeting.venue],
      [w.t('minutesDoc:agenda.published'), longDate(new Date(publishedAt).toISOString(), w.lang)],
    ] as [string, string][],
    columns: (['item', 'business', 'caseRef', 'notes'] as const).map((c) => w.t(`minutesDoc:agenda.columns.${c}`)),
    rows: items.map((item, i) => {
      if (!isCaseKind(item.kind)) return [String(i + 1), item.title, '', ''];
      const notes = [
        item.details.riskLevel ? w.t(`domain:risk.${item.details.riskLevel}`) : null,
        item.details.childrenInvolved ? w.t('minutesDoc:agenda.childrenInvolved') : null,
        item.details.repeatReferral ? w.t('minutesDoc:agenda.repeatReferral') : null,
      ].filter(Boolean);
      return [String(i + 1), w.t(`domain:itemKind.${item.kind}`), item.caseRef ?? '', notes.join('; ')];
    }),
    fileBase: `${w.t('minutesDoc:agenda.fileName')} ${meeting.seriesName} ${isoDay(held)}`,
    note: w.t('minutesDoc:agenda.note'),
  };
}

/** Each line once where both languages say the same, else Welsh then English. */
const joined = (values: string[], separator: string): string => [...new Set(values)].join(separator);

export function outlineAgenda(agenda: AgendaExport): AgendaOutline {
  const words = documentLanguages(agenda.meeting.minutesLanguage ?? 'en').map(minutesWords);
  const each = words.map((w) => outlineIn(w, agenda));
  const first = each[0]!;
  return {
    words,
    marking: joined(each.map((o) => o.marking), ' / '),
    title: joined(each.map((o) => o.title), ' / '),
    facts: first.facts.map((_, i) => [joined(each.map((o) => o.facts[i]![0]), ' / '), joined(each.map((o) => o.facts[i]![1]), ' / ')]),
    columns: first.columns.map((_, i) => joined(each.map((o) => o.columns[i]!), '\n')),
    rows: first.rows.map((row, i) => row.map((_, j) => joined(each.map((o) => o.rows[i]![j]!), '\n'))),
    fileBase: first.fileBase,
    notes: each.map((o) => o.note),
    creator: words[0]!.t('common:serviceName'),
    pageLabel: (current, total) => words.map((w) => pageLabel(w, current, total)).join(' / '),
  };
}
