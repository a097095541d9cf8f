/**
 * Every email the server sends, in one module: each user-visible sentence of an email lives here, so the wording
 * can move into an i18n catalogue (Welsh and English) without touching the senders. Plain text plus simple HTML.
 * Link emails carry no case content: the series, the date, a link and how to use it.
 */
import { protectiveMarking } from '../../../shared/minutes.js';
import { mailLimits } from '../../../shared/limits.js';

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

/** Where the sender puts a link's URL: the token is minted when the email is sent, never stored in the outbox. */
export const extractLinkPlaceholder = '{{extract-link}}';

const longDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: mailLimits.timeZone });
const shortDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
export const formatLongDate = (iso: string | number): string => longDate.format(new Date(iso));
/** A due date (YYYY-MM-DD) as "9 Dec 2026". */
export const formatDueDate = (day: string): string => shortDate.format(new Date(`${day}T00:00:00Z`));

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** Paragraphs to plain text and to HTML; `{{link}}` in a paragraph becomes the link (text and href). */
function compose(subject: string, paragraphs: string[], link?: { href: string; label: string }): EmailContent {
  const text = paragraphs.map((p) => p.replace('{{link}}', link?.href ?? '')).join('\n\n') + '\n';
  const anchor = link ? `<a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a>` : '';
  const html = [
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>' + escapeHtml(subject) + '</title></head>',
    '<body style="font-family: Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #0b0c0c">',
    `<p style="font-weight: bold">${protectiveMarking}</p>`,
    ...paragraphs.map((p) => `<p>${escapeHtml(p).replace('{{link}}', anchor)}</p>`),
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}

const minutesSubject = (seriesName: string, heldAt: string) => `Minutes of ${seriesName} ${formatLongDate(heldAt)} – ${protectiveMarking}`;

interface ExtractFacts {
  seriesName: string;
  heldAt: string;
  recipientName: string;
  agencyName: string;
  version: number;
}

/** The default: a link that opens the agency's extract after sign-in, for this person only. */
export function extractLinkEmail(f: ExtractFacts): EmailContent {
  const days = Math.round(mailLimits.extractLinkTtlMs / 86_400_000);
  return compose(
    minutesSubject(f.seriesName, f.heldAt),
    [
      `Dear ${f.recipientName},`,
      `The minutes of the ${f.seriesName} meeting held on ${formatLongDate(f.heldAt)} (version ${f.version}) are ready. You can read the extract for ${f.agencyName} in Triage Room:`,
      '{{link}}',
      `Sign in with your own account when asked. The link works only for you and stops working ${days} days after this email was sent. Please do not forward it: colleagues who need the minutes should ask the meeting's coordinator.`,
      `This email contains no case details. The minutes are ${protectiveMarking}: handle them under your organisation's information-sharing agreement.`,
    ],
    { href: extractLinkPlaceholder, label: `Open the ${f.agencyName} extract` },
  );
}

/** The extract attached (docx or PDF), for agencies whose staff cannot sign in to Triage Room. */
export function extractAttachedEmail(f: ExtractFacts & { format: 'docx' | 'pdf' }): EmailContent {
  return compose(minutesSubject(f.seriesName, f.heldAt), [
    `Dear ${f.recipientName},`,
    `Attached is the extract for ${f.agencyName} of the minutes of the ${f.seriesName} meeting held on ${formatLongDate(f.heldAt)} (version ${f.version}, ${f.format === 'pdf' ? 'PDF' : 'Word'}).`,
    `The attachment is ${protectiveMarking}. Store it only where your organisation's information-sharing agreement allows, and delete this email once it is filed.`,
  ]);
}

export interface ReminderLine {
  caseRef: string | null;
  due: string;
  /** Whole days overdue (0 or less: not yet due). */
  daysOverdue: number;
  ownerName?: string;
}

const describeDue = (line: ReminderLine): string =>
  line.daysOverdue > 0
    ? `overdue by ${line.daysOverdue} day${line.daysOverdue === 1 ? '' : 's'} (due ${formatDueDate(line.due)})`
    : line.daysOverdue === 0
      ? `due today (${formatDueDate(line.due)})`
      : `due ${formatDueDate(line.due)}`;

const lineText = (line: ReminderLine): string =>
  `• ${line.caseRef ? `Case ${line.caseRef}` : 'General action'}${line.ownerName ? `, owner ${line.ownerName}` : ''}: ${describeDue(line)}`;

/** An owner's daily digest: how many actions are due soon or overdue, by case reference and date only. */
export function digestEmail(f: { recipientName: string; seriesName: string; trackerUrl: string; preferencesUrl: string; lines: ReminderLine[] }): EmailContent {
  const overdue = f.lines.filter((l) => l.daysOverdue > 0).length;
  const soon = f.lines.length - overdue;
  return compose(
    `Your actions: ${overdue} overdue, ${soon} due soon – ${f.seriesName}`,
    [
      `Dear ${f.recipientName},`,
      `You own ${f.lines.length} open action${f.lines.length === 1 ? '' : 's'} from ${f.seriesName} meetings that ${f.lines.length === 1 ? 'is' : 'are'} overdue or due within ${mailLimits.digestDueWithinDays} days:`,
      ...f.lines.map(lineText),
      'See and update them in the action tracker (sign in when asked): {{link}}',
      `You receive this digest once a day while you have actions due. To stop it, turn off daily digests on your account page: ${f.preferencesUrl}`,
    ],
    { href: f.trackerUrl, label: 'Open the action tracker' },
  );
}

/** To an agency's lead: its actions overdue past the series' threshold. */
export function escalationEmail(f: { recipientName: string; seriesName: string; agencyName: string; afterDays: number; trackerUrl: string; lines: ReminderLine[] }): EmailContent {
  return compose(
    `Escalation: ${f.lines.length} ${f.agencyName} action${f.lines.length === 1 ? '' : 's'} overdue – ${f.seriesName}`,
    [
      `Dear ${f.recipientName},`,
      `You are named as the lead for ${f.agencyName} on ${f.seriesName}. These actions owned by ${f.agencyName} are overdue by more than ${f.afterDays} days:`,
      ...f.lines.map(lineText),
      'Please make sure they are done, or record why they cannot be, in the action tracker (sign in when asked): {{link}}',
    ],
    { href: f.trackerUrl, label: 'Open the action tracker' },
  );
}

export type InviteChange = 'scheduled' | 'rescheduled' | 'cancelled' | 'uninvited';

const meetingTime = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: mailLimits.timeZone });
/** "Monday 7 December 2026 at 10:00" on the London clock. */
export const formatMeetingTime = (ms: number): string => meetingTime.format(new Date(ms)).replace(',', '').replace(/, (\d\d:\d\d)$/, ' at $1');

/**
 * A series member's calendar invite (the .ics is attached): when and where, and a link to the meeting. No case
 * content and no cancellation reason (free text that may name people): the meeting page shows that after sign-in.
 */
export function meetingInviteEmail(f: { recipientName: string; seriesName: string; startsAt: number; venue: string; meetingUrl: string; change: InviteChange }): EmailContent {
  const when = formatMeetingTime(f.startsAt);
  const subject = {
    scheduled: `Invitation: ${f.seriesName}, ${when}`,
    rescheduled: `Moved: ${f.seriesName}, now ${when}`,
    cancelled: `Cancelled: ${f.seriesName}, ${when}`,
    uninvited: `Removed from your calendar: ${f.seriesName}, ${when}`,
  }[f.change];
  const lead = {
    scheduled: `You are invited to the ${f.seriesName} meeting on ${when} (London time), at ${f.venue}.`,
    rescheduled: `The ${f.seriesName} meeting has moved. It is now on ${when} (London time), at ${f.venue}.`,
    cancelled: `The ${f.seriesName} meeting on ${when} (London time) has been cancelled.`,
    uninvited: `You are no longer a member of ${f.seriesName}, so its meeting on ${when} (London time) is no longer in your diary.`,
  }[f.change];
  const calendar = f.change === 'cancelled' || f.change === 'uninvited' ? 'The attached calendar file removes it from your calendar.' : 'The attached calendar file adds it to your calendar, or updates the entry already there.';
  return compose(subject, [`Dear ${f.recipientName},`, lead, calendar, 'The meeting in Triage Room (sign in when asked): {{link}}'], { href: f.meetingUrl, label: `Open the ${f.seriesName} meeting` });
}
