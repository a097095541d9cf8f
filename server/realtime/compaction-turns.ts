/**
 * Compactions take turns: at most one starts per turn of the event loop, across every room of the process.
 *
 * A compaction (doc-room.ts `foldLog`) reads the room's log, encodes its document and rewrites its snapshot, all on
 * the event loop: ~1–2 ms on SQLite. Rooms reach their compaction threshold together (meetings that started at the
 * same time at a similar pace: the bench's 100 rooms did it within one tick, every 25 s at 20 updates/s), and
 * with each store call resolving at once the whole set ran as one task: 100 compactions, a 180–235 ms stall of
 * every live meeting. Taking turns, each compaction is its own task and the sockets are read and written between
 * two of them, so a burst costs each delivery at most one compaction's wait.
 */
let last: Promise<void> = Promise.resolve();

/** Resolves in a later turn of the event loop than the previous caller's turn (setImmediate: I/O runs between). */
export function compactionTurn(): Promise<void> {
  const turn = last.then(() => new Promise<void>((resolve) => setImmediate(resolve)));
  last = turn;
  return turn;
}
