/**
 * The room's commands over the engine-neutral Storage, on SQLite and on PostgreSQL: each command reads the stored
 * state, changes it and saves it with its version + 1 in one transaction, so commands sent at once through two room
 * services (two processes, each with its own memory of the room) lose none of each other's changes; opening at once
 * from both opens once (one audit row); a meeting that is not live refuses commands and stores nothing.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../server/policies/index.js';
import { createMinutesService } from '../../server/services/minutes/minutes-service.js';
import { createRoomService, type RoomService, type RoomState } from '../../server/services/room-service.js';
import type { YjsHost } from '../../server/realtime/yjs-host.js';
import { contractEngines, fixtureId, seedMeetings, type EngineUnderTest } from './engines.js';

const t0 = Date.UTC(2026, 10, 30, 10);

describe.each(contractEngines)('room commands on $name', (engine) => {
  let db: EngineUnderTest;
  let processes: [RoomService, RoomService];
  let clock = t0;
  const actorOf = (id: string): Actor => ({ id, name: `Person ${id}`, email: `${id}@example.test`, agencyId: 'agency', agencyName: 'Agency', globalRole: 'member', language: null });
  let chair: Actor;
  beforeAll(async () => {
    db = await engine.open();
    // The chair is on record (the audit row names them); hands are raised by anyone the room lets in.
    const agencyId = fixtureId('agency');
    chair = { ...actorOf(fixtureId('chair')), agencyId };
    await db.insert('agencies', [{ id: agencyId, name: 'Children’s Services', shortName: 'CS', createdAt: t0 }]);
    await db.insert('people', [{ id: chair.id, agencyId, name: chair.name, email: chair.email, role: 'chair', createdAt: t0 }]);
    // These commands never touch the live document; a call that did would fail the test.
    const yjs = (): YjsHost => {
      throw new Error('the live document is not part of these commands');
    };
    const minutes = createMinutesService({ storage: db.storage, now: () => clock });
    processes = [0, 1].map(() => createRoomService({ storage: db.storage, minutes, yjs, now: () => clock })) as [RoomService, RoomService];
  });
  afterAll(() => db?.close());

  it('opens once when both processes open the meeting at once: live, one audit row, both versions kept', async () => {
    const [meetingId] = (await seedMeetings(db, 1)).meetingIds;
    const states = await Promise.all(processes.map((rooms) => rooms.open(meetingId, chair, null)));
    expect(states.map((s) => s.version).sort()).toEqual([1, 2]);
    expect(await processes[0].statusOf(meetingId)).toBe('live');
    expect((await db.rows('audit_log', 'target_id', meetingId)).map((r) => r.action)).toEqual(['meeting.open']);
    expect(((await db.storage.stores.roomState.load(meetingId)) as RoomState).version).toBe(2);
  });

  it('loses no change when commands run at once through both processes, whatever the mix (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ via: fc.constantFrom(0, 1), command: fc.constantFrom('hand', 'timer-start', 'timer-pause') }), { minLength: 1, maxLength: 12 }),
        async (commands) => {
          const [meetingId] = (await seedMeetings(db, 1)).meetingIds;
          await processes[0].open(meetingId, chair, null);
          // Each process learns the opened state first (its memory of the room), then both act at once.
          await Promise.all(processes.map((rooms) => rooms.state(meetingId)));
          await Promise.all(
            commands.map(({ via, command }, i) => {
              const rooms = processes[via];
              if (command === 'hand') return rooms.hand(actorOf(`p${i}`), meetingId, true);
              return rooms.timer(meetingId, command === 'timer-start' ? 'start' : 'pause');
            }),
          );
          const stored = (await db.storage.stores.roomState.load(meetingId)) as RoomState;
          expect(stored.version).toBe(commands.length + 1);
          const raised = commands.flatMap((c, i) => (c.command === 'hand' ? [`p${i}`] : []));
          expect(stored.hands.map((h) => h.personId).sort()).toEqual(raised.sort());
        },
      ),
      { numRuns: 10 },
    );
  });

  it('refuses commands once the meeting is not live, and stores nothing', async () => {
    const [scheduled, ended] = (await seedMeetings(db, 2)).meetingIds;
    await expect(processes[0].hand(chair, scheduled, true)).rejects.toMatchObject({ code: 'conflict' });
    expect(await db.storage.stores.roomState.load(scheduled)).toBeNull();
    const opened = await processes[0].open(ended, chair, null);
    await db.storage.stores.roomState.setStatus(ended, 'ended', clock);
    await expect(processes[1].timer(ended, 'start')).rejects.toMatchObject({ code: 'conflict' });
    await expect(processes[0].open(ended, chair, null)).rejects.toMatchObject({ code: 'conflict' });
    expect(await db.storage.stores.roomState.load(ended)).toEqual(opened);
  });

  it('a leave that changes nothing bumps no version; one that drops a raised hand does, in the other process too', async () => {
    const [meetingId] = (await seedMeetings(db, 1)).meetingIds;
    await processes[0].open(meetingId, chair, null);
    expect(await processes[1].left(meetingId, 'nobody')).toBeNull();
    await processes[1].hand(actorOf('p1'), meetingId, true);
    clock += 1000;
    const after = await processes[0].left(meetingId, 'p1');
    expect(after).toMatchObject({ version: 3, hands: [] });
    expect((await db.storage.stores.roomState.load(meetingId)) as RoomState).toMatchObject({ version: 3, hands: [] });
  });
});
