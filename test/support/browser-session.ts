import type { Browser, BrowserContext, Page } from 'playwright-core';
import { demoPassword } from '../../server/seed/demo-data.js';

/** A fresh browser context signed in through the real sign-in form. */
export async function signedInPage(browser: Browser, baseUrl: string, email: string, path = '/', password = demoPassword): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${baseUrl}${path}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor({ state: 'visible', timeout: 10_000 });
  return { context, page };
}

/**
 * Holds every Socket.IO connection the page opens from now on (as a page still loading, or on a slow network) until
 * the returned function is called; the Yjs document connections are not held.
 */
export async function holdSocketIo(page: Page): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.routeWebSocket(/\/socket\.io\//, async (ws) => {
    await held;
    ws.connectToServer();
  });
  return release;
}
