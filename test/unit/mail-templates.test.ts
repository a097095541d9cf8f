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
    const digest = digestEmail({
      lang: 'en',
      recipientName: 'Taylor Housing',
      preferencesUrl: 'https://t.example/account',
      sections: [
        { seriesName: 'Repeat Removals Triage', trackerUrl: 'https://t.example/series/s/actions', lines },
        { seriesName: 'Youth Panel', trackerUrl: 'https://t.example/series/y/actions', lines: [{ caseRef: 'YP-2026-001', due: '2026-11-20', daysOverdue: 9 }] },
      ],
    });
    // One subject counting every series' actions; a section per series, in order, each with its own tracker link.
    expect(digest.subject).toBe('Your actions: 2 overdue, 2 due soon');
    expect(digest.text).toContain(`You own 4 open actions that are overdue or due within ${mailLimits.digestDueWithinDays} days. By series:`);
    expect(digest.text).toContain(
      [
        'Repeat Removals Triage',
        '• Case RR-2026-009: overdue by 1 day (due 28 Nov 2026)',
        '• General action: due today (2 Dec 2026)',
        '• Case RR-2026-012: due 4 Dec 2026',
        "See and update them in this series' action tracker (sign in when asked): https://t.example/series/s/actions",
        'Youth Panel',
        '• Case YP-2026-001: overdue by 9 days (due 20 Nov 2026)',
        "See and update them in this series' action tracker (sign in when asked): https://t.example/series/y/actions",
      ].join('\n\n'),
    );
    expect(digest.html).toContain('<h2 style="font-size: 19px">Youth Panel</h2>');
    expect(digest.html).toContain('<a href="https://t.example/series/s/actions">Open the Repeat Removals Triage action tracker</a>');
    expect(digest.html).toContain('<a href="https://t.example/series/y/actions">Open the Youth Panel action tracker</a>');
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
    const digest = digestEmail({
      lang: 'cy',
      recipientName: 'Taylor Housing',
      preferencesUrl: 'p',
      sections: [
        { seriesName: 'Repeat Removals Triage', trackerUrl: 'u1', lines: [lines[0]] },
        { seriesName: 'Youth Panel', trackerUrl: 'u2', lines: [lines[1]] },
      ],
    });
    expect(digest.subject).toBe('Eich camau gweithredu: 1 yn hwyr, 1 yn ddyledus cyn bo hir');
    expect(digest.text).toContain('Rydych chi’n berchen ar 2 gam gweithredu agored');
    expect(digest.text).toMatch(/\n\nRepeat Removals Triage\n\n• Achos RR-2026-009[^\n]*\n\n[^\n]*nhraciwr[^\n]*: u1\n\nYouth Panel\n\n• Cam gweithredu cyffredinol[^\n]*\n\n[^\n]*: u2\n/);
    expect(digest.html).toContain('<a href="u2">Agor traciwr camau gweithredu Youth Panel</a>');
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
        const digest = digestEmail({ lang: 'en', recipientName, preferencesUrl: 'p', sections: [{ seriesName, trackerUrl: agencyName, lines: [] }] }).html;
        expect(digest.slice(digest.indexOf('<body')).match(/<(?!\/?(?:p|a|h2|body|html)\b)/g)).toBeNull();
      }),
      { numRuns: 200 },
    );
  });

  it('backs off from a minute, doubling, capped at an hour', () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(retryDelayMs(mailLimits.maxAttempts + 10)).toBe(mailLimits.retryMaxMs);
  });
});
