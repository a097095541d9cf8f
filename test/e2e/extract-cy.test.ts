/**
 * Issue 16, the extract page in Welsh (Chromium): the police member, reading Welsh, follows the link from the minutes
 * email and reads their agency's extract with its heading, expiry date (cy-GB) and download buttons in Welsh; someone
 * else with the same link, or a page opened without one, is told why in Welsh; axe finds nothing serious.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { CirculationView } from '../../shared/circulation.js';
import { launchChromium } from '../support/browser.js';
import { signedInPage } from '../support/browser-session.js';
import { seriousAxeViolations } from '../support/axe.js';
import { demoActors } from '../support/demo-actors.js';
import { demoUsers } from '../support/session.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';

const meetingId = 'demo-previous';
const welshMonth = /(Ionawr|Chwefror|Mawrth|Ebrill|Mai|Mehefin|Gorffennaf|Awst|Medi|Hydref|Tachwedd|Rhagfyr)/;

describe('the minutes extract in Welsh, in Chromium', () => {
  let smtp: TestSmtp;
  let server: TestServer;
  let browser: Browser;
  const { api, post } = demoActors(() => server.url);
  beforeAll(async () => {
    smtp = await startTestSmtp();
    // 05:00 UTC: before the daily reminders' hour, so the SMTP server only sees the extract sent here.
    // Tomorrow 05:00 UTC: the session cookie's expiry is then still ahead of the browser's real clock at any hour.
    const clock = Date.parse(`${new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)}T05:00:00Z`);
    server = await startTestServer({ config: { smtpUrl: smtp.url }, now: () => clock });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.cleanup();
    await smtp?.stop();
  });

  const inWelsh = async (who: string, path: string): Promise<Page> => {
    const { context, page } = await signedInPage(browser, server.url, who, path);
    await context.addCookies([{ name: 'triage_lang', value: 'cy', url: server.url }]);
    await page.reload();
    return page;
  };

  it('the recipient reads their extract in Welsh; another reader and a bare page are told why in Welsh', async () => {
    const view = (await api<CirculationView>('coordinator', `/meetings/${meetingId}/circulation`)).body;
    const police = view.plan.flatMap((a) => a.people).find((p) => p.name === 'Sam Constable')!.id;
    expect((await post('coordinator', `/meetings/${meetingId}/circulation`, { personIds: [police] })).status).toBe(201);
    await smtp.received(1);
    const [mail] = smtp.to(demoUsers.member2);
    const link = /(http:\/\/\S+\/extract#\S+)/.exec(mail.text ?? '')![1].slice(server.url.length);

    const page = await inWelsh(demoUsers.member2, link);
    await page.getByRole('heading', { level: 1, name: 'Cofnodion: detholiad ar gyfer Police Public Protection Unit' }).waitFor({ timeout: 10_000 });
    const intro = (await page.getByText(/Mae’r ddolen hon yn gweithio tan/).textContent())!;
    expect(intro).toMatch(/, fersiwn 1\. Mae’r ddolen hon yn gweithio tan \d{1,2} /);
    expect(intro).toMatch(welshMonth);
    expect(intro).toMatch(/ am \d{2}:\d{2}\.$/);
    await page.getByRole('button', { name: 'Lawrlwytho fel Word' }).waitFor();
    await page.getByRole('button', { name: 'Lawrlwytho fel PDF' }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);

    const other = await inWelsh(demoUsers.member, link);
    await other.getByText('Mae’r ddolen hon wedi dod i ben neu nid yw ar eich cyfer chi.', { exact: false }).waitFor({ timeout: 10_000 });
    await other.getByRole('heading', { level: 1, name: 'Detholiad o’r cofnodion' }).waitFor();

    const bare = await inWelsh(demoUsers.member2, '/extract');
    await bare.getByText('Mae’r dudalen hon yn agor y cofnodion o’r ddolen yn eich e-bost.', { exact: false }).waitFor({ timeout: 10_000 });
    expect(await seriousAxeViolations(bare)).toEqual([]);
  });
});
