/**
 * Issue 13's look defects: no 401 logged while checking the session, page headings take focus without an outline
 * box, the meeting title is not repeated under its heading, the header carries the service name and the marking,
 * and nothing is fetched from another host (the CSP is 'self'; GOV.UK Frontend's assets come from our build).
 */
import { describe, expect, it } from 'vitest';
import { demoMeetingId } from '../../server/seed/demo.js';
import { browserHarness } from '../support/e2e.js';
import { seriousAxeViolations } from '../support/axe.js';
import { signedInPage } from '../support/browser-session.js';
import { demoUsers } from '../support/session.js';

describe('the look of every page', () => {
  const h = browserHarness();

  it('loads the sign-in page with no console error, no 401 and nothing from another host', async () => {
    const context = await h.browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    const origin = new URL(h.server.url).origin;
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    page.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`));
    page.on('request', (r) => !r.url().startsWith(origin) && !r.url().startsWith('data:') && problems.push(`external: ${r.url()}`));
    await page.goto(h.server.url);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(problems).toEqual([]);
    const banner = page.getByRole('banner');
    expect(await banner.getByRole('link', { name: 'Triage Room' }).count()).toBe(1);
    expect(await banner.getByText('OFFICIAL-SENSITIVE').isVisible()).toBe(true);
    // GOV.UK's stylesheet is ours: its button class has its styles (the green primary button).
    const button = page.getByRole('button', { name: 'Sign in' });
    expect(await button.evaluate((b) => b.classList.contains('govuk-button') && getComputedStyle(b).backgroundColor !== 'rgba(0, 0, 0, 0)')).toBe(true);
    await context.close();
  });

  it('shows an error summary and inline errors on the sign-in form', async () => {
    const context = await h.browser.newContext();
    const page = await context.newPage();
    await page.goto(h.server.url);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.getByRole('link', { name: 'Enter your email address' }).waitFor();
    expect(await page.getByText('Error: Enter your password').count()).toBe(1);
    // The summary link moves focus to its field.
    await summary.getByRole('link', { name: 'Enter your password' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('sign-in-password');
    const violations = await seriousAxeViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await context.close();
  });

  it('focuses each page heading without an outline box, and says the meeting title once', async () => {
    const { context, page } = await signedInPage(h.browser, h.server.url, demoUsers.chair, `/meetings/${demoMeetingId}`);
    const heading = page.getByRole('heading', { level: 1, name: 'Repeat Removals Triage' });
    await heading.waitFor();
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    const look = await heading.evaluate((h1) => {
      const s = getComputedStyle(h1);
      return { outline: s.outlineStyle, shadow: s.boxShadow };
    });
    expect(look).toEqual({ outline: 'none', shadow: 'none' });
    const facts = await page.locator('.app-room-head__facts').textContent();
    expect(facts).not.toContain('Repeat Removals Triage');
    expect(facts).toMatch(/You are here as chair/);
    await context.close();
  });
});
