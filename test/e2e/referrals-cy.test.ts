/**
 * Issue 16, referrals and cases in Welsh (Chromium): a member reading Welsh refers a case, the form's own checks and
 * the server's answers come back in Welsh ("Mae problem wedi codi"), the coordinator screens it in Welsh (match
 * suggestions, cy-GB dates), accepts it onto a meeting, and both find it in Welsh on the register, their referrals
 * and the case's history; axe finds nothing serious on any of those screens.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { browserHarness } from '../support/e2e.js';
import { signedInPage } from '../support/browser-session.js';
import { seriousAxeViolations } from '../support/axe.js';
import { demoUsers } from '../support/session.js';

const series = '/series/series-repeat-removals';
const wait = { timeout: 15_000 };
const noSeriousViolations = async (page: Page) => expect(await seriousAxeViolations(page)).toEqual([]);
/** A day as cy-GB writes it in full: "28 Tachwedd 2026". */
const welshDay = /\d{1,2} (Ionawr|Chwefror|Mawrth|Ebrill|Mai|Mehefin|Gorffennaf|Awst|Medi|Hydref|Tachwedd|Rhagfyr) \d{4}/;

async function inWelsh(context: BrowserContext, page: Page, url: string) {
  await context.addCookies([{ name: 'triage_lang', value: 'cy', url }]);
  await page.reload();
}

describe('referrals and cases in Welsh, in Chromium', () => {
  const h = browserHarness();

  it('a member refers a case in Welsh and the coordinator accepts it, every screen and message in Welsh', async () => {
    const police = await signedInPage(h.browser, h.server.url, demoUsers.member2, `${series}/referrals/new`);
    await inWelsh(police.context, police.page, h.server.url);
    const p = police.page;
    await p.getByRole('heading', { level: 1, name: 'Atgyfeirio achos' }).waitFor(wait);
    await p.getByRole('navigation', { name: 'Atgyfeiriadau ac achosion' }).getByRole('link', { name: 'Cofrestr achosion' }).waitFor();
    await p.getByText('Peidiwch byth ag ysgrifennu enw, cyfeiriad na dyddiad geni', { exact: false }).first().waitFor();

    // An empty form: the shared schema's messages, in Welsh, in the summary and beside each field.
    await p.getByLabel('Asiantaeth sy’n atgyfeirio').selectOption('');
    await p.getByRole('button', { name: 'Anfon yr atgyfeiriad' }).click();
    const errors = p.locator('.govuk-error-summary');
    await errors.getByRole('heading', { name: 'Mae problem wedi codi' }).waitFor(wait);
    for (const message of ['Dewiswch yr asiantaeth sy’n atgyfeirio', 'Dywedwch pam rydych chi’n atgyfeirio', 'Ysgrifennwch grynodeb byr (dim enwau)', 'Dewiswch lefel risg', 'Dywedwch a oes plant yn gysylltiedig', 'Dewiswch statws y caniatâd']) {
      await errors.getByRole('link', { name: message }).waitFor();
    }
    expect(await p.locator('#referral-riskLevel-set-error').textContent()).toBe('Gwall: Dewiswch lefel risg');
    await noSeriousViolations(p);

    await p.getByLabel('Asiantaeth sy’n atgyfeirio').selectOption({ label: 'Police Public Protection Unit' });
    await p.getByLabel('Pam ydych chi’n atgyfeirio?').fill('Digwyddiad domestig yn y cyfeiriad; mae hi’n 20 wythnos yn feichiog.');
    await p.getByLabel('Crynodeb byr').fill('Menyw feichiog, 26; partner ar fechnïaeth');
    await p.getByRole('radio', { name: 'Risg uchel' }).check();
    await p.getByRole('group', { name: /A oes plant yn gysylltiedig/ }).getByRole('radio', { name: 'Oes', exact: true }).check();
    await p.getByRole('radio', { name: 'Caniatâd wedi’i wrthod: rhannwyd heb ganiatâd' }).check();
    await p.getByRole('button', { name: 'Anfon yr atgyfeiriad' }).click();
    await errors.getByRole('link', { name: 'Rhowch y sail gyfreithlon dros rannu heb ganiatâd' }).waitFor(wait);
    await p.getByLabel('Sail gyfreithlon dros rannu heb ganiatâd').fill('Atal niwed difrifol (cam-drin domestig)');
    await p.getByLabel('Agweddau bregus (dewisol)').fill('cam-drin domestig, tai');
    await p.getByRole('button', { name: 'Anfon yr atgyfeiriad' }).click();
    await p.getByRole('heading', { name: 'Atgyfeiriad wedi’i anfon' }).waitFor(wait);
    const ref = (await p.locator('.govuk-panel__body strong').textContent())!.trim();
    expect(ref).toMatch(/^RR-\d{4}-\d{3}$/);
    await noSeriousViolations(p);

    // The coordinator's queue, in Welsh: the repeat rule, the card's facts, a dated "referred by" line.
    const coordinator = await signedInPage(h.browser, h.server.url, demoUsers.coordinator, `${series}/referrals/queue`);
    await inWelsh(coordinator.context, coordinator.page, h.server.url);
    const c = coordinator.page;
    await c.getByRole('heading', { level: 1, name: 'Ciw atgyfeiriadau' }).waitFor(wait);
    await c.getByText('Nid oes neb yn nodi atgyfeiriad ailadroddus â llaw.', { exact: false }).waitFor();
    const card = c.getByRole('article', { name: new RegExp(ref) });
    await card.getByText('Yn aros am y cydlynydd').waitFor(wait);
    await card.getByText('Risg uchel, plant yn gysylltiedig').waitFor();
    await card.getByText('Caniatâd wedi’i wrthod: rhannwyd heb ganiatâd (Atal niwed difrifol (cam-drin domestig))').waitFor();
    const referredBy = await card.locator('.govuk-summary-list__row').first().locator('dd').textContent();
    expect(referredBy).toMatch(welshDay);
    expect(referredBy).toContain(' gan ');

    // A question without words is refused by the server, in Welsh, on that form only.
    const ask = card.getByRole('form', { name: 'Gofyn am ragor o wybodaeth' });
    await ask.getByRole('button', { name: 'Gofyn i’r atgyfeiriwr' }).click();
    await ask.locator('.govuk-error-summary').getByRole('link', { name: 'Dywedwch pa wybodaeth sydd ei hangen arnoch' }).waitFor(wait);
    await noSeriousViolations(c);

    // Accept onto the first upcoming meeting: options carry Welsh dates; the notice reads in Welsh.
    const meeting = card.getByLabel(`Cyfarfod ar gyfer ${ref}`);
    expect(await meeting.locator('option').first().textContent()).toMatch(welshDay);
    await card.getByRole('button', { name: 'Derbyn i’r agenda' }).click();
    await c.getByText(`Derbyniwyd ${ref} i’r agenda`).waitFor(wait);
    const decided = c.getByRole('table', { name: 'Atgyfeiriadau y penderfynwyd arnynt' });
    await decided.getByRole('row', { name: new RegExp(ref) }).getByText('Wedi’i dderbyn i gyfarfod').waitFor(wait);
    await noSeriousViolations(c);

    // The case register and the case's history, in Welsh.
    await c.getByRole('link', { name: 'Cofrestr achosion' }).first().click();
    await c.getByRole('heading', { level: 1, name: 'Cofrestr achosion' }).waitFor(wait);
    const register = c.getByRole('table', { name: /achos$/ });
    const row = register.getByRole('row', { name: new RegExp(ref) });
    await row.getByText('Risg uchel, plant').waitFor();
    await row.getByText('Ar agor').waitFor();
    await noSeriousViolations(c);
    await row.getByRole('link', { name: ref }).click();
    await c.getByRole('heading', { level: 1, name: new RegExp(ref) }).waitFor(wait);
    await c.getByRole('heading', { level: 2, name: 'Atgyfeiriadau' }).waitFor();
    await c.getByRole('heading', { level: 2, name: 'Penderfyniadau' }).waitFor();
    await c.getByText('Asiantaeth sy’n atgyfeirio', { exact: true }).waitFor();
    await c.getByRole('form', { name: 'Cau’r achos' }).getByRole('button', { name: 'Cau’r achos' }).click();
    await c.locator('.govuk-error-summary').getByRole('link', { name: 'Dywedwch pam mae’r achos yn cael ei gau' }).waitFor(wait);
    await noSeriousViolations(c);

    // The member's own list shows where it went, in Welsh.
    await p.goto(`${h.server.url}${series}/referrals`);
    await p.getByRole('heading', { level: 1, name: 'Fy atgyfeiriadau' }).waitFor(wait);
    const mine = p.getByRole('article', { name: new RegExp(ref) });
    await mine.getByText('Wedi’i dderbyn i gyfarfod').waitFor(wait);
    await mine.getByText('Ar agenda').waitFor();
    expect(await mine.getByRole('link').first().textContent()).toMatch(welshDay);
    await noSeriousViolations(p);
    expect(await p.evaluate(() => document.documentElement.lang)).toBe('cy');
    await police.context.close();
    await coordinator.context.close();
  }, 90_000);
});
