import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoMeetingId } from '../../server/seed/demo.js';
import { browserHarness } from '../support/e2e.js';
import { signedInPage } from '../support/browser-session.js';
import { demoUsers } from '../support/session.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

const itemTitle = 'New referral: mother, 24, third pregnancy';
const notesEditor = (page: Page) => page.getByRole('textbox', { name: `Discussion notes for ${itemTitle}` });
const saveStatus = (page: Page, text: string | RegExp) => page.getByRole('status').filter({ hasText: text }).waitFor({ timeout: 15_000 });
const meetingStores = (page: Page) =>
  page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? '').filter((name) => name.startsWith('triage-meeting:')));
const noMeetingStores = (page: Page) =>
  page.waitForFunction(async () => (await indexedDB.databases()).every((d) => !d.name?.startsWith('triage-meeting:')), undefined, { timeout: 10_000 });

describe('a poor connection in Chromium: one specialist drops out, keeps writing, and comes back', () => {
  const h = browserHarness();
  let proxy: TcpProxy;
  beforeAll(async () => {
    proxy = await startTcpProxy(h.server.url);
  });
  afterAll(async () => {
    await proxy?.close();
  });

  it('an observer, who only reads, keeps no copy of the meeting on the device (before it starts)', async () => {
    const observer = await signedInPage(h.browser, h.server.url, demoUsers.observer, `/meetings/${demoMeetingId}`);
    await saveStatus(observer.page, 'Read only');
    await observer.page.getByRole('list', { name: 'Agenda items' }).getByText(itemTitle).waitFor();
    expect(await meetingStores(observer.page)).toEqual([]);
    await observer.context.close();
  });

  it('keeps offline notes on the device, through a reload, and all three see the merged text', async () => {
    const path = `/meetings/${demoMeetingId}`;
    // The specialist who drops out reaches the server through a proxy the test can cut (see tcp-proxy.ts for why).
    const [chair, mh, police] = await Promise.all([
      signedInPage(h.browser, h.server.url, demoUsers.chair, path),
      signedInPage(h.browser, proxy.url, demoUsers.member, path),
      signedInPage(h.browser, h.server.url, demoUsers.member2, path),
    ]);
    const pageErrors: string[] = [];
    for (const { page } of [chair, mh, police]) page.on('pageerror', (err) => pageErrors.push(err.message));
    await chair.page.getByText('Present (3)').waitFor();
    await chair.page.getByRole('button', { name: 'Open the meeting' }).click();
    await chair.page.getByRole('button', { name: new RegExp(`^Discuss now: item \\d+, ${itemTitle}$`) }).click();
    for (const { page } of [chair, mh, police]) await notesEditor(page).waitFor({ timeout: 10_000 });
    await saveStatus(mh.page, 'All changes saved');
    expect(await meetingStores(mh.page)).toHaveLength(1);

    // Offline: the browser says so, and every connection of that page really closes.
    await mh.context.setOffline(true);
    proxy.setMode('cut');
    await saveStatus(mh.page, 'Offline: changes kept on this device');
    await chair.page.getByText('Present (2)').waitFor({ timeout: 10_000 });

    const offlineSentence = 'Written offline: perinatal team confirmed the Tuesday visit.';
    const onlineSentence = 'Written online: police have no new callouts since the referral.';
    await notesEditor(mh.page).click();
    await mh.page.keyboard.type(offlineSentence, { delay: 10 });
    await notesEditor(police.page).click();
    await police.page.keyboard.type(onlineSentence, { delay: 10 });
    await notesEditor(chair.page).getByText(onlineSentence).waitFor({ timeout: 10_000 });
    expect(await notesEditor(chair.page).textContent()).not.toContain('Written offline');
    await saveStatus(mh.page, 'Offline: changes kept on this device');

    // The network returns but the collaboration server is still unreachable: a reload shows the offline edits,
    // read back from this browser's store, and says it is still trying.
    proxy.setMode('no-yjs');
    await mh.context.setOffline(false);
    await mh.page.reload();
    await notesEditor(mh.page).getByText(offlineSentence).waitFor({ timeout: 10_000 });
    await saveStatus(mh.page, /Reconnecting|Connecting/);

    proxy.setMode('open');
    for (const { page } of [chair, mh, police]) {
      await notesEditor(page).getByText(offlineSentence).waitFor({ timeout: 20_000 });
      await notesEditor(page).getByText(onlineSentence).waitFor({ timeout: 10_000 });
    }
    await saveStatus(mh.page, 'All changes saved');
    await chair.page.getByText('Present (3)').waitFor();

    // Data protection: signing out deletes this device's copy; an ended (read-only) meeting keeps none.
    await mh.page.getByRole('button', { name: 'Sign out' }).click();
    await noMeetingStores(mh.page);
    expect(await meetingStores(police.page)).toHaveLength(1);
    await chair.page.getByRole('button', { name: 'End the meeting', exact: true }).click();
    await chair.page.getByRole('button', { name: 'Yes, end the meeting' }).click();
    await saveStatus(police.page, 'Read only');
    await noMeetingStores(police.page);

    expect(pageErrors).toEqual([]);
    await Promise.all([chair.context.close(), mh.context.close(), police.context.close()]);
  });

});
