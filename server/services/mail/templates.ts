/**
 * Every email the server sends, in one module, in the recipient's language: the words come from the `email`
 * catalogue (shared/i18n/locales/<en|cy>/email.json), dates are formatted for en-GB or cy-GB. Plain text plus simple
 * HTML. Link emails carry no case content: the series, the date, a link and how to use it.
 */
import type { Language } from '../../../shared/i18n/languages.js';
import { formatDay, formatLongDay, formatTime } from '../../../shared/i18n/format.js';
import { mailLimits } from '../../../shared/limits.js';
import { translator } from '../../i18n.js';

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

/** Where the sender puts a link's URL: the token is minted when the email is sent, never stored in the outbox. */
export const extractLinkPlaceholder = '{{extract-link}}';

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/**
 * A paragraph holding the link. Only sentences with no person-supplied values carry one, so splitting the translated
 * sentence at the placeholder cannot be fooled by a name; other paragraphs are text only and never searched.
 */
interface Link {
  href: string;
  label: string;
}
interface LinkParagraph {
  link: [before: string, after: string];
  /** Its own link (a digest's section links to that series' tracker); else the email's one link. */
  to?: Link;
}
/** A heading line (a digest's series name): its own line in text, a heading in HTML. */
interface Heading {
  heading: string;
}
type Paragraph = string | LinkParagraph | Heading;
const linkMark = '\u0000link\u0000';
function withLink(sentence: string, to?: Link): LinkParagraph {
  const at = sentence.indexOf(linkMark);
  return { link: at < 0 ? [sentence, ''] : [sentence.slice(0, at), sentence.slice(at + linkMark.length)], to };
}

/** Paragraphs to plain text and to HTML; a link paragraph gets the link (its URL in text, an anchor in HTML). */
function compose(lang: Language, subject: string, paragraphs: Paragraph[], link?: Link): EmailContent {
  const t = translator(lang);
  const marking = t('common:protectiveMarking');
  const text = paragraphs.map((p) => (typeof p === 'string' ? p : 'heading' in p ? p.heading : `${p.link[0]}${(p.to ?? link)?.href ?? ''}${p.link[1]}`)).join('\n\n') + '\n';
  const anchor = (to: Link | undefined) => (to ? `<a href="${escapeHtml(to.href)}">${escapeHtml(to.label)}</a>` : '');
  const html = [
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    // The colour is GOV.UK's text colour: an email client has no stylesheet of ours to take it from.
    '<body style="font-family: Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #0b0c0c">',
    `<p style="font-weight: bold">${escapeHtml(marking)}</p>`,
    ...paragraphs.map((p) =>
      typeof p === 'string'
        ? `<p>${escapeHtml(p)}</p>`
        : 'heading' in p
          ? `<h2 style="font-size: 19px">${escapeHtml(p.heading)}</h2>`
          : `<p>${escapeHtml(p.link[0])}${anchor(p.to ?? link)}${escapeHtml(p.link[1])}</p>`,
    ),
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}

/** "7 December 2026" / "7 Rhagfyr 2026" on the London calendar. */
const longDate = (lang: Language, iso: string | number) => formatLongDay(lang, iso, mailLimits.timeZone);

interface ExtractFacts {
  lang: Language;
  seriesName: string;
  heldAt: string;
  recipientName: string;
  agencyName: string;
  version: number;
}

const minutesSubject = (f: ExtractFacts) => {
  const t = translator(f.lang);
  return t('email:minutesSubject', { series: f.seriesName, date: longDate(f.lang, f.heldAt), marking: t('common:protectiveMarking') });
};

/** The default: a link that opens the agency's extract after sign-in, for this person only. */
export function extractLinkEmail(f: ExtractFacts): EmailContent {
  const t = translator(f.lang);
  const marking = t('common:protectiveMarking');
  const days = Math.round(mailLimits.extractLinkTtlMs / 86_400_000);
  return compose(
    f.lang,
    minutesSubject(f),
    [
      t('email:dear', { name: f.recipientName }),
      t('email:extractLink.ready', { series: f.seriesName, date: longDate(f.lang, f.heldAt), version: f.version, agency: f.agencyName }),
      withLink(linkMark),
      t('email:extractLink.howTo', { count: days }),
      t('email:extractLink.noCaseDetails', { marking }),
    ],
    { href: extractLinkPlaceholder, label: t('email:extractLink.linkLabel', { agency: f.agencyName }) },
  );
}

/** The extract attached (docx or PDF), for agencies whose staff cannot sign in to Triage Room. */
export function extractAttachedEmail(f: ExtractFacts & { format: 'docx' | 'pdf' }): EmailContent {
  const t = translator(f.lang);
  const marking = t('common:protectiveMarking');
  return compose(f.lang, minutesSubject(f), [
    t('email:dear', { name: f.recipientName }),
    t('email:extractAttached.attached', { agency: f.agencyName, series: f.seriesName, date: longDate(f.lang, f.heldAt), version: f.version, format: t(`email:format.${f.format}`) }),
    t('email:extractAttached.handling', { marking }),
  ]);
}

export interface ReminderLine {
  caseRef: string | null;
  due: string;
  /** Whole days overdue (0 or less: not yet due). */
  daysOverdue: number;
  ownerName?: string;
}

function lineText(lang: Language, line: ReminderLine): string {
  const t = translator(lang);
  const date = formatDay(lang, line.due);
  const due = line.daysOverdue > 0 ? t('email:due.overdue', { count: line.daysOverdue, date }) : line.daysOverdue === 0 ? t('email:due.today', { date }) : t('email:due.on', { date });
  const what = line.caseRef ? t('email:line.case', { ref: line.caseRef }) : t('email:line.general');
  return line.ownerName ? t('email:line.withOwner', { what, owner: line.ownerName, due }) : t('email:line.plain', { what, due });
}

/** One series' part of a digest: its name, its tracker, the owner's lines in it. */
export interface DigestSection {
  seriesName: string;
  trackerUrl: string;
  lines: ReminderLine[];
}

/**
 * An owner's daily digest, one a day across all their series: how many actions are due soon or overdue, then a section
 * per series (its name, its lines by case reference and date only, its tracker link).
 */
export function digestEmail(f: { lang: Language; recipientName: string; preferencesUrl: string; sections: DigestSection[] }): EmailContent {
  const t = translator(f.lang);
  const lines = f.sections.flatMap((s) => s.lines);
  const overdue = lines.filter((l) => l.daysOverdue > 0).length;
  const soon = lines.length - overdue;
  return compose(f.lang, t('email:digest.subject', { overdue, soon }), [
    t('email:dear', { name: f.recipientName }),
    t('email:digest.intro', { count: lines.length, days: mailLimits.digestDueWithinDays }),
    ...f.sections.flatMap((s): Paragraph[] => [
      { heading: s.seriesName },
      ...s.lines.map((l) => lineText(f.lang, l)),
      withLink(t('email:digest.seeThem', { link: linkMark }), { href: s.trackerUrl, label: t('email:digest.seriesLinkLabel', { series: s.seriesName }) }),
    ]),
    t('email:digest.stop', { url: f.preferencesUrl }),
  ]);
}

/** To an agency's lead: its actions overdue past the series' threshold. */
export function escalationEmail(f: { lang: Language; recipientName: string; seriesName: string; agencyName: string; afterDays: number; trackerUrl: string; lines: ReminderLine[] }): EmailContent {
  const t = translator(f.lang);
  return compose(
    f.lang,
    t('email:escalation.subject', { count: f.lines.length, agency: f.agencyName, series: f.seriesName }),
    [
      t('email:dear', { name: f.recipientName }),
      t('email:escalation.intro', { agency: f.agencyName, series: f.seriesName, days: f.afterDays }),
      ...f.lines.map((l) => lineText(f.lang, l)),
      withLink(t('email:escalation.please', { link: linkMark })),
    ],
    { href: f.trackerUrl, label: t('email:digest.linkLabel') },
  );
}

export type InviteChange = 'scheduled' | 'rescheduled' | 'cancelled' | 'uninvited';

/** "Monday 7 December 2026 at 10:00" / "Dydd Llun 7 Rhagfyr 2026 am 10:00" on the London clock. */
export function formatMeetingTime(lang: Language, ms: number): string {
  const weekday = new Intl.DateTimeFormat(lang === 'cy' ? 'cy-GB' : 'en-GB', { weekday: 'long', timeZone: mailLimits.timeZone }).format(new Date(ms));
  return translator(lang)('email:invite.when', { date: `${weekday} ${longDate(lang, ms)}`, time: formatTime(lang, ms, mailLimits.timeZone) });
}

/**
 * A series member's calendar invite (the .ics is attached): when and where, and a link to the meeting. No case
 * content and no cancellation reason (free text that may name people): the meeting page shows that after sign-in.
 */
export function meetingInviteEmail(f: { lang: Language; recipientName: string; seriesName: string; startsAt: number; venue: string; meetingUrl: string; change: InviteChange }): EmailContent {
  const t = translator(f.lang);
  const vars = { series: f.seriesName, when: formatMeetingTime(f.lang, f.startsAt), venue: f.venue };
  const calendar = f.change === 'cancelled' || f.change === 'uninvited' ? t('email:invite.removes') : t('email:invite.adds');
  return compose(
    f.lang,
    t(`email:invite.subject.${f.change}`, vars),
    [t('email:dear', { name: f.recipientName }), t(`email:invite.lead.${f.change}`, vars), calendar, withLink(t('email:invite.meetingLink', { link: linkMark }))],
    { href: f.meetingUrl, label: t('email:invite.linkLabel', { series: f.seriesName }) },
  );
}
