import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoMeetingId } from '../../server/seed/demo.js';
import type { MeetingDetailView } from '../../shared/api-types.js';
import { readAgenda } from '../../shared/meeting-doc.js';
import { contributionText, decisionText, joinContribution, setDecisionOutcome, type PersonRef } from '../../shared/item-work.js';
import { browserHarness } from '../support/e2e.js';
import { signedInPage } from '../support/browser-session.js';
import { seriousAxeViolations } from '../support/axe.js';
import { demoActors } from '../support/demo-actors.js';
import { connectYClient } from '../support/yjs-client.js';

const path = `/meetings/${demoMeetingId}`;
const inViewport = (page: Page, selector: string) =>
  page.evaluate((sel) => {
    const r = document.querySelector(sel)!.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  }, selector);

describe('the meeting screen around the end, in Chromium', () => {
  const h = browserHarness();
  const actors = demoActors(() => h.server.url);

  it('says who leads, shows decision numbers and a read-only minute-taker after the end, and separates agencies in the minutes', async () => {
    // Two agencies contribute on one case and the room decides it, from a specialist's client.
    const { body } = await actors.api<{ meeting: MeetingDetailView }>('member2', path);
    const person = (name: string) => body.meeting.participants.find((p) => p.name === name)! as PersonRef;
    const y = connectYClient(h.server.url, demoMeetingId, { headers: { cookie: await actors.cookie('member2') } });
    await y.synced;
    const agenda = readAgenda(y.doc);
    const item = agenda.find((i) => i.caseRef === 'RR-2026-015')!;
    const label = `item ${agenda.indexOf(item) + 1}, ${item.title}`;
    // Each agency writes its own contribution (the server keeps anyone from writing under another agency).
    const mh = connectYClient(h.server.url, demoMeetingId, { headers: { cookie: await actors.cookie('member') } });
    await mh.synced;
    for (const [client, name, words] of [[y, 'Sam Constable', 'Two call-outs this year.'], [mh, 'Riley Mental-Health', 'Known to the perinatal team.']] as const) {
      client.doc.transact(() => {
        joinContribution(client.doc, item.id, person(name));
        contributionText(client.doc, item.id, person(name).agencyId, 'knows').insert(0, words);
      });
    }
    y.doc.transact(() => {
      setDecisionOutcome(y.doc, item.id, 'allocate');
      decisionText(y.doc, item.id, 'text').insert(0, 'Allocate to the family support team.');
    });
    await Promise.all([y.saved(), mh.saved()]);
    y.destroy();
    mh.destroy();

    const [chair, member] = await Promise.all([signedInPage(h.browser, h.server.url, 'chair@demo.triage.test', path), signedInPage(h.browser, h.server.url, 'mh@demo.triage.test', path)]);
    await chair.page.getByRole('button', { name: 'Open the meeting' }).click();
    const chairView = chair.page.getByRole('group', { name: 'Your view' });
    await chairView.getByText('You lead the room').waitFor();
    expect(await chairView.getByText('Following the chair').count()).toBe(0);
    await member.page.getByRole('group', { name: 'Your view' }).getByText('Following the chair').waitFor();

    // Before the end the decision says where its number comes from.
    await chair.page.getByRole('button', { name: `View ${label}` }).click();
    const stage = chair.page.locator('.item-stage');
    await stage.getByText('is given when the chair ends the meeting').waitFor();
    await chair.page.getByLabel('Minutes taken by').selectOption({ label: 'Sam Constable (Police Public Protection Unit)' });

    await chair.page.getByRole('button', { name: 'End the meeting', exact: true }).click();
    await chair.page.getByRole('button', { name: 'Yes, end the meeting' }).click();
    await chair.page.getByRole('link', { name: 'read the minutes' }).waitFor();
    // No reload: the number replaces the promise, and the minute-taker is no longer a control.
    const number = stage.locator('.decision-number');
    await number.waitFor();
    expect(await number.textContent()).toMatch(/^Decision number: \d{3}\/\d{4}$/);
    expect(await stage.getByText('is given when the chair ends the meeting').count()).toBe(0);
    await chair.page.getByText('Minutes taken by Sam Constable (Police Public Protection Unit)').waitFor();
    expect(await chair.page.getByRole('combobox', { name: 'Minutes taken by' }).count()).toBe(0);
    const memberStage = member.page.locator('.item-stage');
    await member.page.getByRole('button', { name: `View ${label}` }).click();
    await memberStage.locator('.decision-number').waitFor();
    await member.context.close();

    // The minutes page: each agency's contribution its own block under its own heading.
    await chair.page.getByRole('link', { name: 'read the minutes' }).click();
    const section = chair.page.getByRole('region', { name: `${agenda.indexOf(item) + 1}. ${item.title}` });
    const police = section.getByRole('region', { name: 'Police Public Protection Unit (Sam Constable)' });
    const health = section.getByRole('region', { name: 'Adult Mental Health (NHS) (Riley Mental-Health)' });
    expect(await police.textContent()).toContain('What we know: Two call-outs this year.');
    expect(await police.textContent()).not.toContain('perinatal');
    expect(await health.textContent()).toContain('What we know: Known to the perinatal team.');
    // Extracts are offered for agencies only, not a referring agency typed on a case.
    const copyFor = chair.page.getByLabel('Copy for');
    const offered = await copyFor.locator('option').allTextContents();
    expect(offered).toContain('Police Public Protection Unit only (extract)');
    expect(offered.some((o) => o.startsWith('Midwifery'))).toBe(false);

    // Saving an amendment from the foot of a long form: the result shows where the chair is, focused.
    await chair.page.getByRole('button', { name: 'Amend these minutes' }).click();
    await chair.page.getByLabel(/Why are the minutes being amended/).fill('Decision wording corrected');
    await chair.page.getByLabel(`Decision of item ${agenda.indexOf(item) + 1}`).fill('Allocate to the family support team this week.');
    await chair.page.getByRole('button', { name: 'Save as version 2' }).click();
    const saved = chair.page.getByRole('alert').filter({ hasText: 'Saved as version 2' });
    await saved.waitFor();
    expect(await saved.evaluate((el) => document.activeElement !== null && document.activeElement.contains(el))).toBe(true);
    expect(await inViewport(chair.page, '.saved-banner')).toBe(true);
    const violations = await seriousAxeViolations(chair.page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await chair.context.close();
  }, 60_000);

  it('reads an overdue action as "due <date>, Overdue" to a screen reader', async () => {
    const { page, context } = await signedInPage(h.browser, h.server.url, 'mh@demo.triage.test', path);
    await page.getByRole('button', { name: /^View item \d+, Matters arising/ }).click();
    const overdue = page.locator('.action-facts p', { hasText: 'Overdue' }).first();
    await overdue.waitFor();
    // What a screen reader reads, its text and the tag (a <strong>) run together in order.
    const heard = (await overdue.ariaSnapshot()).replace(/\s*\n\s*- (text|strong): /g, ' ');
    expect(heard).toMatch(/due \d{1,2} [A-Z][a-z]{2} \d{4} ?, Overdue/);
    await context.close();
  }, 60_000);
});
