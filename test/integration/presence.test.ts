/**
 * Issue 12 item 5: presence tells the truth. Through the real server: y-websocket clients for the chair and a
 * watcher, raw sockets for the hostile observer, who tries to pass as the chair, to take over the chair's entry,
 * to inject 5,000 presences and to relay a 7 MB one. On both engines: the names and roles presence shows are the
 * person and membership records, and the document the sockets join is loaded from storage.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import WS from 'ws';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { demoMeetingId } from '../../server/seed/demo.js';
import { yjsUrlPath, yMessage } from '../../shared/protocol.js';
import { presenceLimits } from '../../shared/limits.js';
import { serverEngines, startTestServer, type TestServer } from '../support/server.js';
import { demoUsers, signIn } from '../support/session.js';
import { connectYClient, type YClient } from '../support/yjs-client.js';
import { openRawSocket } from '../support/raw-ws.js';
import { conditionWaits } from '../support/condition-waits.js';

type State = { user?: { name?: string; agency?: string; role?: string; id?: string }; editing?: string; marker?: string; filler?: string };

/** One awareness frame setting `states` (client id → state), as a hostile client would write it. */
function presenceFrame(states: [number, State | null][], clock = 1): Uint8Array {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, states.length);
  for (const [clientId, state] of states) {
    encoding.writeVarUint(update, clientId);
    encoding.writeVarUint(update, clock);
    encoding.writeVarString(update, JSON.stringify(state));
  }
  const frame = encoding.createEncoder();
  encoding.writeVarUint(frame, yMessage.awareness);
  encoding.writeVarUint8Array(frame, encoding.toUint8Array(update));
  return encoding.toUint8Array(frame);
}

/** A raw socket whose frames are all seen: the server's first ones can arrive in the same read as the upgrade. */
function openListening(url: string, cookie: string, onMessage: (data: Buffer) => void): Promise<WS> {
  const ws = new WS(`${url.replace(/^http/, 'ws')}${yjsUrlPath(demoMeetingId)}`, { headers: { cookie } });
  ws.on('message', onMessage);
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** A raw socket that applies every presence frame it receives to its own Awareness and records each frame's size. */
async function watcher(url: string, cookie: string) {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc());
  awareness.setLocalState(null);
  const sizes: number[] = [];
  const { notify, until } = conditionWaits();
  const ws = await openListening(url, cookie, (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data));
    if (decoding.readVarUint(decoder) !== yMessage.awareness) return;
    sizes.push(data.length);
    awarenessProtocol.applyAwarenessUpdate(awareness, decoding.readVarUint8Array(decoder), 'server');
    notify();
  });
  return { ws, awareness, sizes, until, states: () => awareness.getStates() as Map<number, State> };
}

describe.each(serverEngines)('presence comes from the server’s records, on $name', ({ engine }) => {
  let server: TestServer;
  const closers: (() => void)[] = [];
  beforeEach(async () => {
    server = await startTestServer({ engine });
  });
  afterEach(async () => {
    for (const close of closers.splice(0)) close();
    await server.cleanup();
  });
  const cookie = (who: keyof typeof demoUsers) => signIn(server.url, demoUsers[who]);
  const yClient = async (who: keyof typeof demoUsers): Promise<YClient> => {
    const client = connectYClient(server.url, demoMeetingId, { headers: { cookie: await cookie(who) } });
    closers.push(() => client.destroy());
    await client.synced;
    return client;
  };
  const rawSocket = async (who: keyof typeof demoUsers): Promise<WS> => {
    const ws = await openRawSocket(`${server.url.replace(/^http/, 'ws')}${yjsUrlPath(demoMeetingId)}`, { cookie: await cookie(who) });
    closers.push(() => ws.terminate());
    return ws;
  };

  it('names an observer by their record however they label themselves, and keeps the chair’s entry the chair’s', async () => {
    const chair = await yClient('chair');
    chair.provider.awareness.setLocalStateField('user', { name: 'Morgan Chair', agency: 'whatever the client says', color: '#1d4ed8' });
    const watch = await watcher(server.url, await cookie('member'));
    closers.push(() => watch.ws.terminate());
    const chairId = chair.doc.clientID;
    await watch.until(() => watch.states().get(chairId)?.user?.role === 'chair');

    const observer = await rawSocket('observer');
    const observerId = 990_001;
    // Pass as the chair in its own entry, then overwrite the chair's entry; then a marker to know all were handled.
    observer.send(presenceFrame([[observerId, { user: { name: 'Morgan Chair', agency: 'Children’s Services', role: 'chair' } }]]));
    observer.send(presenceFrame([[chairId, { user: { name: 'Morgan Chair', role: 'chair' }, editing: 'forged' }]], 10_000));
    observer.send(presenceFrame([[observerId, { user: { name: 'Morgan Chair', role: 'chair' }, marker: 'done' }]], 2));
    await watch.until(() => watch.states().get(observerId)?.marker === 'done');

    const states = watch.states();
    expect(states.get(observerId)?.user).toMatchObject({ name: 'Quinn Observer', role: 'observer' });
    expect(states.get(chairId)?.editing).toBeUndefined();
    expect(states.get(chairId)?.user).toMatchObject({ name: 'Morgan Chair', role: 'chair' });
    expect(states.get(chairId)?.user?.agency).not.toBe('whatever the client says');
    const chairEntries = [...states.values()].filter((s) => s.user?.name === 'Morgan Chair');
    expect(chairEntries).toHaveLength(1);
  });

  it('keeps 5,000 injected presences and a 7 MB one away from everyone, and a late joiner’s first presence message small', async () => {
    await yClient('chair');
    const watch = await watcher(server.url, await cookie('member'));
    closers.push(() => watch.ws.terminate());
    const observer = await rawSocket('observer');
    const fake: [number, State][] = Array.from({ length: 5_000 }, (_, i) => [800_000 + i, { user: { name: `Fake ${i}` }, filler: 'x'.repeat(1_000) }]);
    observer.send(presenceFrame(fake));
    observer.send(presenceFrame([[700_000, { filler: 'y'.repeat(7 * 1024 * 1024) }]]));
    observer.send(presenceFrame([[800_000, { marker: 'done' }]], 2));
    await watch.until(() => watch.states().get(800_000)?.marker === 'done');

    const relayed = [...watch.states().keys()].filter((id) => id >= 700_000);
    expect(relayed.length).toBeLessThanOrEqual(presenceLimits.clientIdsPerConnection);
    expect(relayed).not.toContain(700_000);
    expect(Math.max(...watch.sizes)).toBeLessThan(presenceLimits.clientIdsPerConnection * (presenceLimits.stateBytes + 1024));

    // A late joiner's first presence message: everyone's states, each capped.
    const coordinator = await cookie('coordinator');
    const first = await new Promise<number>((resolve) => {
      void openListening(server.url, coordinator, (data) => {
        if (decoding.readVarUint(decoding.createDecoder(new Uint8Array(data))) === yMessage.awareness) resolve(data.length);
      }).then((ws) => closers.push(() => ws.terminate()));
    });
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(16 * 1024);
  });

  it('rate-limits one connection’s presence messages', async () => {
    const watch = await watcher(server.url, await cookie('member'));
    closers.push(() => watch.ws.terminate());
    const observer = await rawSocket('observer');
    const sent = 1_000;
    for (let clock = 1; clock <= sent; clock++) observer.send(presenceFrame([[990_002, { editing: `step ${clock}` }]], clock));
    // A second connection's message after the flood: once it arrives, the flood has been handled.
    const other = await rawSocket('coordinator');
    other.send(presenceFrame([[990_003, { marker: 'after' }]]));
    await watch.until(() => watch.states().get(990_003)?.marker === 'after');
    const relayed = watch.sizes.length;
    expect(relayed).toBeGreaterThan(1);
    expect(relayed).toBeLessThan(sent / 2);
  });

  it('lets the same person’s new connection take over their presence, and nobody else', async () => {
    const watch = await watcher(server.url, await cookie('member'));
    closers.push(() => watch.ws.terminate());
    const id = 990_010;
    const before = await rawSocket('chair');
    before.send(presenceFrame([[id, { marker: 'old socket' }]], 1));
    await watch.until(() => watch.states().get(id)?.marker === 'old socket');
    // A reconnect while the old socket is still open: the same person, the same Yjs client id.
    const after = await rawSocket('chair');
    after.send(presenceFrame([[id, { marker: 'new socket' }]], 2));
    await watch.until(() => watch.states().get(id)?.marker === 'new socket');
    const observer = await rawSocket('observer');
    observer.send(presenceFrame([[id, { marker: 'observer' }]], 3));
    after.send(presenceFrame([[id, { marker: 'still the chair' }]], 4));
    await watch.until(() => watch.states().get(id)?.marker === 'still the chair');
    // The old socket closing does not take the new one's presence with it.
    const room = await server.server.yjs.room(demoMeetingId);
    const connections = room.connectionCount;
    before.close();
    await expect.poll(() => room.connectionCount).toBe(connections - 1);
    expect(room.awareness.getStates().get(id)).toMatchObject({ marker: 'still the chair', user: { name: 'Morgan Chair', role: 'chair' } });
    expect(watch.states().get(id)?.marker).toBe('still the chair');
  });
});
