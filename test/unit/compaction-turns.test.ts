/**
 * Compactions take turns (server/realtime/compaction-turns.ts): rooms asking at once start in successive turns of
 * the event loop, in the order they asked, with I/O (here: immediates queued meanwhile) running between two of them.
 */
import { describe, expect, it } from 'vitest';
import { compactionTurn } from '../../server/realtime/compaction-turns.js';

describe('compaction turns', () => {
  it('lets rooms that ask together start one per turn of the event loop, in order', async () => {
    // A loop turn counter: one immediate per turn, re-queued while the turns are pending.
    let turn = 0;
    let counting = true;
    const count = () => {
      turn++;
      if (counting) setImmediate(count);
    };
    setImmediate(count);
    const started: { room: number; turn: number }[] = [];
    await Promise.all(
      Array.from({ length: 20 }, (_, room) =>
        compactionTurn().then(() => {
          started.push({ room, turn });
        }),
      ),
    );
    counting = false;
    expect(started.map((s) => s.room)).toEqual(Array.from({ length: 20 }, (_, room) => room));
    // Never two in the same turn: the loop turned between every two starts.
    for (let i = 1; i < started.length; i++) expect(started[i].turn).toBeGreaterThan(started[i - 1].turn);
  });

  it('a turn asked for after the others have run still comes in a later turn', async () => {
    await compactionTurn();
    let ranBetween = false;
    setImmediate(() => {
      ranBetween = true;
    });
    await compactionTurn();
    expect(ranBetween).toBe(true);
  });
});
