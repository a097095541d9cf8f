/** The plain @y/websocket-server 0.1.1 bin (src/server.js). YPERSISTENCE is unset, so it keeps documents in memory only. */
import path from 'node:path';
import { freePort, rootDir, spawnNode } from './spawn.js';
import { managed, type Managed } from './managed.js';
import type { ServerAdapter, ServerInstance } from './types.js';

const bin = path.join(rootDir, 'node_modules/@y/websocket-server/src/server.js');

export const yWebsocketAdapter: ServerAdapter = {
  name: 'y-websocket-server',
  persistence: 'none: memory only (YPERSISTENCE unset); a restart loses every document',
  async start({ cpu }): Promise<ServerInstance> {
    const port = await freePort();
    const env = { HOST: '127.0.0.1', PORT: String(port), YPERSISTENCE: undefined, CALLBACK_URL: undefined };
    const proc = await managed(() => spawnNode([bin], env, /running at/, cpu));
    const endpoints: Omit<ServerInstance, keyof Managed> = {
      framing: 'y-websocket',
      ack: 'broadcast',
      url: (room) => `ws://127.0.0.1:${port}/${encodeURIComponent(room)}`,
      headers: () => ({}),
      // Not observable from outside; its source only deletes a document on last close when persistence is set.
      unloadedRooms: async () => null,
    };
    // Object.assign onto the managed process keeps its live `pid` getter.
    return Object.assign(proc, endpoints);
  },
};
