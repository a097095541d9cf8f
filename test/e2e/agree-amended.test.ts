import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoMeetingId } from '../../server/seed/demo.js';
import type { MinutesView } from '../../shared/minutes.js';
import { seriousAxeViolations } from '../support/axe.js';
import { signedInPage } from '../support/browser-session.js';
import { demoActors } from '../support/demo-actors.js';
import { browserHarness } from '../support/e2e.js';
import { demoUsers } from '../support/session.js';

const visible = (page: Page, text: string | RegExp) => page.getByText(text).first().waitFor({ state: 'visible', timeout: 10_000 });
const correction = 'Apologies: Taylor Housing (Housing Options). Synthetic correction made at the next meeting.';

describe('agreeing last week’s minutes with amendments from the standing item, in Chromium', () => {
  const h = browserHarness();
  const { api } = demoActors(() => h.server.url);
  const minutesOf = async (version?: number) =>
    (await api<{ minutes: MinutesView; versions: { version: number }[] }>('coordinator', `/meetings/demo-previous/minutes${version ? `?version=${version}` : ''}`)).body;

  it('the chair says why and what changed; one step makes version 2 and agrees it, version 1 stays a draft', async () => {
    const before = await minutesOf();
    expect(before.versions).toHaveLength(1);
    const corrected = before.minutes.items[0];

    const chair = await signedInPage(h.browser, h.server.url, demoUsers.chair, `/meetings/${demoMeetingId}`);
    const page = chair.page;
    page.setDefaultTimeout(10_000);
    await page.getByRole('button', { name: 'Open the meeting' }).click();
    await visible(page, /Meeting status:\s*live/);
    await page.getByRole('button', { name: /^View item \d+, Minutes of the last meeting$/ }).click();
    const stage = page.locator('.item-stage');
    await stage.getByText('Draft – not yet agreed').waitFor();
    // The notes editor loads lazily above this section and pushes it ~400 px down; a click aimed before it arrives
    // lands on the editor instead. Wait for it, as a user would see the page settle.
    await stage.getByRole('textbox', { name: 'Discussion notes for Minutes of the last meeting' }).waitFor();
    await stage.getByRole('button', { name: 'Agree with amendments' }).click();
    await stage.getByRole('heading', { name: 'Agree with amendments' }).waitFor();

    // Without a reason nothing is sent: the field says why, and the minutes keep one version.
    await stage.getByRole('button', { name: 'Amend and agree as a correct record' }).click();
    await stage.locator('#agree-amended-note-error').getByText('Say why the minutes are amended').waitFor();
    expect((await minutesOf()).versions).toHaveLength(1);
    expect(await seriousAxeViolations(page)).toEqual([]);

    await stage.getByLabel('Why are the minutes amended?').fill('Apologies from the housing officer were missed');
    await stage.getByLabel('Item corrected').selectOption(corrected.id);
    await stage.getByLabel("What the item's notes should say").fill(correction);
    await stage.getByRole('button', { name: 'Amend and agree as a correct record' }).click();
    await stage.getByText(/^Agreed as a correct record on .*, Morgan Chair$/).waitFor();
    await stage.getByText('(version 2)', { exact: false }).waitFor();

    const after = await minutesOf();
    expect(after.versions.map((v) => v.version).sort()).toEqual([1, 2]);
    expect(after.minutes.version.number).toBe(2);
    expect(after.minutes.items.find((i) => i.id === corrected.id)!.background.join('\n')).toContain(correction);
    expect(after.minutes.agreement).toMatchObject({ agreedBy: 'Morgan Chair' });
    // The earlier version is kept as it was, still a draft.
    const first = await minutesOf(1);
    expect(first.minutes.agreement).toBeNull();
    expect(first.minutes.items.find((i) => i.id === corrected.id)!.background.join('\n')).not.toContain(correction);
  });
});
