/**
 * Issue 16: the series, meeting and case APIs answer in the reader's language. A 422's messages (from the shared
 * schemas and from the services' rules, with their values: a cadence sentence, a meeting's date, a series' name) come
 * back in Welsh for a Welsh reader — by the browser's Accept-Language or by the person's saved choice — and stay word
 * for word in English for everyone else; calendar files and a private feed are written in their reader's language.
 * Real server and real HTTP, on SQLite and on PostgreSQL; what a refusal leaves stored is read past the server.
 */
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeriesMeetingView } from '../../shared/api-types.js';
import { demoFollowingIds } from '../../server/seed/demo.js';
import { demoActors } from '../support/demo-actors.js';
import { serverEngines, startTestServer, type TestServer } from '../support/server.js';
import { storedRow, storedRows } from '../support/stored.js';

const welsh = { 'accept-language': 'cy-GB,cy;q=0.9,en;q=0.5' };
type Refusal = { error: { code: string; message: string; fields?: Record<string, string> } };

describe.each(serverEngines)('series, meetings and cases answer in the reader’s language on $name', ({ engine }) => {
  let server: TestServer;
  const { api } = demoActors(() => server.url);
  const send = <T = Refusal>(who: Parameters<typeof api>[0], method: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
    api<T>(who, path, { method, body: JSON.stringify(body), headers });
  beforeAll(async () => {
    server = await startTestServer({ engine });
  });
  afterAll(async () => server.cleanup());

  it('refuses a bad series in Welsh, field by field, with the values inside the sentences; English stays as it was', async () => {
    const bad = {
      name: '',
      body: 'x',
      ownerAgencyId: '',
      members: [],
      chairId: 'nobody',
      deputyChairId: null,
      venue: 'Online',
      onlineLink: null,
      cadence: { kind: 'monthly', weekday: 2, time: '10:00', nth: 2, startsOn: '2020-01-01', endsOn: '2020-01-05' },
      template: [],
      caseRefPrefix: 'RR',
    };
    const cy = await send('coordinator', 'POST', '/series', bad, welsh);
    expect(cy.status).toBe(422);
    expect(cy.body.error.fields).toMatchObject({ name: 'Rhowch enw’r gyfres', body: 'Rhowch enw’r corff yn y cofnodion', ownerAgencyId: 'Dewiswch yr asiantaeth berchen' });
    expect(cy.body.error.message).toBe('name: Rhowch enw’r gyfres');

    // Past the schema, the rules: the cadence sentence and a series' name inside Welsh sentences.
    const rules = await send('coordinator', 'POST', '/series', { ...bad, name: 'Cyfres Prawf', body: 'Panel Prawf', ownerAgencyId: 'agency-cs' }, welsh);
    expect(rules.status).toBe(422);
    expect(rules.body.error.fields?.cadence).toBe('Ni fydd “Ar yr ail ddydd Mawrth bob mis am 10:00” byth yn digwydd rhwng nawr a’r dyddiad gorffen');
    expect(rules.body.error.fields?.caseRefPrefix).toBe('RR yw rhagddodiad cyfeirnodau achos Repeat Removals Triage eisoes: dewiswch un arall');
    expect(rules.body.error.fields?.chairId).toBe('Rhaid i’r cadeirydd fod yn aelod o’r gyfres hon â rôl cadeirydd neu gydlynydd');
    const en = await send('coordinator', 'POST', '/series', { ...bad, name: 'Cyfres Prawf', body: 'Panel Prawf', ownerAgencyId: 'agency-cs' });
    expect(en.body.error.fields?.cadence).toBe('Monthly on the second Tuesday at 10:00 never occurs between now and its end date');
    expect(en.body.error.fields?.caseRefPrefix).toBe('RR is already the case reference prefix of Repeat Removals Triage: choose another');
    // Refused in both languages: nothing of it was stored.
    expect(await storedRows(server, 'select id from series where name in (?, ?)', 'Cyfres Prawf', '')).toEqual([]);
  });

  it('a person’s saved Welsh wins over an English browser: a clash names the other meeting’s date in Welsh', async () => {
    expect((await send('coordinator', 'PATCH', '/me/preferences', { language: 'cy' })).status).toBe(200);
    const meetings = (await api<{ meetings: SeriesMeetingView[] }>('coordinator', '/series/series-repeat-removals')).body.meetings;
    const [a, b] = meetings.filter((m) => m.status === 'scheduled');
    const clash = await send('coordinator', 'PATCH', `/meetings/${b.id}`, { startsAt: a.scheduledAt }, { 'accept-language': 'en-GB' });
    expect(clash.status).toBe(422);
    expect(clash.body.error.fields?.startsAt).toMatch(/^Mae hyn yn gorgyffwrdd â chyfarfod y gyfres hon ar \d{1,2} (Ionawr|Chwefror|Mawrth|Ebrill|Mai|Mehefin|Gorffennaf|Awst|Medi|Hydref|Tachwedd|Rhagfyr) \d{4} am 10:00$/);
    const empty = await send('coordinator', 'POST', `/meetings/${b.id}/cancel`, { reason: '' });
    expect(empty.body.error.fields?.reason).toBe('Dywedwch pam mae’r cyfarfod yn cael ei ganslo');
    expect((await send('coordinator', 'PATCH', '/me/preferences', { language: 'en' })).status).toBe(200);
    const english = await send('coordinator', 'POST', `/meetings/${b.id}/cancel`, { reason: '' });
    expect(english.body.error.fields?.reason).toBe('Say why the meeting is cancelled');
  });

  it('refuses a bad referral in Welsh, and a decision on a referral no longer open names its state in Welsh', async () => {
    const referrals = async () => (await storedRows(server, 'select id from referrals')).length;
    const before = await referrals();
    const empty = await send('member2', 'POST', '/series/series-repeat-removals/referrals', { agencyId: '', reason: '', summary: '' }, welsh);
    expect(empty.status).toBe(422);
    expect(empty.body.error.fields).toMatchObject({
      agencyId: 'Dewiswch yr asiantaeth sy’n atgyfeirio',
      reason: 'Dywedwch pam rydych chi’n atgyfeirio',
      summary: 'Ysgrifennwch grynodeb byr (dim enwau)',
      riskLevel: 'Dewiswch lefel risg',
      childrenInvolved: 'Dywedwch a oes plant yn gysylltiedig',
      consent: 'Dewiswch statws y caniatâd',
    });
    expect(await referrals()).toBe(before);
    const referral = { agencyId: 'agency-pol', reason: 'Digwyddiad domestig', summary: 'Menyw, 30', riskLevel: 'medium', childrenInvolved: false, consent: 'given' };
    const sent = await send<{ referral: { id: string } }>('member2', 'POST', '/series/series-repeat-removals/referrals', referral);
    expect(sent.status).toBe(201);
    const id = sent.body.referral.id;
    expect((await send('coordinator', 'POST', `/referrals/${id}/decline`, { reason: 'Islaw’r trothwy' })).status).toBe(200);
    // The chair also runs the queue (the coordinator has saved English by now, which would win over the browser).
    const again = await send('chair', 'POST', `/referrals/${id}/decline`, { reason: 'Eto' }, welsh);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('Mae’r atgyfeiriad hwn wedi’i wrthod eisoes');
    expect((await send('chair', 'POST', `/referrals/${id}/decline`, { reason: 'Again' })).body.error.message).toBe('This referral is already declined');
    // The refused second decisions left the first one as stored.
    expect(await storedRow(server, 'select state, state_message from referrals where id = ?', id)).toEqual({ state: 'declined', state_message: 'Islaw’r trothwy' });
  });

  it('writes a meeting’s calendar file in the reader’s language, and a private feed in its owner’s', async () => {
    const id = demoFollowingIds[0];
    const read = async (init: RequestInit) => {
      const res = await api('member', `/meetings/${id}/calendar.ics`, init);
      return new ICAL.Component(ICAL.parse(await res.res.text())).getFirstSubcomponent('vevent')!;
    };
    expect(String((await read({ headers: welsh })).getFirstPropertyValue('description'))).toMatch(/\. Agorwch y cyfarfod yn Triage Room: http/);
    expect(String((await read({})).getFirstPropertyValue('description'))).toMatch(/\. Open the meeting in Triage Room: http/);

    // The feed is fetched by a calendar app without a session: it follows the owner's saved language.
    expect((await send('member', 'PATCH', '/me/preferences', { language: 'cy' })).status).toBe(200);
    const feed = await send<{ feed: { url: string } }>('member', 'POST', '/calendar-feed', {});
    const text = await (await fetch(feed.body.feed.url)).text();
    const calendar = new ICAL.Component(ICAL.parse(text));
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Cyfarfodydd Triage Room');
    expect(String(calendar.getFirstSubcomponent('vevent')!.getFirstPropertyValue('description'))).toContain('Agorwch y cyfarfod yn Triage Room');
    const none = await send('observer', 'DELETE', '/calendar-feed', undefined, welsh);
    expect(none.status).toBe(404);
    expect(none.body.error.message).toBe('Nid oes gennych ffrwd calendr');
  });
});
