/**
 * The published agenda as plain text lines, worked out once for both formats. Case items are named by their
 * pseudonymous reference only: the item titles and summaries stay in the system.
 */
import { isCaseKind, itemKindLabels, riskLabels } from '../../../shared/domain.js';
import type { AgendaItem } from '../../../shared/meeting-doc.js';
import { protectiveMarking } from '../../../shared/minutes.js';
import { isoDay, longDate, longDateTime } from '../../../shared/minutes-house-style.js';

export interface AgendaExport {
  meeting: { title: string; seriesName: string; scheduledAt: number; venue: string };
  publishedAt: number;
  items: AgendaItem[];
}

export interface AgendaOutline {
  marking: string;
  title: string;
  facts: [string, string][];
  rows: string[][];
  fileBase: string;
  note: string;
}

export const agendaColumns = ['Item', 'Business', 'Case ref', 'Notes'] as const;

export function outlineAgenda({ meeting, publishedAt, items }: AgendaExport): AgendaOutline {
  const held = new Date(meeting.scheduledAt).toISOString();
  return {
    marking: protectiveMarking,
    title: `Agenda: ${meeting.seriesName}`,
    facts: [
      ['Meeting', `${longDateTime(held)}`],
      ['Venue', meeting.venue],
      ['Published', longDate(new Date(publishedAt).toISOString())],
    ],
    rows: items.map((item, i) => {
      if (!isCaseKind(item.kind)) return [String(i + 1), item.title, '', ''];
      const notes = [
        item.details.riskLevel ? riskLabels[item.details.riskLevel] : null,
        item.details.childrenInvolved ? 'children involved' : null,
        item.details.repeatReferral ? 'repeat referral' : null,
      ].filter(Boolean);
      return [String(i + 1), itemKindLabels[item.kind], item.caseRef ?? '', notes.join('; ')];
    }),
    fileBase: `Agenda ${meeting.seriesName} ${isoDay(held)}`,
    note: 'Cases are listed by reference only. Each agency adds its research on each case in Triage Room before the meeting.',
  };
}
