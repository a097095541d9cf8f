import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { digestEmail, escalationEmail, extractAttachedEmail, extractLinkEmail, extractLinkPlaceholder } from '../../server/services/mail/templates.js';
import { retryDelayMs } from '../../server/services/mail/sender.js';
import { mailLimits } from '../../shared/limits.js';

const facts = { seriesName: 'Repeat Removals Triage', heldAt: '2026-11-24T10:00:00.000Z', recipientName: 'Sam Constable', agencyName: 'Police Public Protection Unit', version: 2 };

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
    const digest = digestEmail({ recipientName: 'Taylor Housing', seriesName: 'Repeat Removals Triage', trackerUrl: 'https://t.example/series/s/actions', preferencesUrl: 'https://t.example/account', lines });
    expect(digest.subject).toBe('Your actions: 1 overdue, 2 due soon – Repeat Removals Triage');
    expect(digest.text).toContain('• Case RR-2026-009: overdue by 1 day (due 28 Nov 2026)');
    expect(digest.text).toContain('• General action: due today (2 Dec 2026)');
    expect(digest.text).toContain('• Case RR-2026-012: due 4 Dec 2026');
    expect(digest.html).toContain('<a href="https://t.example/series/s/actions">Open the action tracker</a>');
    const escalation = escalationEmail({ recipientName: 'Lead', seriesName: 'S', agencyName: 'Housing Options', afterDays: 7, trackerUrl: 'u', lines: [{ ...lines[0], daysOverdue: 9, ownerName: 'Taylor Housing' }] });
    expect(escalation.text).toContain('• Case RR-2026-009, owner Taylor Housing: overdue by 9 days');
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
