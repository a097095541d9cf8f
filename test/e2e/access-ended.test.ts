/**
 * Issue 12 item 3 in Chromium: an administrator disables an account from the People screen; the person's open meeting
 * screen says why at once, in words (test/integration/revocation.test.ts shows nothing they send is stored).
 */
import { describe, expect, it } from 'vitest';
import { demoMeetingId } from '../../server/seed/demo.js';
import { roomWords } from '../support/room-words';
import { browserHarness } from '../support/e2e.js';
import { holdSocketIo, signedInPage } from '../support/browser-session.js';
import { seriousAxeViolations } from '../support/axe.js';
import { demoUsers, signIn } from '../support/session.js';

describe('access ending while the meeting is open, in Chromium', () => {
  const h = browserHarness();

  it('disabling an account on the People screen tells the person on their meeting screen, and they cannot sign in', async () => {
    const member = await signedInPage(h.browser, h.server.url, demoUsers.member, `/meetings/${demoMeetingId}`);
    await member.page.getByText('All changes saved').first().waitFor({ state: 'visible', timeout: 10_000 });
    const admin = await signedInPage(h.browser, h.server.url, demoUsers.admin, '/admin/people');

    await admin.page.getByRole('button', { name: 'Disable account of Riley Mental-Health' }).click();
    await admin.page.getByRole('button', { name: 'Enable account of Riley Mental-Health' }).waitFor({ state: 'visible', timeout: 10_000 });
    expect(await seriousAxeViolations(admin.page)).toEqual([]);

    const alert = member.page.getByRole('alert').filter({ hasText: roomWords('revoked.accountDisabled') });
    await alert.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await seriousAxeViolations(member.page)).toEqual([]);
    await expect(signIn(h.server.url, demoUsers.member)).rejects.toThrow(/401/);

    await admin.page.getByRole('button', { name: 'Enable account of Riley Mental-Health' }).click();
    await admin.page.getByRole('button', { name: 'Disable account of Riley Mental-Health' }).waitFor({ state: 'visible', timeout: 10_000 });
    expect(await signIn(h.server.url, demoUsers.member)).toMatch(/^triage_session=/);
    await member.context.close();
    await admin.context.close();
  });

  it('a role changed while the page was loading is told on the meeting screen once its room connection joins', async () => {
    const member = await signedInPage(h.browser, h.server.url, demoUsers.member, '/');
    // The page's room connection (Socket.IO) waits until the role has changed; its document connection does not.
    const release = await holdSocketIo(member.page);
    await member.page.goto(`${h.server.url}/meetings/${demoMeetingId}`);
    await member.page.getByText('All changes saved').first().waitFor({ state: 'visible', timeout: 10_000 });
    const adminCookie = await signIn(h.server.url, demoUsers.admin);
    const people = (await (await fetch(`${h.server.url}/api/admin/people`, { headers: { cookie: adminCookie } })).json()) as { people: { id: string; email: string }[] };
    const id = people.people.find((p) => p.email === demoUsers.member)!.id;
    const setRole = (role: string) =>
      fetch(`${h.server.url}/api/admin/series/series-repeat-removals/members/${id}`, {
        method: 'PUT',
        headers: { cookie: adminCookie, 'content-type': 'application/json' },
        body: JSON.stringify({ role }),
      });
    expect((await setRole('observer')).status).toBe(200);
    release();
    await member.page.getByRole('alert').filter({ hasText: roomWords('revoked.roleChanged') }).waitFor({ state: 'visible', timeout: 10_000 });
    await member.page.getByRole('status').filter({ hasText: 'Read only' }).first().waitFor({ state: 'visible', timeout: 10_000 });
    expect((await setRole('member')).status).toBe(200);
    await member.context.close();
  });

  it('a member made observer sees why, and their screen turns read-only with the new role', async () => {
    const member = await signedInPage(h.browser, h.server.url, demoUsers.member2, `/meetings/${demoMeetingId}`);
    await member.page.getByText('All changes saved').first().waitFor({ state: 'visible', timeout: 10_000 });
    const adminCookie = await signIn(h.server.url, demoUsers.admin);
    const people = (await (await fetch(`${h.server.url}/api/admin/people`, { headers: { cookie: adminCookie } })).json()) as { people: { id: string; email: string }[] };
    const id = people.people.find((p) => p.email === demoUsers.member2)!.id;
    const res = await fetch(`${h.server.url}/api/admin/series/series-repeat-removals/members/${id}`, {
      method: 'PUT',
      headers: { cookie: adminCookie, 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'observer' }),
    });
    expect(res.status).toBe(200);
    await member.page.getByRole('alert').filter({ hasText: roomWords('revoked.roleChanged') }).waitFor({ state: 'visible', timeout: 10_000 });
    await member.page.getByRole('status').filter({ hasText: 'Read only' }).first().waitFor({ state: 'visible', timeout: 10_000 });
    expect(await seriousAxeViolations(member.page)).toEqual([]);
    await member.context.close();
  });
});
