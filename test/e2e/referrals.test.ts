import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoMeetingId } from '../../server/seed/demo.js';
import { browserHarness } from '../support/e2e.js';
import { signedInPage } from '../support/browser-session.js';
import { seriousAxeViolations } from '../support/axe.js';
import { demoUsers } from '../support/session.js';

const series = '/series/series-repeat-removals';
const summary = 'Pregnant woman, 26; partner on bail';
const wait = { timeout: 15_000 };

async function fillReferral(page: Page, over: { consent?: string; basis?: string } = {}) {
  await page.getByLabel('Why are you referring?').fill('Domestic incident at the address; she is 20 weeks pregnant.');
  await page.getByLabel('Short summary').fill(summary);
  await page.getByRole('radio', { name: 'High risk' }).check();
  await page.getByRole('group', { name: /Are children involved/ }).getByRole('radio', { name: 'Yes' }).check();
  await page.getByRole('radio', { name: over.consent ?? 'Consent refused: shared without consent' }).check();
  if (over.basis !== undefined) await page.getByLabel('Lawful basis for sharing without consent').fill(over.basis);
  await page.getByLabel('Vulnerabilities (optional)').fill('domestic abuse, housing');
}

describe('referrals in Chromium: refer, screen, research, meet, history, repeat', () => {
  const h = browserHarness();

  // One story in four steps (each its own test, run in order): the steps share the people signed in and the reference.
  let police: Awaited<ReturnType<typeof signedInPage>>;
  let coordinator: Awaited<ReturnType<typeof signedInPage>>;
  let chair: Awaited<ReturnType<typeof signedInPage>>;
  let ref = '';

  it('a police member refers a case; the form refuses consent refused without a lawful basis', async () => {
    // A police member refers; the form refuses a refusal of consent without a lawful basis, inline and in the summary.
    police = await signedInPage(h.browser, h.server.url, demoUsers.member2, `${series}/referrals/new`);
    await police.page.getByRole('heading', { name: 'Refer a case' }).waitFor(wait);
    await police.page.getByText('Never write a name', { exact: false }).first().waitFor();
    await fillReferral(police.page, { basis: '' });
    await police.page.getByRole('button', { name: 'Send referral' }).click();
    const summaryBox = police.page.locator('.govuk-error-summary');
    await summaryBox.getByRole('link', { name: 'Give the lawful basis for sharing without consent' }).waitFor(wait);
    expect(await police.page.locator('#referral-lawfulBasis-error').textContent()).toContain('Give the lawful basis');
    expect(await seriousAxeViolations(police.page)).toEqual([]);
    await police.page.getByLabel('Lawful basis for sharing without consent').fill('Prevention of serious harm (domestic abuse)');
    await police.page.getByRole('button', { name: 'Send referral' }).click();
    await police.page.getByRole('heading', { name: 'Referral sent' }).waitFor(wait);
    ref = (await police.page.locator('.govuk-panel__body strong').textContent())!.trim();
    expect(ref).toMatch(/^RR-\d{4}-\d{3}$/);
  });

  it('the coordinator asks for more information; the member answers; the coordinator accepts it onto this week', async () => {

    // The coordinator asks for more information.
    coordinator = await signedInPage(h.browser, h.server.url, demoUsers.coordinator, `${series}/referrals/queue`);
    const card = coordinator.page.getByRole('article', { name: new RegExp(ref) });
    await card.waitFor(wait);
    await coordinator.page.getByText('within the last 12 months is matched to that case and marked a repeat referral').waitFor();
    await card.getByLabel(`What do you need to know about ${ref}?`).fill('Has the community midwife been told?');
    await card.getByRole('button', { name: 'Ask the referrer' }).click();
    await coordinator.page.getByText(`More information asked for on ${ref}`).waitFor(wait);
    expect(await seriousAxeViolations(coordinator.page)).toEqual([]);

    // The member sees the question and answers it.
    await police.page.goto(`${h.server.url}${series}/referrals`);
    const mine = police.page.getByRole('article', { name: new RegExp(ref) });
    await mine.getByText('Has the community midwife been told?').waitFor(wait);
    await mine.getByText('More information requested').waitFor();
    await mine.getByLabel(`Your answer for ${ref}`).fill('Yes, she was told on Monday.');
    await mine.getByRole('button', { name: 'Send the information' }).click();
    await mine.getByText('Waiting for the coordinator').waitFor(wait);
    expect(await seriousAxeViolations(police.page)).toEqual([]);

    // The coordinator accepts it onto this week's meeting (the first upcoming one).
    await coordinator.page.reload();
    const again = coordinator.page.getByRole('article', { name: new RegExp(ref) });
    await again.getByText('Answer: Yes, she was told on Monday.').waitFor(wait);
    const meetingSelect = again.getByLabel(`Meeting for ${ref}`);
    const thisWeek = await meetingSelect.locator('option').first().getAttribute('value');
    expect(thisWeek).toBe(demoMeetingId);
    await again.getByRole('button', { name: 'Accept onto the agenda' }).click();
    await coordinator.page.getByText(`${ref} accepted onto the agenda`).waitFor(wait);
  });

  it('two agencies add their research on the published agenda', async () => {

    // Two agencies add their research on the published agenda.
    for (const [who, knows] of [
      [police, 'Two call-outs to the address this year.'],
      [await signedInPage(h.browser, h.server.url, demoUsers.member, `/meetings/${demoMeetingId}/research`), 'Known to the perinatal team since 2024.'],
    ] as const) {
      await who.page.goto(`${h.server.url}/meetings/${demoMeetingId}/research`);
      await who.page.getByLabel(`What we know (${ref})`).fill(knows, wait);
      await who.page.getByLabel(`Risks we see (${ref})`).fill('Escalating');
      await who.page.getByRole('button', { name: `Save research on ${ref}` }).click();
      await who.page.getByText(`Research on ${ref} saved.`).waitFor(wait);
      expect(await seriousAxeViolations(who.page)).toEqual([]);
    }

  });

  it('the chair opens the meeting and sees both contributions and who has not sent research', async () => {
    // The chair opens the meeting: both contributions are on the item, and the chair sees who has not sent research.
    chair = await signedInPage(h.browser, h.server.url, demoUsers.chair, `/meetings/${demoMeetingId}`);
    await chair.page.getByRole('button', { name: 'Open the meeting' }).click(wait);
    await chair.page.getByRole('button', { name: new RegExp(`^View item \\d+, New referral: ${summary}`) }).click(wait);
    const stage = chair.page.locator('.item-stage');
    await stage.getByRole('heading', { name: /Police Public Protection Unit — by Sam Constable/ }).waitFor(wait);
    await stage.getByRole('heading', { name: /Adult Mental Health \(NHS\) — by Riley Mental-Health/ }).waitFor();
    await stage.getByText('Two call-outs to the address this year.').waitFor();
    const briefing = stage.getByRole('group', { name: `Case ${ref} at a glance` });
    await briefing.getByText(/Not sent by: .*Housing Options/).waitFor(wait);
    await briefing.getByText(/Research sent by: .*Police Public Protection Unit/).waitFor();
    expect(await seriousAxeViolations(chair.page)).toEqual([]);
  });

  it('after the meeting ends the case page shows its history, with the minutes', async () => {
    const stage = chair.page.locator('.item-stage');
    // After the meeting ends the case page shows the meeting, its minutes and the contributions.
    await chair.page.getByRole('button', { name: 'End the meeting', exact: true }).click();
    await chair.page.getByRole('button', { name: 'Yes, end the meeting' }).click();
    await chair.page.getByRole('link', { name: 'read the minutes' }).waitFor(wait);
    await stage.getByRole('link', { name: `Case history: ${ref}` }).click();
    await chair.page.getByRole('heading', { name: new RegExp(ref) }).waitFor(wait);
    await chair.page.getByRole('link', { name: /^minutes of / }).first().waitFor(wait);
    await chair.page.getByText('Two call-outs to the address this year.').first().waitFor();
    expect(await seriousAxeViolations(chair.page)).toEqual([]);
  });

  it('a second referral of the same case is matched from the suggestions and shown as a repeat', async () => {
    // The same case referred again: the coordinator matches it from the suggestions and it shows as a repeat.
    await police.page.goto(`${h.server.url}${series}/referrals/new`);
    await fillReferral(police.page, { basis: 'Prevention of serious harm (domestic abuse)' });
    await police.page.getByRole('button', { name: 'Send referral' }).click();
    await police.page.getByRole('heading', { name: 'Referral sent' }).waitFor(wait);
    const second = (await police.page.locator('.govuk-panel__body strong').textContent())!.trim();
    await coordinator.page.reload();
    const repeatCard = coordinator.page.getByRole('article', { name: new RegExp(second) });
    await repeatCard.getByRole('radio', { name: new RegExp(`^${ref}:`) }).check(wait);
    await repeatCard.getByRole('button', { name: 'Match to this case' }).click();
    await coordinator.page.getByText(`${second} matched to ${ref}`).waitFor(wait);
    const matched = coordinator.page.getByRole('article', { name: new RegExp(`${ref}.*Repeat referral`) });
    // The earlier referral's date, from the server's repeat rule.
    await matched.locator('.govuk-summary-list__row').filter({ hasText: /^Earlier\s*referred \d{1,2} \w+ \d{4}/ }).waitFor(wait);
    expect(await seriousAxeViolations(coordinator.page)).toEqual([]);

    // The register lists both references: the first open, the second merged into it.
    await coordinator.page.goto(`${h.server.url}${series}/cases`);
    const register = coordinator.page.getByRole('table');
    await register.getByRole('row', { name: new RegExp(`${second}.*Merged into ${ref}`) }).waitFor(wait);
    expect(await seriousAxeViolations(coordinator.page)).toEqual([]);
  });
});
