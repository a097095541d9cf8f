/**
 * Errors in the reader's language (issue 16): the same refusal in English and in Welsh, chosen by the signed-in
 * person's saved language, else the device's `triage_lang` cookie, else Accept-Language; per-field messages too;
 * Socket.IO acks likewise. Nothing about the refusal changes but its words. On both engines: the saved language and
 * the people a refusal is judged against are records, and what a refusal leaves stored is read past the server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverEngines, startTestServer, type TestServer } from '../support/server.js';
import { storedRow, storedRows } from '../support/stored.js';
import { demoUsers, signIn, withCookie } from '../support/session.js';
import { connectRoom } from '../support/room-client.js';
import { demoMeetingId } from '../../server/seed/demo.js';
import { roomEvents } from '../../shared/room-protocol.js';
import { isMessage } from '../../shared/i18n/message.js';
import { localiserFor } from '../../server/i18n.js';

describe.each(serverEngines)('error messages in Welsh and English, on $name', ({ engine }) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ engine });
  });
  afterAll(async () => {
    await server?.cleanup();
  });
  const savedLanguage = async (email: string) => ((await storedRow(server, 'select language from people where email = ?', email)) as { language: string | null }).language;
  const body = async (res: Response) => [res.status, ((await res.json()) as { error: { code: string; message: string; fields?: Record<string, string> } }).error] as const;

  it('answers a refused sign-in in the language of the device, then of the browser, else English', async () => {
    const attempt = (headers: Record<string, string>) =>
      fetch(`${server.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ email: 'nobody@demo.triage.test', password: 'not-the-password-at-all' }) });
    expect(await body(await attempt({}))).toEqual([401, { code: 'unauthorised', message: 'Email or password is not right' }]);
    expect(await body(await attempt({ cookie: 'triage_lang=cy' }))).toEqual([401, { code: 'unauthorised', message: 'Nid yw’r e-bost neu’r cyfrinair yn gywir' }]);
    expect(await body(await attempt({ 'accept-language': 'cy-GB,cy;q=0.9,en;q=0.5' }))).toEqual([401, { code: 'unauthorised', message: 'Nid yw’r e-bost neu’r cyfrinair yn gywir' }]);
    // The device's choice beats the browser's.
    expect((await body(await attempt({ cookie: 'triage_lang=en', 'accept-language': 'cy' })))[1].message).toBe('Email or password is not right');
    expect((await body(await attempt({ cookie: 'triage_lang=xx' })))[1].message).toBe('Email or password is not right');
  });

  it('a person who chose Welsh gets Welsh refusals and field messages wherever they sign in from', async () => {
    const cookie = await signIn(server.url, demoUsers.member);
    const patch = (b: unknown) => fetch(`${server.url}/api/me/preferences`, withCookie(cookie, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(b) }));
    expect((await patch({ language: 'cy' })).status).toBe(200);
    expect(await savedLanguage(demoUsers.member)).toBe('cy');
    // A series they may not create: the policy's words.
    const refused = await fetch(`${server.url}/api/series`, withCookie(cookie, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }));
    const [status, error] = await body(refused);
    expect(status).toBe(403);
    expect(error.message).toBe('Dim ond gweinyddwyr a chydlynwyr sy’n cael creu cyfres');
    // An unknown route in Welsh too; malformed JSON is refused before the session is read, so the device's choice
    // (the cookie the screens set to the person's language) decides.
    const malformed = await fetch(`${server.url}/api/me/preferences`, withCookie(`${cookie}; triage_lang=cy`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '{' }));
    expect(await body(malformed)).toEqual([400, { code: 'bad_request', message: 'Nid yw corff y cais yn JSON dilys' }]);
    expect((await body(await fetch(`${server.url}/api/nowhere`, withCookie(cookie))))[1].message).toBe('Dim llwybr API GET /nowhere');
    // Back to English: the same refusal in English.
    expect((await patch({ language: 'en' })).status).toBe(200);
    expect(await savedLanguage(demoUsers.member)).toBe('en');
    const again = await fetch(`${server.url}/api/series`, withCookie(cookie, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }));
    expect((await body(again))[1].message).toBe('Only administrators and coordinators may create a series');
  });

  it('a coordinator in Welsh gets each field’s message in Welsh, the same fields as in English', async () => {
    // A well-formed series whose people and agency do not hold up: the series rules' own messages, per field.
    const aSeries = {
      name: 'Pan-Region Advocacy Triage',
      body: 'Regional Advocacy Triage Panel',
      ownerAgencyId: 'agency-nowhere',
      members: [{ personId: 'person-chair', role: 'member' }],
      chairId: 'person-chair',
      deputyChairId: null,
      venue: 'Council Chamber, Room 2',
      onlineLink: 'https://meet.example.test/advocacy',
      cadence: { kind: 'fortnightly', weekday: 4, time: '14:00' },
      template: [{ kind: 'apologies', title: 'Apologies' }],
      decisionPrefix: 'RAT',
      decisionScheme: 'NNN/YYYY',
    };
    const cookie = await signIn(server.url, demoUsers.coordinator);
    const create = (lang: string) =>
      fetch(`${server.url}/api/series`, withCookie(`${cookie}; triage_lang=${lang}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(aSeries) }));
    const [enStatus, en] = await body(await create('en'));
    const [cyStatus, cy] = await body(await create('cy'));
    expect([enStatus, cyStatus], JSON.stringify(en)).toEqual([422, 422]);
    expect(Object.keys(cy.fields ?? {}).sort(), JSON.stringify(en)).toEqual(Object.keys(en.fields ?? {}).sort());
    expect([en.fields?.ownerAgencyId, cy.fields?.ownerAgencyId]).toEqual(['Choose an agency that exists', 'Dewiswch asiantaeth sy’n bodoli']);
    expect([en.fields?.chairId, cy.fields?.chairId]).toEqual([
      'The chair must be a member of this series with the chair or coordinator role',
      'Rhaid i’r cadeirydd fod yn aelod o’r gyfres hon â rôl cadeirydd neu gydlynydd',
    ]);
    // Refused in either language, so nothing of it was stored.
    expect(await storedRows(server, 'select id from series where name = ?', aSeries.name)).toEqual([]);
  });

  it('a malformed value (a library’s own English words) reads as a plain Welsh sentence, not English', async () => {
    // Someone who never chose: this device's choice applies.
    const cookie = await signIn(server.url, demoUsers.housing);
    const res = await fetch(`${server.url}/api/me/preferences`, withCookie(`${cookie}; triage_lang=cy`, { method: 'PATCH', headers: { 'content-type': 'application/json', 'accept-language': 'cy' }, body: JSON.stringify({ digests: 'yes' }) }));
    const [status, error] = await body(res);
    expect(status).toBe(422);
    expect(error.fields?.digests).toBe('Nid yw’r gwerth hwn yn ddilys');
    // The refused request changed nothing: no language saved from it either.
    expect(await savedLanguage(demoUsers.housing)).toBeNull();
  });

  it('answers a refused Socket.IO command with a catalogue message the screen says in its language', async () => {
    const cookie = await signIn(server.url, demoUsers.member2);
    const room = await connectRoom(server.url, `${cookie}; triage_lang=cy`);
    try {
      // Moving the room is the chair's: refused, in Welsh.
      const ack = await room.emit(roomEvents.move, { meetingId: demoMeetingId, itemId: 'x' });
      expect(ack).toMatchObject({ ok: false });
      const message = (ack as { error: { message: string } }).error.message;
      // The room's screens translate acks where they are shown (client/i18n.ts `localised`), in their language now.
      expect(isMessage(message)).toBe(true);
      expect(localiserFor('cy')(message)).toMatch(/^(Ymunwch|Ni chaiff eich rôl|Dim ond)/);
      expect(localiserFor('en')(message)).toMatch(/^(Join the meeting first|Your role|Only)/);
    } finally {
      room.close();
    }
  });
});
