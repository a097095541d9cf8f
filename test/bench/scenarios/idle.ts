/** Scenario 5: everyone leaves, the rooms stay quiet for a while: what does the server still hold? */
import type { LoadPool } from '../load/pool.js';
import type { ServerInstance } from '../servers/types.js';
import { rssMiB } from '../servers/spawn.js';
import { sleep } from '../stats.js';
import type { IdleResult } from '../config.js';

export async function runIdle(pool: LoadPool, server: ServerInstance, idleS: number): Promise<IdleResult> {
  const rssConnectedMiB = rssMiB(server.pid);
  const since = Date.now();
  pool.closeAll();
  await sleep(idleS * 1000);
  const rssAfterMiB = rssMiB(server.pid);
  let unloadedRooms: number | null = null;
  try {
    unloadedRooms = await server.unloadedRooms(pool.rooms, since);
  } catch {
    unloadedRooms = null;
  }
  return { idleS, rssConnectedMiB, rssAfterMiB, unloadedRooms, rooms: pool.rooms.length };
}
