/**
 * The chair's restricted notes: a second Yjs document per meeting on /yjs/<meetingId>/restricted. Only chairs open
 * it; its bytes never travel on anyone else's socket; it is stored, survives a restart and freezes with the meeting.
 * On both engines: what is stored is read back from the SQLite file or the PostgreSQL database, past the server.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type WS from 'ws';
import { demoMeetingId } from '../../server/seed/demo.js';
import { notesFragment, readAgenda, restrictedNotesFragmentName } from '../../shared/meeting-doc.js';
import { yjsUrlPath } from '../../shared/protocol.js';
import { roomEvents } from '../../shared/room-protocol.js';
import { serverEngines, startTestServer, type TestServer } from '../support/server.js';
import { storedRows } from '../support/stored.js';
import { demoUsers, signIn, withCookie } from '../support/session.js';
import { connectYClient } from '../support/yjs-client.js';
import { connectRoom, type RoomClient } from '../support/room-client.js';
import { openRawSocket } from '../support/raw-ws.js';

const m = { meetingId: demoMeetingId };
// Written word by word, so no single frame would hold the whole sentence: the checks look for each distinctive word.
const secretWords = ['Quixotic', 'zeppelin', 'pomegranate', 'Xylophonist', 'Kilimanjaro'];
const secretSentence = `Chair only: ${secretWords.join(' ')} concerns.`;
const publicWords = ['Marmalade', 'Hovercraft', 'Tangerine'];
const publicSentence = `Shared: ${publicWords.join(' ')} update.`;

/** Appends `text` as a new paragraph of the fragment, one transaction per word, as typing would; returns the count. */
function typeParagraph(doc: Y.Doc, fragment: Y.XmlFragment, text: string): number {
  const paragraph = new Y.XmlElement('paragraph');
  const body = new Y.XmlText();
  doc.transact(() => {
    paragraph.insert(0, [body]);
    fragment.insert(fragment.length, [paragraph]);
  });
  const words = text.split(/(?<= )/);
  for (const word of words) doc.transact(() => body.insert(body.length, word));
  return 1 + words.length;
}

const fragmentText = (fragment: Y.XmlFragment): string => fragment.toArray().map((p) => (p as Y.XmlElement).toArray().map(String).join('')).join('\n');

/** Every frame a socket receives from now on, as raw bytes. */
function tap(ws: WS): Buffer[] {
  const frames: Buffer[] = [];
  ws.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => {
    frames.push(Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer));
  });
  return frames;
}
const contains = (frames: Buffer[], word: string) => frames.some((f) => f.includes(Buffer.from(word, 'utf8')));

/** Resolves once some frame contains `word` (or rejects after 10 s). */
async function frameWith(ws: WS, frames: Buffer[], word: string): Promise<void> {
  if (contains(frames, word)) return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no frame with ${word}`)), 10_000);
    const check = () => {
      if (!contains(frames, word)) return;
      clearTimeout(timer);
      ws.off('message', check);
      resolve();
    };
    ws.on('message', check);
  });
}

describe.each(serverEngines)('chair-only restricted notes, on $name', ({ engine }) => {
  let server: TestServer;
  const cookies = {} as Record<'chair' | 'member' | 'observer' | 'coordinator' | 'admin', string>;
  const closers: (() => void)[] = [];
  const yClient = (who: keyof typeof cookies, doc: 'shared' | 'restricted' = 'shared', url = server.url) => {
    const client = connectYClient(url, demoMeetingId, { headers: { cookie: cookies[who] }, doc });
    closers.push(() => client.destroy());
    return client;
  };
  const roomClient = async (who: keyof typeof cookies): Promise<RoomClient> => {
    const client = await connectRoom(server.url, cookies[who]);
    closers.push(() => client.close());
    expect((await client.emit(roomEvents.join, m)).ok).toBe(true);
    return client;
  };
  const wsUrl = (doc: 'shared' | 'restricted', meetingId = demoMeetingId) => `${server.url.replace(/^http/, 'ws')}${yjsUrlPath(meetingId, doc)}`;

  beforeEach(async () => {
    server = await startTestServer({ engine });
    for (const who of ['chair', 'member', 'observer', 'coordinator', 'admin'] as const) cookies[who] = await signIn(server.url, demoUsers[who]);
  });
  afterEach(async () => {
    for (const close of closers.splice(0)) close();
    await server.cleanup();
  });

  it("never sends a chair's restricted words to a member's or observer's shared-doc socket or Socket.IO", async () => {
    const chairRoom = await roomClient('chair');
    expect((await chairRoom.emit(roomEvents.open, m)).ok).toBe(true);
    const taps: { who: string; ws: WS; frames: Buffer[] }[] = [];
    for (const who of ['member', 'observer'] as const) {
      const raw = await openRawSocket(wsUrl('shared'), { cookie: cookies[who] });
      closers.push(() => raw.terminate());
      taps.push({ who: `${who} yjs`, ws: raw, frames: tap(raw) });
      const io = await roomClient(who);
      const engineWs = (io.socket.io.engine.transport as unknown as { ws: WS }).ws;
      taps.push({ who: `${who} socket.io`, ws: engineWs, frames: tap(engineWs) });
    }

    const shared = yClient('chair');
    const restricted = yClient('chair', 'restricted');
    await Promise.all([shared.synced, restricted.synced]);
    const item = readAgenda(shared.doc)[3];
    expect((await chairRoom.emit(roomEvents.move, { ...m, itemId: item.id })).ok).toBe(true);
    // The secret and public text are typed interleaved, while Socket.IO broadcasts a timer change.
    const timer = chairRoom.emit(roomEvents.timer, { ...m, action: 'start' });
    typeParagraph(restricted.doc, restricted.doc.getXmlFragment(restrictedNotesFragmentName(item.id)), secretSentence);
    typeParagraph(shared.doc, notesFragment(shared.doc, item.id), 'Discussed during the restricted write.');
    expect((await timer).ok).toBe(true);
    await Promise.all([restricted.saved(), shared.saved()]);

    // After: one more public sentence and Socket.IO change. Frames on one socket arrive in order, so once each tap
    // has seen them it has seen everything sent during the secret write.
    typeParagraph(shared.doc, notesFragment(shared.doc, item.id), publicSentence);
    expect((await chairRoom.emit(roomEvents.timer, { ...m, action: 'pause' })).ok).toBe(true);
    for (const t of taps) await frameWith(t.ws, t.frames, t.who.endsWith('yjs') ? publicWords.at(-1)! : '"running":false');

    for (const t of taps) {
      expect(t.frames.length, t.who).toBeGreaterThan(0);
      for (const word of secretWords) expect(contains(t.frames, word), `${t.who} saw "${word}"`).toBe(false);
    }
    // The tap works: the public words, written the same way, did arrive on the raw Yjs sockets.
    for (const t of taps.filter((x) => x.who.endsWith('yjs'))) for (const word of publicWords) expect(contains(t.frames, word), t.who).toBe(true);
    // And the shared document itself holds none of it.
    const fresh = yClient('member');
    await fresh.synced;
    const sharedBytes = Buffer.from(Y.encodeStateAsUpdate(fresh.doc));
    for (const word of secretWords) expect(sharedBytes.includes(Buffer.from(word))).toBe(false);
    expect(fragmentText(restricted.doc.getXmlFragment(restrictedNotesFragmentName(item.id)))).toBe(secretSentence);
  });

  it('refuses non-chairs with 403 (the admin, with no role, 404) before a socket exists, and audits only real joins', async () => {
    // A join's audit row is written soon after the upgrade (with the others of its tick), not before it answers:
    // every row queued so far is written before the log is read, so a wrongly recorded refusal would show too.
    const audit = async () => {
      expect(await server.server.jobs.flushAudit()).toBe(true);
      return ((await (await fetch(`${server.url}/api/admin/audit?action=meeting.join&targetId=${demoMeetingId}`, withCookie(cookies.admin))).json()) as {
        entries: { actorName: string; detail: Record<string, unknown> }[];
      }).entries;
    };
    const before = await audit();
    await expect(openRawSocket(wsUrl('restricted'))).rejects.toMatchObject({ status: 401 });
    for (const who of ['member', 'observer', 'coordinator'] as const) {
      await expect(openRawSocket(wsUrl('restricted'), { cookie: cookies[who] }), who).rejects.toMatchObject({ status: 403 });
    }
    await expect(openRawSocket(wsUrl('restricted'), { cookie: cookies.admin })).rejects.toMatchObject({ status: 404 });
    await expect(openRawSocket(wsUrl('restricted', 'no-such-meeting'), { cookie: cookies.chair })).rejects.toMatchObject({ status: 404 });
    await expect(openRawSocket(`${wsUrl('shared')}/minutes`, { cookie: cookies.chair })).rejects.toMatchObject({ status: 404 });
    expect(await audit()).toEqual(before);

    const chair = await openRawSocket(wsUrl('restricted'), { cookie: cookies.chair });
    chair.terminate();
    const after = await audit();
    expect(after).toHaveLength(before.length + 1);
    expect(after[0]).toMatchObject({ actorName: 'Morgan Chair', detail: { via: 'yjs', doc: 'restricted', role: 'chair' } });
  });

  it("keeps the chair's restricted text across a server restart, apart from the shared document", async () => {
    const restricted = yClient('chair', 'restricted');
    await restricted.synced;
    const fragmentName = restrictedNotesFragmentName('item-restart');
    typeParagraph(restricted.doc, restricted.doc.getXmlFragment(fragmentName), secretSentence);
    await restricted.saved();
    for (const close of closers.splice(0)) close();
    const dir = server.dir;
    await server.stop();

    server = await startTestServer({ dir, database: server.database ?? undefined });
    cookies.chair = await signIn(server.url, demoUsers.chair);
    const again = yClient('chair', 'restricted');
    const shared = yClient('chair');
    await Promise.all([again.synced, shared.synced]);
    expect(fragmentText(again.doc.getXmlFragment(fragmentName))).toBe(secretSentence);
    expect(shared.doc.share.has(fragmentName)).toBe(false);
    expect(Buffer.from(Y.encodeStateAsUpdate(shared.doc)).includes(Buffer.from(secretWords[0]))).toBe(false);
  });

  it("rejects the chair's restricted edits once the meeting has ended", async () => {
    const chairRoom = await roomClient('chair');
    expect((await chairRoom.emit(roomEvents.open, m)).ok).toBe(true);
    const restricted = yClient('chair', 'restricted');
    await restricted.synced;
    const fragmentName = restrictedNotesFragmentName('item-ended');
    typeParagraph(restricted.doc, restricted.doc.getXmlFragment(fragmentName), 'Written while live.');
    await restricted.saved();
    expect(restricted.statuses.some((s) => s.type === 'read-only')).toBe(false);

    expect((await chairRoom.emit(roomEvents.end, m)).ok).toBe(true);
    await restricted.status('read-only');
    const refusalsBefore = restricted.statuses.filter((s) => s.type === 'read-only').length;
    const updatesSent = typeParagraph(restricted.doc, restricted.doc.getXmlFragment(fragmentName), 'Written after the end.');
    // The server answers each refused update with a read-only status: once all have come back, it has judged them.
    await restricted.statusCount('read-only', refusalsBefore + updatesSent);

    // The stored rows, past the server: the snapshot (if compacted) and the update log; Yjs applies them in any order.
    const stored = new Y.Doc();
    const rows = [
      ...(await storedRows(server, "select snapshot as bytes from meeting_documents where meeting_id = ? and doc = 'restricted'", demoMeetingId)),
      ...(await storedRows(server, "select \"update\" as bytes from meeting_updates where meeting_id = ? and doc = 'restricted' order by seq", demoMeetingId)),
    ] as { bytes: Uint8Array }[];
    expect(rows.length).toBeGreaterThan(0);
    for (const { bytes } of rows) Y.applyUpdate(stored, bytes);
    expect(fragmentText(stored.getXmlFragment(fragmentName))).toBe('Written while live.');

    // A connection opened after the end is told it is read-only, and gets only what was stored.
    const late = yClient('chair', 'restricted');
    await Promise.all([late.synced, late.status('read-only')]);
    expect(fragmentText(late.doc.getXmlFragment(fragmentName))).toBe('Written while live.');
  });
});
