/**
 * Two real server processes behind one address (test/support/two-process-cluster.ts), Redis between them: the chair
 * ends the meeting on one process while editors on the other type without pause. Until that process hears of the
 * end, its editors' updates still reach its write path; the store refuses them there (the meeting is checked under
 * the document lock the end holds while it reads the final state), so each typed paragraph is either in the state
 * the minutes were made from or never stored, never stored after. Every acknowledged paragraph is in the minutes.
 * Redis (how that process hears of the end) is held away while the chair ends it, so the editors' process always
 * meets the store's refusal (its log says so) before it is frozen: the refusal path, and the retired copy a newcomer
 * must not be served, are exercised every run rather than when the race happens to fall that way.
 *
 * Event-driven: the editors yield a turn of the event loop between paragraphs (load, not a wait); every wait is for
 * a sync, a "saved", an ack, a status, Redis or a process start.
 */
import { describe, expect, it } from 'vitest';
import '../support/property-seed.js';
import { demoMeetingId } from '../../server/seed/demo.js';
import { appendNotesParagraph, notesPlainText, readAgenda } from '../../shared/meeting-doc.js';
import { roomEvents } from '../../shared/room-protocol.js';
import { connectYClient, type YClient } from '../support/yjs-client.js';
import { twoProcessEngine as engine, twoProcessHarness } from '../support/two-process-cluster.js';

const m = { meetingId: demoMeetingId };
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe(`two server processes behind one address: ending races editing (${engine})`, () => {
  const { track, cluster, chairInRoom, refusalLogged, storedDoc } = twoProcessHarness();

  it('edits typed on one process while the other ends the meeting are in the minutes’ state or refused, never stored after; every acknowledged one is in the minutes', async () => {
    const c = await cluster();
    try {
      const chair = await chairInRoom(c);

      // Three editors on the other process (the chair's session: both processes recognise it).
      const editors: YClient[] = [];
      for (let i = 0; i < 3; i++) editors.push(track(connectYClient(c.urls[1], demoMeetingId, { headers: { cookie: c.chairCookie } })));
      await Promise.all(editors.map((y) => y.synced));
      const itemId = readAgenda(editors[0].doc)[1].id;
      const typed: { text: string; editor: number; clock: number }[] = [];
      const type = (i: number, n: number) => {
        const text = `race ${i}.${n};`;
        appendNotesParagraph(editors[i].doc, itemId, text);
        typed.push({ text, editor: i, clock: editors[i].ownClock() });
      };
      // One saved paragraph each before the race.
      editors.forEach((_, i) => type(i, 0));
      await Promise.all(editors.map((y) => y.saved()));

      // Then they type without pause until told the meeting ended, while the chair ends it on the first process.
      const frozen = editors.map((y) => y.status('read-only').then(() => true));
      let stop = false;
      const loops = editors.map(async (_, i) => {
        let ended = false;
        void frozen[i].then(() => (ended = true));
        for (let n = 1; !ended && !stop && n < 5000; n++) {
          type(i, n);
          await turn();
        }
      });
      await turn();
      // The ended signal held: the editors' process can only learn of the end from the store refusing its batch.
      await c.redis.stop();
      const ack = chair.emit(roomEvents.end, m);
      await Promise.all(frozen);
      stop = true;
      await Promise.all(loops);
      await refusalLogged(c.procs[1]);
      // The end itself was committed; its acknowledgement waits for Redis.
      await c.redis.start();
      expect((await ack).ok).toBe(true);
      for (const y of editors) expect(y.statuses).toContainEqual({ type: 'read-only', reason: 'ended' });

      const res = await fetch(`${c.urls[0]}/api/meetings/${demoMeetingId}/minutes`, { headers: { cookie: c.chairCookie } });
      expect(res.status).toBe(200);
      const minutes = JSON.stringify(await res.json());
      const inMinutes = typed.filter((t) => minutes.includes(t.text)).map((t) => t.text);
      // Storage as a process started now reads it: exactly the minutes' paragraphs, nothing stored after the end.
      const storedTexts = new Set(notesPlainText(await storedDoc(c), itemId));
      const stored = typed.filter((t) => storedTexts.has(t.text)).map((t) => t.text);
      expect(stored.sort()).toEqual(inMinutes.sort());
      // Every paragraph its editor heard "saved" for is in the minutes (read now: every message has arrived).
      const acked = typed.filter((t) => t.clock <= editors[t.editor].savedClock()).map((t) => t.text);
      expect(acked.length).toBeGreaterThanOrEqual(3);
      for (const text of acked) expect(inMinutes).toContain(text);
      // The race was run: paragraphs were typed after the end (refused or never applied), and none of them is stored.
      expect(typed.length).toBeGreaterThan(stored.length);
      // Someone opening the document now on the editors' process gets what storage holds, not the refused edits its
      // memory held (that copy is retired, and the document loaded again).
      const late = track(connectYClient(c.urls[1], demoMeetingId, { headers: { cookie: c.chairCookie } }));
      await late.synced;
      expect(notesPlainText(late.doc, itemId).filter((t) => t.startsWith('race ')).sort()).toEqual(stored);
    } finally {
      await c.close();
    }
  }, 90_000);
});
