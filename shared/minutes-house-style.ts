/**
 * The council minute house style ("Meeting: date – body (Item N)", "Background:", "Decision number:", "RESOLVED:
 * (a) … (b) …"), worked out once as plain text so every export format reads the same and none repeats the wording.
 * Formats only decide how to lay this outline out; they never compose minute wording themselves.
 */
import type { TFunction } from 'i18next';
import { formatLongDay, formatTime } from './i18n/format.js';
import type { Language } from './i18n/languages.js';
import type { MinutesAction, MinutesAttendee, MinutesItem, MinutesPerson, MinutesView } from './minutes.js';

/**
 * The words of one language (`shared/i18n/locales/<lang>/minutesDoc.json`): the server passes `translator(lang)`, the
 * screens i18next's fixed translator. Every label, sentence and date below comes through here, never from code.
 */
export interface MinutesWords {
  lang: Language;
  t: TFunction<['minutesDoc', 'domain', 'common']>;
}

// Meetings happen in UK councils; instants are shown on the London calendar so a 23:30 BST start is not "tomorrow".
const meetingZone = 'Europe/London';
// Made on first use: creating a formatter at load makes the server map the ICU time-zone data (~8 MB) at start.
let londonIsoDayFormat: Intl.DateTimeFormat | undefined;
const londonIsoDay = () => (londonIsoDayFormat ??= new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: meetingZone }));
const dateOnly = /^\d{4}-\d{2}-\d{2}$/;

/** "1 December 2026" / "1 Rhagfyr 2026". Date-only values (due dates) are calendar days, not instants, so no zone shift applies. */
export const longDate = (iso: string, lang: Language = 'en'): string => (dateOnly.test(iso) ? formatLongDay(lang, iso, 'UTC') : formatLongDay(lang, iso, meetingZone));

/** "10:00" on the London clock. */
const londonTime = (iso: string, lang: Language): string => formatTime(lang, iso, meetingZone);

/** "1 December 2026 at 10:00" / "1 Rhagfyr 2026 am 10:00". */
export const longDateTime = (iso: string, w: MinutesWords): string => w.t('minutesDoc:dateAtTime', { date: longDate(iso, w.lang), time: londonTime(iso, w.lang) });

/** "2026-12-01": the meeting's London calendar day, for file names. */
export const isoDay = (iso: string): string => londonIsoDay().format(new Date(iso));

export const dash = '–';

/** The labels of the document, in one language. */
export const minutesLabels = (w: MinutesWords) => ({
  present: w.t('minutesDoc:labels.present'),
  apologies: w.t('minutesDoc:labels.apologies'),
  background: w.t('minutesDoc:labels.background'),
  decisionNumber: w.t('minutesDoc:labels.decisionNumber'),
  decision: w.t('minutesDoc:labels.decision'),
  reasons: w.t('minutesDoc:labels.reasons'),
  resolved: w.t('minutesDoc:labels.resolved'),
  actions: w.t('minutesDoc:labels.actions'),
  nextMeeting: w.t('minutesDoc:labels.nextMeeting'),
  distribution: w.t('minutesDoc:labels.distribution'),
  caseReference: w.t('minutesDoc:labels.caseReference'),
  attendance: w.t('minutesDoc:labels.attendance'),
  nothingRecorded: w.t('minutesDoc:nothingRecorded'),
  noneRecorded: w.t('minutesDoc:noneRecorded'),
  noneRecordedSentence: w.t('minutesDoc:noneRecordedSentence'),
  noActions: w.t('minutesDoc:noActions'),
});
export type MinutesLabels = ReturnType<typeof minutesLabels>;

export const pageLabel = (w: MinutesWords, current: number, total: number): string => w.t('minutesDoc:page', { current, total });

/** (a) … (z), then (aa), (ab) … — council resolutions rarely pass 26 but a long action list must not break lettering. */
export const resolutionLetter = (index: number): string => {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(97 + ((n - 1) % 26)) + letters;
  return `(${letters})`;
};

export const personLine = (person: MinutesPerson): string => `${person.name}, ${person.agency}`;

const ownerText = (w: MinutesWords, action: MinutesAction): string => (action.owner ? personLine(action.owner) : w.t('minutesDoc:ownerToBeConfirmed'));
const dueText = (w: MinutesWords, action: MinutesAction): string =>
  action.due ? w.t('minutesDoc:dueOn', { date: longDate(action.due, w.lang) }) : w.t('minutesDoc:noDueDate');

export const actionLine = (w: MinutesWords, action: MinutesAction): string =>
  w.t('minutesDoc:actionLine', { what: action.what, owner: ownerText(w, action), due: dueText(w, action), status: w.t(`domain:actionStatus.${action.status}`) });

/** The same action without what people wrote ("Action: – owner, due …"): a bilingual document shows that text once. */
export const actionDetails = (w: MinutesWords, action: MinutesAction): string =>
  `${w.t('minutesDoc:actionPrefix')} ${ownerText(w, action)}, ${dueText(w, action)} [${w.t(`domain:actionStatus.${action.status}`)}]`;

export const meetingHeading = (w: MinutesWords, view: MinutesView, item: MinutesItem): string =>
  w.t('minutesDoc:meetingHeading', { date: longDate(view.meeting.heldAt, w.lang), body: view.meeting.seriesName, number: item.number });

/** A resolution: the decision as the room wrote it, or an action (its details in the document's language). */
export interface Resolution {
  letter: string;
  /** What people wrote: the decision, or what the action is. */
  written: string;
  /** For an action: owner, due date and status in the document's language. */
  details: string | null;
  /** The whole line as a single-language document prints it. */
  text: string;
}

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
  /** `outcome` in the document's language, `text` and `reasons` as the room wrote them; `decision` is both joined. */
  decision: { number: string; outcome: string; text: string; decision: string; reasons: string } | null;
  /** Already lettered: "(a) decision text", "(b) Action: …". Empty for standing items. */
  resolved: string[];
  resolutions: Resolution[];
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
  words: MinutesWords;
  labels: MinutesLabels;
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

const outlineItem = (w: MinutesWords, view: MinutesView, item: MinutesItem): ItemOutline => {
  const contributions = item.contributions.map((c) => `${c.agency} (${c.author}): ${c.text}`);
  const outcome = item.decision ? (item.decision.outcome ? w.t(`domain:decisionOutcome.${item.decision.outcome}`) : w.t('minutesDoc:outcomeNotRecorded')) : '';
  const decision = item.decision
    ? { number: item.decision.number, outcome, text: item.decision.text, decision: `${outcome} ${dash} ${item.decision.text}`, reasons: item.decision.reasons }
    : null;
  const resolutions: Resolution[] = [
    ...(item.decision ? [{ written: item.decision.text, details: null, text: item.decision.text }] : []),
    ...item.actions.map((a) => ({ written: a.what, details: actionDetails(w, a), text: actionLine(w, a) })),
  ].map((r, i) => ({ ...r, letter: resolutionLetter(i), text: `${resolutionLetter(i)} ${r.text}` }));
  return {
    number: item.number,
    heading: meetingHeading(w, view, item),
    title: `${item.number}. ${item.title}`,
    caseRef: item.caseRef,
    background: [...item.background, ...contributions],
    discussion: item.background,
    contributions: item.contributions.map((c) => ({ heading: c.author ? `${c.agency} (${c.author})` : c.agency, paragraphs: c.text.split(/\r\n|\r|\n/).filter((l) => l.trim()) })),
    decision,
    resolved: resolutions.map((r) => r.text),
    resolutions,
  };
};

const actionRecords = (w: MinutesWords, view: MinutesView): ActionRecord[] =>
  view.items.flatMap((item) =>
    item.actions.map((action) => ({
      item: item.number,
      caseRef: item.caseRef ?? '',
      what: action.what,
      owner: action.owner?.name ?? '',
      agency: action.owner?.agency ?? '',
      due: action.due ?? '',
      status: w.t(`domain:actionStatus.${action.status}`),
    })),
  );

/** The content hash is long; twelve hex digits are enough for a reader to match a copy against the record. */
export const shortHash = (hex: string): string => hex.slice(0, 12);

/** "Draft – not yet agreed" until a later meeting agrees this version; then who agreed it and when. */
export const recordStatus = (w: MinutesWords, view: MinutesView): string =>
  view.agreement
    ? w.t('minutesDoc:status.agreed', { date: longDate(view.agreement.agreedAt, w.lang), by: view.agreement.agreedBy })
    : w.t('minutesDoc:status.draft');

/** When it was held; when that was another day than planned, "Held on … (scheduled for …)". */
export const heldLine = (w: MinutesWords, view: MinutesView): string => {
  const { heldAt, scheduledAt } = view.meeting;
  if (!scheduledAt || isoDay(scheduledAt) === isoDay(heldAt)) return longDateTime(heldAt, w);
  return w.t('minutesDoc:heldRescheduled', { held: longDateTime(heldAt, w), scheduled: longDateTime(scheduledAt, w) });
};

const titleFacts = (w: MinutesWords, view: MinutesView, marking: string): Array<[string, string]> => {
  const { meeting, version } = view;
  const fact = (key: 'status' | 'series' | 'meeting' | 'date' | 'venue' | 'chair' | 'minuteTaker' | 'marking' | 'version' | 'contentHash' | 'amended' | 'extractFor') =>
    w.t(`minutesDoc:facts.${key}`);
  const facts: Array<[string, string]> = [
    [fact('status'), recordStatus(w, view)],
    [fact('series'), meeting.seriesName],
    [fact('meeting'), meeting.title],
    [fact('date'), heldLine(w, view)],
    [fact('venue'), meeting.venue],
  ];
  if (meeting.chair) facts.push([fact('chair'), personLine(meeting.chair)]);
  if (meeting.minuteTaker) facts.push([fact('minuteTaker'), personLine(meeting.minuteTaker)]);
  facts.push([fact('marking'), marking]);
  facts.push([fact('version'), `${version.number} (${longDate(version.createdAt, w.lang)}, ${personLine(version.createdBy)})`]);
  facts.push([fact('contentHash'), `SHA-256 ${shortHash(version.contentHash)}`]);
  if (version.note !== null) facts.push([fact('amended'), version.note]);
  if (view.extractFor !== null) facts.push([fact('extractFor'), w.t('minutesDoc:extractFor', { agency: view.extractFor })]);
  return facts;
};

/** "at 10:02" on the London clock: an acknowledgement is made during the meeting, so the day is the meeting's. */
const acknowledgement = (w: MinutesWords, p: MinutesAttendee): string =>
  p.acknowledgedAt ? w.t('minutesDoc:acknowledgedConfidentiality', { time: londonTime(p.acknowledgedAt, w.lang) }) : w.t('minutesDoc:didNotAcknowledge');

export const presentLine = (w: MinutesWords, p: MinutesAttendee): string => `${personLine(p)} ${dash} ${acknowledgement(w, p)}`;

/** Column headings of the attendance table in the printed formats. */
export const attendanceColumns = (w: MinutesWords): string[] =>
  (['name', 'agency', 'attendance', 'confidentiality'] as const).map((c) => w.t(`minutesDoc:attendanceColumns.${c}`));

const attendanceRows = (w: MinutesWords, view: MinutesView): string[][] => [
  ...view.attendance.present.map((p) => [
    p.name,
    p.agency,
    w.t('minutesDoc:attendancePresent'),
    p.acknowledgedAt ? w.t('minutesDoc:acknowledgedAt', { time: londonTime(p.acknowledgedAt, w.lang) }) : w.t('minutesDoc:notAcknowledged'),
  ]),
  ...view.attendance.apologies.map((p) => [p.name, p.agency, w.t('minutesDoc:attendanceApologies'), dash]),
];

/**
 * The confidentiality sentence, counted from each attendee's own acknowledgement, so it can never say "not recorded"
 * while some did acknowledge: all, some (naming who did not), or none.
 */
export const confidentialityLine = (w: MinutesWords, view: MinutesView): string => {
  const present = view.attendance.present;
  const missing = present.filter((p) => !p.acknowledgedAt);
  if (present.length === 0) return w.t('minutesDoc:confidentiality.noOnePresent');
  if (missing.length === 0) return w.t('minutesDoc:confidentiality.all');
  if (missing.length === present.length) return w.t('minutesDoc:confidentiality.none');
  return w.t('minutesDoc:confidentiality.some', { acknowledged: present.length - missing.length, present: present.length, names: missing.map(personLine).join('; ') });
};

/** The whole document as house-style text in one language, ready for any format to lay out. */
export const outlineMinutes = (view: MinutesView, w: MinutesWords): MinutesOutline => {
  const marking = w.t('common:protectiveMarking');
  return {
    words: w,
    labels: minutesLabels(w),
    marking,
    title: w.t('minutesDoc:title', { series: view.meeting.seriesName }),
    facts: titleFacts(w, view, marking),
    present: view.attendance.present.map((p) => presentLine(w, p)),
    apologies: view.attendance.apologies.map(personLine),
    attendance: attendanceRows(w, view),
    confidentiality: confidentialityLine(w, view),
    items: view.items.map((item) => outlineItem(w, view, item)),
    actions: actionRecords(w, view),
    nextMeeting: view.meeting.nextMeetingAt ? longDateTime(view.meeting.nextMeetingAt, w) : w.t('minutesDoc:toBeArranged'),
    distribution: view.distribution,
  };
};

/** Column headings of every actions table (documents and CSV alike). */
export const actionColumns = (w: MinutesWords): string[] =>
  (['item', 'caseRef', 'action', 'owner', 'agency', 'due', 'status'] as const).map((c) => w.t(`minutesDoc:actionColumns.${c}`));

/** A row for a printed actions table: dates in long form, blanks spelled out. */
export const printedActionRow = (w: MinutesWords, a: ActionRecord): string[] => [
  String(a.item),
  a.caseRef || dash,
  a.what,
  a.owner || w.t('minutesDoc:toBeConfirmed'),
  a.agency || dash,
  a.due ? longDate(a.due, w.lang) : dash,
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
export type ItemBodyBlock =
  | { kind: 'label'; text: string }
  /** `written` is what people wrote, after the value ("Decision: Accept – <written>"); a bilingual layout shows it once. */
  | { kind: 'labelled'; label: string; value: string; written?: string }
  | { kind: 'para'; text: string; written?: string; details?: string };

export function itemBody(o: MinutesOutline, item: ItemOutline): ItemBodyBlock[] {
  const { labels } = o;
  const blocks: ItemBodyBlock[] = [];
  if (item.caseRef) blocks.push({ kind: 'labelled', label: labels.caseReference, value: item.caseRef });
  blocks.push({ kind: 'label', text: labels.background });
  for (const text of item.background.length ? item.background : [labels.nothingRecorded]) blocks.push({ kind: 'para', text });
  if (item.decision) {
    blocks.push({ kind: 'labelled', label: labels.decisionNumber, value: item.decision.number });
    blocks.push({ kind: 'labelled', label: labels.decision, value: item.decision.outcome, written: item.decision.text });
    blocks.push({ kind: 'labelled', label: labels.reasons, value: '', written: item.decision.reasons });
  }
  if (item.resolutions.length) {
    blocks.push({ kind: 'label', text: labels.resolved });
    for (const r of item.resolutions) blocks.push(r.details === null ? { kind: 'para', text: r.text } : { kind: 'para', text: r.text, written: `${r.letter} ${r.written}`, details: r.details });
  }
  return blocks;
}

/** A labelled block's value as one line: "Accept – the decision as written". */
export const labelledValue = (b: { value: string; written?: string }): string =>
  b.written === undefined ? b.value : b.value ? `${b.value} ${dash} ${b.written}` : b.written;
