/**
 * Issue 12, item 10 (last part): 2,000 malformed Yjs frames once wrote ~2,000 warning lines. A client must not be
 * able to write the log: the first is logged with its context, the rest are counted into one summary line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeCodes } from '../../shared/protocol.js';
import { demoMeetingId } from '../../server/seed/demo.js';
import { serverEngines, startTestServer, type TestServer } from '../support/server.js';
import { demoUsers, signIn } from '../support/session.js';
import { closeCodeOf, openRawSocket } from '../support/raw-ws.js';

// On both engines (issue 17): each connection is authorised against, and its room loaded from, the storage.
describe.each(serverEngines)('a flood of malformed frames on $name', ({ engine }) => {
  let server: TestServer;
  let cookie: string;
  beforeAll(async () => {
    server = await startTestServer({ engine, captureLog: 'info' });
    cookie = await signIn(server.url, demoUsers.member);
  });
  afterAll(async () => server.cleanup());

  it('writes one warning (with its context) for 2,000 malformed frames, and each connection is closed with 4400', async () => {
    const wsUrl = `${server.url.replace(/^http/, 'ws')}/yjs/${demoMeetingId}`;
    const codes: number[] = [];
    for (let batch = 0; batch < 20; batch++) {
      await Promise.all(
        Array.from({ length: 100 }, async (_, i) => {
          const ws = await openRawSocket(wsUrl, { cookie });
          const closed = closeCodeOf(ws);
          ws.send(Uint8Array.from([42, batch, i])); // an unknown message type
          codes.push((await closed).code);
        }),
      );
    }
    expect(codes).toHaveLength(2000);
    expect(new Set(codes)).toEqual(new Set([closeCodes.malformedMessage]));
    const warnings = server
      .log()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { level: number; msg: string; meetingId?: string })
      .filter((l) => l.level >= 40);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ msg: 'malformed yjs frame', meetingId: demoMeetingId });
  });
});
