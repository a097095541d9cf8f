/**
 * Issue 13: a chair invites a guest from the meeting's page. The form is GOV.UK's (role radios with hints, an error
 * summary with inline errors); the success banner shows the single-use link with a Copy button and its expiry as
 * "28 Nov 2026, 14:30". The link, opened in another browser by someone outside the series, lands them in the
 * meeting as that guest; a used link is refused; the server's refusal of a tampered request shows in the summary.
 * The open invites table lists the links not yet used; withdrawing one by keyboard stops its link at once.
 */
import { describe, expect, it } from 'vitest';
import { demoMeetingId } from '../../server/seed/demo.js';
import { browserHarness } from '../support/e2e.js';
import { seriousAxeViolations } from '../support/axe.js';
import { signedInPage } from '../support/browser-session.js';
import { demoUsers, signIn, withCookie } from '../support/session.js';

const path = `/meetings/${demoMeetingId}`;
const guest = { name: 'Dana Visitor', email: 'dana.visitor@guest.example', password: 'visiting-specialist-2026' };

describe('inviting a guest from the meeting page', () => {
  const h = browserHarness();

  it('refuses bad input with an error summary, makes a link to copy, and the guest lands in the meeting through it', async () => {
    // Someone with an account but no role in the series, made through the admin API.
    const admin = await signIn(h.server.url, demoUsers.admin);
    const json = { 'content-type': 'application/json' };
    const agencies = (await (await fetch(`${h.server.url}/api/admin/agencies`, withCookie(admin))).json()) as { agencies: { id: string }[] };
    const made = await fetch(
      `${h.server.url}/api/admin/people`,
      withCookie(admin, { method: 'POST', headers: json, body: JSON.stringify({ name: guest.name, email: guest.email, agencyId: agencies.agencies[0].id, role: 'member', password: guest.password }) }),
    );
    expect(made.status).toBe(201);

    const chair = await signedInPage(h.browser, h.server.url, demoUsers.chair, path);
    await chair.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.server.url });
    const page = chair.page;
    await page.getByText('Invite a guest', { exact: true }).click();
    const form = page.getByRole('form', { name: 'Invite a guest' });
    const create = form.getByRole('button', { name: 'Create invite link' });

    // No role chosen: the summary takes focus and links to the first radio, which carries the same message.
    await create.click();
    const summary = form.locator('.govuk-error-summary');
    const noRole = 'Select what the guest may do in this meeting';
    await summary.getByRole('link', { name: noRole }).waitFor();
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await form.getByText(`Error: ${noRole}`).count()).toBe(1);
    expect(await form.getByRole('group', { name: 'What may the guest do?' }).getAttribute('aria-describedby')).toMatch(/-error/);
    let violations = await seriousAxeViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await summary.getByRole('link', { name: noRole }).click();
    expect(await form.getByRole('radio', { name: 'Member' }).evaluate((el) => el === document.activeElement)).toBe(true);

    // A tampered request (a role guests may not have) is refused by the server; its message lands in the summary,
    // and no link is shown.
    await page.route('**/api/meetings/*/invites', (route) => route.continue({ postData: JSON.stringify({ role: 'chair' }) }));
    await form.getByRole('radio', { name: 'Observer' }).check();
    await create.click();
    await summary.getByRole('link', { name: /member|observer/i }).waitFor();
    expect(await summary.getByRole('link').getAttribute('href')).toBe('#invite-role');
    expect(await page.getByRole('alert', { name: 'Invite link ready' }).count()).toBe(0);
    await page.unroute('**/api/meetings/*/invites');

    // A good request, by keyboard: Member has a hint saying what a member may do.
    const member = form.getByRole('radio', { name: 'Member' });
    expect(await member.getAttribute('aria-describedby')).toBeTruthy();
    await member.focus();
    await page.keyboard.press('Space');
    await create.focus();
    await page.keyboard.press('Enter');
    const banner = page.getByRole('alert', { name: 'Invite link ready' });
    await banner.waitFor();
    expect(await summary.count()).toBe(0);
    const link = await banner.getByLabel('Invite link').inputValue();
    expect(link).toMatch(new RegExp(`^${h.server.url}/invite/[A-Za-z0-9_-]{20,}$`));
    expect(await banner.textContent()).toContain('makes them a member of this meeting');
    const expiry = (await banner.locator('.app-invite-guest__expiry').textContent())!.match(/^Works once\. Expires (.+) \(UK time\)\.$/)![1];
    expect(expiry).toMatch(/^\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}, \d{2}:\d{2}$/);
    const days = (Date.parse(expiry.replace(',', '')) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThan(7.1);
    // The open invites table shows it at once, without the link (which cannot be shown again).
    const table = page.getByRole('table', { name: 'Open invites' });
    const memberRow = table.getByRole('row').filter({ hasText: 'Morgan Chair' });
    await memberRow.first().waitFor();
    expect(await memberRow.count()).toBe(1);
    expect(await memberRow.getByRole('cell').allTextContents()).toEqual(['Member', 'Morgan Chair', expect.stringMatching(/ \d{4}, \d{2}:\d{2}$/), expiry, 'Withdraw the member invite created ' + (await memberRow.getByRole('cell').nth(2).textContent())]);
    expect(await table.textContent()).not.toContain('/invite/');
    await banner.getByRole('button', { name: 'Copy the link' }).click();
    await banner.getByText('Link copied').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    violations = await seriousAxeViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);

    // The guest opens the link in a browser of their own, signs in, accepts, and is in the meeting as a member.
    const invitePath = new URL(link).pathname;
    const visitor = await signedInPage(h.browser, h.server.url, guest.email, invitePath, guest.password);
    await visitor.page.getByRole('button', { name: 'Accept the invite' }).click();
    await visitor.page.getByRole('heading', { level: 1, name: 'Repeat Removals Triage' }).waitFor();
    expect(visitor.page.url()).toBe(`${h.server.url}${path}`);
    await visitor.page.locator('.app-room-head__facts').getByText('You are here as member').waitFor();
    await page.getByRole('list', { name: 'People present' }).getByText(guest.name).waitFor();
    // Guests never see the invite form.
    expect(await visitor.page.getByText('Invite a guest', { exact: true }).count()).toBe(0);

    // The link worked once: opened again, it is refused in words.
    const again = await visitor.context.newPage();
    await again.goto(link);
    await again.getByRole('button', { name: 'Accept the invite' }).click();
    await again.getByRole('alert').getByText('This invite link has expired or has already been used').waitFor();

    // A second invite, withdrawn by keyboard before anyone uses it: the used one has left the table, the withdrawn
    // one leaves it at once, and its link is refused in words.
    await form.getByRole('radio', { name: 'Observer' }).check();
    await create.click();
    await banner.getByText('makes them an observer of this meeting').waitFor();
    const withdrawnLink = await banner.getByLabel('Invite link').inputValue();
    const withdraw = table.getByRole('button', { name: /^Withdraw the observer invite created \d{1,2} \w{3} \d{4}, \d{2}:\d{2}$/ });
    await withdraw.waitFor();
    expect(await table.getByRole('button', { name: /^Withdraw/ }).count()).toBe(1);
    await withdraw.focus();
    await page.keyboard.press('Enter');
    const done = page.getByRole('status').filter({ hasText: 'Invite withdrawn: its link no longer works.' });
    await done.waitFor();
    expect(await done.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByText('No open invites for this meeting.').waitFor();
    expect(await table.count()).toBe(0);
    violations = await seriousAxeViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    const late = await visitor.context.newPage();
    await late.goto(withdrawnLink);
    await late.getByRole('button', { name: 'Accept the invite' }).click();
    await late.getByRole('alert').getByText('This invite link has been withdrawn: ask whoever sent it for a new one').waitFor();
    await Promise.all([chair.context.close(), visitor.context.close()]);
  });
});
