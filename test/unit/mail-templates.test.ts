import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { digestEmail, escalationEmail, extractAttachedEmail, extractLinkEmail, extractLinkPlaceholder, meetingInviteEmail } from '../../server/services/mail/templates.js';
import { retryDelayMs } from '../../server/services/mail/sender.js';
import { mailLimits } from '../../shared/limits.js';

const facts = { lang: 'en' as const, seriesName: 'Repeat Removals Triage', heldAt: '2026-11-24T10:00:00.000Z', recipientName: 'Sam Constable', agencyName: 'Police Public Protection Unit', version: 2 };

describe('email templates', () => {
  it('a link email: the house subject, the link placeholder in text and HTML, no case content fields at all', () => {
    const email = extractLinkEmail(facts);
    expect(email.subject).toBe('Minutes of Repeat Removals Triage 24 November 2026 – OFFICIAL-SENSITIVE');
    expect(email.text).toContain(`\n\n${extractLinkPlaceholder}\n\n`);
    expect(email.html).toContain(`<a href="${extractLinkPlaceholder}">Open the Police Public Protection Unit extract</a>`);
    expect(email.text).toContain('stops working 7 days after this email was sent');
  });

  it('an attachment email names the format', () => {
    expect(extractAttachedEmail({ ...facts, format: 'pdf' }).text).toContain('(version 2, PDF)');
    expect(extractAttachedEmail({ ...facts, format: 'docx' }).text).toContain('(version 2, Word)');
  });

  it('digests and escalations count and word each line by case reference and days', () => {
    const lines = [
      { caseRef: 'RR-2026-009', due: '2026-11-28', daysOverdue: 1 },
      { caseRef: null, due: '2026-12-02', daysOverdue: 0 },
      { caseRef: 'RR-2026-012', due: '2026-12-04', daysOverdue: -2 },
    ];
    const digest = digestEmail({ lang: 'en', recipientName: 'Taylor Housing', seriesName: 'Repeat Removals Triage', trackerUrl: 'https://t.example/series/s/actions', preferencesUrl: 'https://t.example/account', lines });
    expect(digest.subject).toBe('Your actions: 1 overdue, 2 due soon – Repeat Removals Triage');
    expect(digest.text).toContain('• Case RR-2026-009: overdue by 1 day (due 28 Nov 2026)');
    expect(digest.text).toContain('• General action: due today (2 Dec 2026)');
    expect(digest.text).toContain('• Case RR-2026-012: due 4 Dec 2026');
    expect(digest.html).toContain('<a href="https://t.example/series/s/actions">Open the action tracker</a>');
    const escalation = escalationEmail({ lang: 'en', recipientName: 'Lead', seriesName: 'S', agencyName: 'Housing Options', afterDays: 7, trackerUrl: 'u', lines: [{ ...lines[0], daysOverdue: 9, ownerName: 'Taylor Housing' }] });
    expect(escalation.text).toContain('• Case RR-2026-009, owner Taylor Housing: overdue by 9 days');
  });

  it('in Welsh: the same emails in Welsh, dates in cy-GB, Welsh plural forms', () => {
    const cy = { ...facts, lang: 'cy' as const };
    const link = extractLinkEmail(cy);
    expect(link.subject).toBe('Cofnodion Repeat Removals Triage 24 Tachwedd 2026 – SWYDDOGOL-SENSITIF');
    expect(link.text).toContain('Annwyl Sam Constable,');
    expect(link.text).toContain('yn peidio â gweithio 7 diwrnod ar ôl anfon yr e-bost hwn');
    expect(link.html).toContain('<html lang="cy">');
    expect(link.html).toContain(`<a href="${extractLinkPlaceholder}">Agor detholiad Police Public Protection Unit</a>`);
    expect(extractAttachedEmail({ ...cy, format: 'pdf' }).text).toContain('(fersiwn 2, PDF)');
    const lines = [
      { caseRef: 'RR-2026-009', due: '2026-11-28', daysOverdue: 2 },
      { caseRef: null, due: '2026-12-02', daysOverdue: 0 },
    ];
    const digest = digestEmail({ lang: 'cy', recipientName: 'Taylor Housing', seriesName: 'Repeat Removals Triage', trackerUrl: 'u', preferencesUrl: 'p', lines });
    expect(digest.subject).toBe('Eich camau gweithredu: 1 yn hwyr, 1 yn ddyledus cyn bo hir – Repeat Removals Triage');
    expect(digest.text).toContain('Rydych chi’n berchen ar 2 gam gweithredu agored');
    expect(digest.text).toContain('• Achos RR-2026-009: yn hwyr o 2 ddiwrnod (erbyn 28 Tach 2026)');
    expect(digest.text).toContain('• Cam gweithredu cyffredinol: erbyn heddiw (2 Rhag 2026)');
    expect(digest.text).not.toMatch(/\b(Dear|overdue|Case)\b/);
    const invite = meetingInviteEmail({ lang: 'cy', recipientName: 'Ceri', seriesName: 'Triage', startsAt: Date.UTC(2026, 11, 7, 10, 0), venue: 'Neuadd y Sir', meetingUrl: 'u', change: 'scheduled' });
    expect(invite.subject).toBe('Gwahoddiad: Triage, Dydd Llun 7 Rhagfyr 2026 am 10:00');
  });

  it('puts names in verbatim: nothing a name holds is read as a placeholder or a nested key', () => {
    for (const name of ['{{series}}', '$t(email:dear)', '{{link}}', '\u0000link\u0000']) {
      const email = extractLinkEmail({ ...facts, recipientName: name });
      expect(email.text.startsWith(`Dear ${name},`)).toBe(true);
    }
  });

  it('escapes whatever names hold in the HTML part', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (seriesName, recipientName, agencyName) => {
        const html = extractLinkEmail({ ...facts, seriesName, recipientName, agencyName }).html;
        const body = html.slice(html.indexOf('<body'));
        // Only our own tags: every "<" in the body opens one of p, a, body, html (or closes it).
        expect(body.match(/<(?!\/?(?:p|a|body|html)\b)/g)).toBeNull();
      }),
      { numRuns: 200 },
    );
  });

  it('backs off from a minute, doubling, capped at an hour', () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(retryDelayMs(mailLimits.maxAttempts + 10)).toBe(mailLimits.retryMaxMs);
  });
});
