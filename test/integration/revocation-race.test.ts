/**
 * Issue 12 item 3, concurrency: a person keeps typing while their access is revoked. fast-check picks the trigger
 * and how the person's and a watcher's edits interleave around it. Whatever the interleaving:
 * - nothing the person sends after the trigger has answered is stored or reaches the watcher;
 * - of what they sent before, what is stored is a prefix (their socket is ordered: no edit is lost in the middle);
 * - every honest edit of the watcher is stored.
 * On each engine (SQLite file, PostgreSQL), reading back what that engine stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { demoMeetingId } from '../../server/seed/demo.js';
import { addAgendaItem, readAgenda } from '../../shared/meeting-doc.js';
import { serverEngines, startTestServer, type TestServer } from '../support/server.js';
import { demoUsers, signIn, withCookie } from '../support/session.js';
import { connectYClient, type YClient } from '../support/yjs-client.js';

const triggers = ['signOut', 'removeFromSeries', 'demoteToObserver', 'disableAccount'] as const;
type Trigger = (typeof triggers)[number];
const series = 'series-repeat-removals';

describe.each(serverEngines)('revocation racing with edits (property), on $name', ({ engine }) => {
  let server: TestServer;
  let watcher: YClient;
  let adminCookie = '';
  let memberId = '';
  let run = 0;

  beforeAll(async () => {
    server = await startTestServer({ engine });
    adminCookie = await signIn(server.url, demoUsers.admin);
    const people = (await (await fetch(`${server.url}/api/admin/people`, withCookie(adminCookie))).json()) as { people: { id: string; email: string }[] };
    memberId = people.people.find((p) => p.email === demoUsers.member)!.id;
    watcher = connectYClient(server.url, demoMeetingId, { headers: { cookie: await signIn(server.url, demoUsers.chair) } });
    await watcher.synced;
  });
  afterAll(async () => {
    watcher.destroy();
    await server.cleanup();
  });

  const admin = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.url}/api/admin${path}`, { method, headers: { cookie: adminCookie, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    expect(res.status, `${method} ${path}`).toBeLessThan(300);
  };
  async function fire(trigger: Trigger, cookie: string) {
    if (trigger === 'signOut') expect((await fetch(`${server.url}/api/session`, withCookie(cookie, { method: 'DELETE' }))).status).toBe(204);
    if (trigger === 'removeFromSeries') await admin('DELETE', `/series/${series}/members/${memberId}`);
    if (trigger === 'demoteToObserver') await admin('PUT', `/series/${series}/members/${memberId}`, { role: 'observer' });
    if (trigger === 'disableAccount') await admin('POST', `/people/${memberId}/disable`);
  }
  async function restore(trigger: Trigger) {
    if (trigger === 'removeFromSeries' || trigger === 'demoteToObserver') await admin('PUT', `/series/${series}/members/${memberId}`, { role: 'member' });
    if (trigger === 'disableAccount') await admin('POST', `/people/${memberId}/enable`);
  }
  /** The document as the server's engine stored it (snapshot + update log), not as any live room holds it. */
  const storedTitles = async () => {
    const { snapshot, updates } = await server.server.storage.stores.meetingDocs.load(demoMeetingId, 'shared');
    const doc = new Y.Doc();
    if (snapshot) Y.applyUpdate(doc, snapshot);
    for (const u of updates) Y.applyUpdate(doc, u);
    return new Set(readAgenda(doc).map((i) => i.title));
  };

  it('never stores or relays an edit sent after the trigger, and loses none of the honest ones', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...triggers),
        fc.array(fc.constantFrom('person', 'watcher'), { minLength: 1, maxLength: 6 }),
        fc.array(fc.constantFrom('person', 'watcher'), { minLength: 1, maxLength: 6 }),
        async (trigger, beforeOrder, afterOrder) => {
          const r = ++run;
          const cookie = await signIn(server.url, demoUsers.member);
          const person = connectYClient(server.url, demoMeetingId, { headers: { cookie } });
          try {
            await person.synced;
            const sent = { personBefore: [] as string[], personAfter: [] as string[], watcher: [] as string[] };
            const edit = (who: 'person' | 'watcher', phase: 'before' | 'after', i: number) => {
              const title = `r${r} ${phase} ${who} ${i}`;
              addAgendaItem(who === 'person' ? person.doc : watcher.doc, { kind: 'case-review', title, caseRef: `RR-2026-${String(r).padStart(3, '0')}` });
              if (who === 'watcher') sent.watcher.push(title);
              else (phase === 'before' ? sent.personBefore : sent.personAfter).push(title);
            };
            // Fire-and-forget: the trigger's request races the edits still in flight.
            beforeOrder.forEach((who, i) => edit(who, 'before', i));
            const readOnlyBefore = person.statuses.filter((s) => s.type === 'read-only').length;
            await fire(trigger, cookie);
            afterOrder.forEach((who, i) => who === 'person' && edit('person', 'after', i));
            // Until the server has handled every frame the person sent, the check below would prove nothing:
            // a closed connection has (its close completes after its last frame); a read-only one answers each.
            if (trigger === 'demoteToObserver') await person.statusCount('read-only', readOnlyBefore + 1 + sent.personAfter.length);
            else await person.closed();
            afterOrder.forEach((who, i) => who === 'watcher' && edit('watcher', 'after', i));
            edit('watcher', 'after', 99); // the last honest edit: once it is stored and seen, everything before it is settled
            await watcher.saved();

            const stored = await storedTitles();
            const seenByWatcher = new Set(readAgenda(watcher.doc).map((i) => i.title));
            for (const title of sent.personAfter) {
              expect(stored.has(title), `stored: ${title}`).toBe(false);
              expect(seenByWatcher.has(title), `relayed: ${title}`).toBe(false);
            }
            for (const title of sent.watcher) expect(stored.has(title), `lost: ${title}`).toBe(true);
            const keptBefore = sent.personBefore.map((t) => stored.has(t));
            expect(keptBefore.indexOf(false) === -1 || keptBefore.slice(keptBefore.indexOf(false)).every((k) => !k), `gap in ${JSON.stringify(keptBefore)}`).toBe(true);
          } finally {
            person.destroy();
            await restore(trigger);
          }
        },
      ),
      { numRuns: 12 },
    );
  });
});
