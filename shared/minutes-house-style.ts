/**
 * The council minute house style ("Meeting: date – body (Item N)", "Background:", "Decision number:", "RESOLVED:
 * (a) … (b) …"), worked out once as plain text so every export format reads the same and none repeats the wording.
 * Formats only decide how to lay this outline out; they never compose minute wording themselves.
 */
import {
  actionStatusLabels,
  decisionOutcomeLabels,
  type MinutesAction,
  type MinutesAttendee,
  type MinutesItem,
  type MinutesPerson,
  type MinutesView,
} from './minutes.js';

// Meetings happen in UK councils; instants are shown on the London calendar so a 23:30 BST start is not "tomorrow".
const meetingZone = 'Europe/London';
const londonDay = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: meetingZone });
const calendarDay = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const londonTime = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: meetingZone });
const londonIsoDay = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: meetingZone });
const dateOnly = /^\d{4}-\d{2}-\d{2}$/;

/** "1 December 2026". Date-only values (due dates) are calendar days, not instants, so no zone shift applies. */
export const longDate = (iso: string): string =>
  dateOnly.test(iso) ? calendarDay.format(new Date(`${iso}T00:00:00Z`)) : londonDay.format(new Date(iso));

/** "1 December 2026 at 10:00". */
export const longDateTime = (iso: string): string => `${longDate(iso)} at ${londonTime.format(new Date(iso))}`;

/** "2026-12-01": the meeting's London calendar day, for file names. */
export const isoDay = (iso: string): string => londonIsoDay.format(new Date(iso));

export const dash = '–';

export const labels = {
  present: 'Present:',
  apologies: 'Apologies:',
  background: 'Background:',
  decisionNumber: 'Decision number:',
  decision: 'Decision:',
  reasons: 'Reasons:',
  resolved: 'RESOLVED:',
  actions: 'Actions',
  nextMeeting: 'Next meeting:',
  distribution: 'Distribution:',
} as const;

export const pageLabel = (current: number, total: number): string => `Page ${current} of ${total}`;

/** (a) … (z), then (aa), (ab) … — council resolutions rarely pass 26 but a long action list must not break lettering. */
export const resolutionLetter = (index: number): string => {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(97 + ((n - 1) % 26)) + letters;
  return `(${letters})`;
};

export const personLine = (person: MinutesPerson): string => `${person.name}, ${person.agency}`;

const ownerText = (action: MinutesAction): string => (action.owner ? personLine(action.owner) : 'owner to be confirmed');
const dueText = (action: MinutesAction): string => (action.due ? `due ${longDate(action.due)}` : 'no due date');

export const actionLine = (action: MinutesAction): string =>
  `Action: ${action.what} ${dash} ${ownerText(action)}, ${dueText(action)} [${actionStatusLabels[action.status]}]`;

export const meetingHeading = (view: MinutesView, item: MinutesItem): string =>
  `Meeting: ${longDate(view.meeting.heldAt)} ${dash} ${view.meeting.seriesName} (Item ${item.number})`;

export interface ItemOutline {
  number: number;
  heading: string;
  title: string;
  caseRef: string | null;
  /** Discussion paragraphs, then agency contributions attributed "Agency (Author): text". */
  background: string[];
  /** The same background split for a page that can lay it out: the discussion, then one block per agency. */
  discussion: string[];
  contributions: Array<{ heading: string; paragraphs: string[] }>;
  decision: { number: string; decision: string; reasons: string } | null;
  /** Already lettered: "(a) decision text", "(b) Action: …". Empty for standing items. */
  resolved: string[];
}

export interface ActionRecord {
  item: number;
  caseRef: string;
  what: string;
  owner: string;
  agency: string;
  /** ISO date or empty: machine formats keep it sortable, documents render it with longDate. */
  due: string;
  status: string;
}

export interface MinutesOutline {
  marking: string;
  title: string;
  /** Label/value pairs of the title block, in reading order. */
  facts: Array<[label: string, value: string]>;
  /** "Name, Agency – acknowledged confidentiality at 10:02" (or "– did not acknowledge confidentiality"). */
  present: string[];
  apologies: string[];
  /** One row per person for the attendance tables of the printed formats (see attendanceColumns). */
  attendance: string[][];
  confidentiality: string;
  items: ItemOutline[];
  actions: ActionRecord[];
  nextMeeting: string;
  distribution: string[];
}

export const nothingRecorded = 'Nothing recorded.';

const outlineItem = (view: MinutesView, item: MinutesItem): ItemOutline => {
  const contributions = item.contributions.map((c) => `${c.agency} (${c.author}): ${c.text}`);
  const decision = item.decision
    ? {
        number: item.decision.number,
        decision: `${item.decision.outcome ? decisionOutcomeLabels[item.decision.outcome] : 'Outcome not recorded'} ${dash} ${item.decision.text}`,
        reasons: item.decision.reasons,
      }
    : null;
  const resolutions = [...(item.decision ? [item.decision.text] : []), ...item.actions.map(actionLine)];
  return {
    number: item.number,
    heading: meetingHeading(view, item),
    title: `${item.number}. ${item.title}`,
    caseRef: item.caseRef,
    background: [...item.background, ...contributions],
    discussion: item.background,
    contributions: item.contributions.map((c) => ({ heading: c.author ? `${c.agency} (${c.author})` : c.agency, paragraphs: c.text.split(/\r\n|\r|\n/).filter((l) => l.trim()) })),
    decision,
    resolved: resolutions.map((text, i) => `${resolutionLetter(i)} ${text}`),
  };
};

const actionRecords = (view: MinutesView): ActionRecord[] =>
  view.items.flatMap((item) =>
    item.actions.map((action) => ({
      item: item.number,
      caseRef: item.caseRef ?? '',
      what: action.what,
      owner: action.owner?.name ?? '',
      agency: action.owner?.agency ?? '',
      due: action.due ?? '',
      status: actionStatusLabels[action.status],
    })),
  );

/** The content hash is long; twelve hex digits are enough for a reader to match a copy against the record. */
export const shortHash = (hex: string): string => hex.slice(0, 12);

/** "Draft – not yet agreed" until a later meeting agrees this version; then who agreed it and when. */
export const recordStatus = (view: MinutesView): string =>
  view.agreement ? `Agreed as a correct record on ${longDate(view.agreement.agreedAt)}, ${view.agreement.agreedBy}` : `Draft ${dash} not yet agreed`;

/** When it was held; when that was another day than planned, "Held on … (scheduled for …)". */
export const heldLine = (view: MinutesView): string => {
  const { heldAt, scheduledAt } = view.meeting;
  if (!scheduledAt || isoDay(scheduledAt) === isoDay(heldAt)) return longDateTime(heldAt);
  return `Held on ${longDateTime(heldAt)} (scheduled for ${longDateTime(scheduledAt)})`;
};

const titleFacts = (view: MinutesView): Array<[string, string]> => {
  const { meeting, version } = view;
  const facts: Array<[string, string]> = [
    ['Status', recordStatus(view)],
    ['Series', meeting.seriesName],
    ['Meeting', meeting.title],
    ['Date', heldLine(view)],
    ['Venue', meeting.venue],
  ];
  if (meeting.chair) facts.push(['Chair', personLine(meeting.chair)]);
  if (meeting.minuteTaker) facts.push(['Minutes taken by', personLine(meeting.minuteTaker)]);
  facts.push(['Protective marking', view.marking]);
  facts.push(['Version', `${version.number} (${longDate(version.createdAt)}, ${personLine(version.createdBy)})`]);
  facts.push(['Content hash', `SHA-256 ${shortHash(version.contentHash)}`]);
  if (version.note !== null) facts.push(['Amended', version.note]);
  if (view.extractFor !== null) {
    facts.push(['Extract for', `${view.extractFor} ${dash} only its actions and the items it was party to`]);
  }
  return facts;
};

/** "at 10:02" on the London clock: an acknowledgement is made during the meeting, so the day is the meeting's. */
const acknowledgement = (p: MinutesAttendee): string =>
  p.acknowledgedAt ? `acknowledged confidentiality at ${londonTime.format(new Date(p.acknowledgedAt))}` : 'did not acknowledge confidentiality';

export const presentLine = (p: MinutesAttendee): string => `${personLine(p)} ${dash} ${acknowledgement(p)}`;

/** Column headings of the attendance table in the printed formats. */
export const attendanceColumns = ['Name', 'Agency', 'Attendance', 'Confidentiality'] as const;

const attendanceRows = (view: MinutesView): string[][] => [
  ...view.attendance.present.map((p) => [p.name, p.agency, 'Present', p.acknowledgedAt ? `Acknowledged at ${londonTime.format(new Date(p.acknowledgedAt))}` : 'Not acknowledged']),
  ...view.attendance.apologies.map((p) => [p.name, p.agency, 'Apologies', dash]),
];

const statementWording = 'that information shared at this meeting is confidential and shared only for the purposes of this meeting';

/**
 * The confidentiality sentence, counted from each attendee's own acknowledgement, so it can never say "not recorded"
 * while some did acknowledge: all, some (naming who did not), or none.
 */
export const confidentialityLine = (view: MinutesView): string => {
  const present = view.attendance.present;
  const missing = present.filter((p) => !p.acknowledgedAt);
  if (present.length === 0) return 'Confidentiality: no one was recorded as present, so no acknowledgement was recorded.';
  if (missing.length === 0) return `Confidentiality: all present acknowledged ${statementWording}.`;
  if (missing.length === present.length) return 'Confidentiality: none of those present acknowledged the confidentiality statement.';
  return (
    `Confidentiality: ${present.length - missing.length} of ${present.length} present acknowledged ${statementWording}. ` +
    `Not acknowledged by: ${missing.map(personLine).join('; ')}.`
  );
};

/** The whole document as house-style text, ready for any format to lay out. */
export const outlineMinutes = (view: MinutesView): MinutesOutline => ({
  marking: view.marking,
  title: `${view.meeting.seriesName} ${dash} minutes`,
  facts: titleFacts(view),
  present: view.attendance.present.map(presentLine),
  apologies: view.attendance.apologies.map(personLine),
  attendance: attendanceRows(view),
  confidentiality: confidentialityLine(view),
  items: view.items.map((item) => outlineItem(view, item)),
  actions: actionRecords(view),
  nextMeeting: view.meeting.nextMeetingAt ? longDateTime(view.meeting.nextMeetingAt) : 'To be arranged',
  distribution: view.distribution,
});

/** Column headings of every actions table (documents and CSV alike). */
export const actionColumns = ['Item', 'Case ref', 'Action', 'Owner', 'Agency', 'Due', 'Status'] as const;

/** A row for a printed actions table: dates in long form, blanks spelled out. */
export const printedActionRow = (a: ActionRecord): string[] => [
  String(a.item),
  a.caseRef || dash,
  a.what,
  a.owner || 'To be confirmed',
  a.agency || dash,
  a.due ? longDate(a.due) : dash,
  a.status,
];

const slug = (text: string): string =>
  text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'minutes';

/** "repeat-removals-triage-2026-12-01-minutes-v1" (+ "-<agency>" for an extract); no extension. */
export const fileBaseName = (view: MinutesView): string => {
  const base = `${slug(view.meeting.seriesName)}-${isoDay(view.meeting.heldAt)}-minutes-v${view.version.number}`;
  return view.extractFor === null ? base : `${base}-${slug(view.extractFor)}`;
};

/** The body of one item in reading order, for the formats that build it block by block (docx, pdf). */
export type ItemBodyBlock = { kind: 'label'; text: string } | { kind: 'labelled'; label: string; value: string } | { kind: 'para'; text: string };

export function itemBody(item: ItemOutline): ItemBodyBlock[] {
  const blocks: ItemBodyBlock[] = [];
  if (item.caseRef) blocks.push({ kind: 'labelled', label: 'Case reference:', value: item.caseRef });
  blocks.push({ kind: 'label', text: labels.background });
  for (const text of item.background.length ? item.background : [nothingRecorded]) blocks.push({ kind: 'para', text });
  if (item.decision) {
    blocks.push({ kind: 'labelled', label: labels.decisionNumber, value: item.decision.number });
    blocks.push({ kind: 'labelled', label: labels.decision, value: item.decision.decision });
    blocks.push({ kind: 'labelled', label: labels.reasons, value: item.decision.reasons });
  }
  if (item.resolved.length) {
    blocks.push({ kind: 'label', text: labels.resolved });
    for (const text of item.resolved) blocks.push({ kind: 'para', text });
  }
  return blocks;
}
