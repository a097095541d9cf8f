/** Hocuspocus 3 with @hocuspocus/extension-database on better-sqlite3 (see hocuspocus-server.ts). */
import path from 'node:path';
import { freePort, spawnNode } from './spawn.js';
import { managed, type Managed } from './managed.js';
import type { ServerAdapter, ServerInstance } from './types.js';

export const hocuspocusAdapter: ServerAdapter = {
  name: 'hocuspocus',
  persistence: 'SQLite via extension-database: full document state stored after a 2 s debounce (max 10 s)',
  async start({ dataDir, cpu }): Promise<ServerInstance> {
    const port = await freePort();
    const env = { BENCH_PORT: String(port), BENCH_DB: path.join(dataDir, 'hocuspocus.db'), NODE_ENV: 'production' };
    const proc = await managed(() => spawnNode(['--import', 'tsx', 'test/bench/servers/hocuspocus-server.ts'], env, /hocuspocus ready/, cpu));
    const endpoints: Omit<ServerInstance, keyof Managed> = {
      framing: 'hocuspocus',
      ack: 'broadcast',
      url: () => `ws://127.0.0.1:${port}/`,
      headers: () => ({}),
      async unloadedRooms(rooms) {
        const res = await fetch(`http://127.0.0.1:${port}/stats`);
        const { documents } = (await res.json()) as { documents: number };
        return Math.max(0, rooms.length - documents);
      },
    };
    // Object.assign onto the managed process keeps its live `pid` getter.
    return Object.assign(proc, endpoints);
  },
};
