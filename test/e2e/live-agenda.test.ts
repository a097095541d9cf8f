import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';

import { demoMeetingId } from '../../server/seed/demo.js';
import { browserHarness } from '../support/e2e.js';
import { seriousAxeViolations } from '../support/axe.js';
import { signedInPage } from '../support/browser-session.js';
import { demoUsers } from '../support/session.js';

/** The agenda list itself: item titles also appear in the notes picker. */
const agenda = (page: Page) => page.getByRole('list', { name: 'Agenda items' });

describe('the meeting page in Chromium', () => {
  const h = browserHarness();

  it('shows an item added in one browser in the other, live, with a saved status', async () => {
    const path = `/meetings/${demoMeetingId}`;
    const [{ context: alice, page: pageA }, { context: bob, page: pageB }] = await Promise.all([
      signedInPage(h.browser, h.server.url, demoUsers.chair, path),
      // The coordinator may change the agenda's shape too (specialists may not: see agenda-rail.test.ts).
      signedInPage(h.browser, h.server.url, demoUsers.coordinator, path),
    ]);
    await expectVisible(agenda(pageA).getByText('Review: housing and tenancy support', { exact: true }));
    await expectVisible(agenda(pageB).getByText('Review: housing and tenancy support', { exact: true }));

    await pageA.getByLabel('Kind').selectOption('case-review');
    await pageA.getByLabel('Title').fill('Review: school attendance');
    await pageA.getByLabel('Case reference').fill('RR-2026-042');
    await pageA.getByRole('button', { name: 'Add item' }).click();

    await expectVisible(agenda(pageB).getByText('Review: school attendance', { exact: true }));
    await expectVisible(agenda(pageB).getByText('Case RR-2026-042', { exact: true }));
    await expectVisible(pageA.getByRole('status').filter({ hasText: 'All changes saved' }));

    // Rename from the other side by keyboard only: open the row's menu, then its Rename.
    await pageB.getByRole('button', { name: 'Change item 11, Review: school attendance' }).focus();
    await pageB.keyboard.press('Enter');
    await pageB.getByRole('button', { name: 'Rename item 11, Review: school attendance' }).focus();
    await pageB.keyboard.press('Enter');
    await pageB.keyboard.press('ControlOrMeta+a');
    await pageB.keyboard.type('Review: school attendance and transport');
    await pageB.keyboard.press('Enter');
    await expectVisible(agenda(pageA).getByText('Review: school attendance and transport', { exact: true }));

    await pageB.getByRole('button', { name: 'Change item 11, Review: school attendance and transport' }).click();
    await pageB.getByRole('button', { name: 'Remove item 11, Review: school attendance and transport' }).click();
    await pageB.getByRole('button', { name: 'Yes, remove it' }).click();
    await agenda(pageA).getByText('Review: school attendance and transport', { exact: true }).waitFor({ state: 'detached' });

    // Case details edited on one side show on the other; "Order by risk" puts children + high risk first for all.
    // The case details are edited on the item on screen: pick it in the agenda first.
    await pageB.getByRole('button', { name: 'View item 7, Review: housing and tenancy support' }).click();
    const stageB = pageB.locator('.item-stage');
    await stageB.getByText('Case details for item 7, Review: housing and tenancy support').click();
    await stageB.getByLabel('Risk level').selectOption('high');
    await agenda(pageA).locator('li', { hasText: 'Review: housing and tenancy support' }).getByText('High risk', { exact: true }).waitFor();
    await pageA.getByRole('button', { name: 'Order by risk' }).click();
    const caseTitles = ['New referral: mother, 24, third pregnancy', 'New referral: domestic abuse disclosure', 'Review: housing and tenancy support'];
    await pageB.waitForFunction(
      (titles: string[]) => Array.from(document.querySelectorAll('.agenda-item .item-title')).map((e) => e.textContent).slice(4, 7).join('|') === titles.join('|'),
      caseTitles,
      { timeout: 10_000 },
    );

    const violations = await seriousAxeViolations(pageA);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await Promise.all([alice.close(), bob.close()]);
  });

  it('lists the demo meeting and opens it from the list', async () => {
    const { context, page } = await signedInPage(h.browser, h.server.url, demoUsers.coordinator);
    await page.getByRole('list', { name: 'Live and upcoming' }).getByRole('link').first().click();
    await expectVisible(page.getByRole('heading', { level: 2, name: 'Agenda' }));
    expect(new URL(page.url()).pathname).toBe(`/meetings/${demoMeetingId}`);
    const violations = await seriousAxeViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await context.close();
  });
});

async function expectVisible(locator: { waitFor(o: { state: 'visible'; timeout?: number }): Promise<void> }) {
  await locator.waitFor({ state: 'visible', timeout: 10_000 });
}
