/**
 * The plain @y/websocket-server 0.1.1 bin (src/server.js), twice: memory only (YPERSISTENCE unset), and with
 * y-leveldb 0.1.2 (YPERSISTENCE=<dir>: every update is stored to LevelDB as it arrives, not awaited before the relay).
 */
import path from 'node:path';
import { freePort, rootDir, spawnNode } from './spawn.js';
import { managed, type Managed } from './managed.js';
import type { ServerAdapter, ServerInstance } from './types.js';

const bin = path.join(rootDir, 'node_modules/@y/websocket-server/src/server.js');

function yWebsocket(name: string, persistence: string, leveldb: boolean): ServerAdapter {
  return {
    name,
    persistence,
    async start({ cpu, dataDir }): Promise<ServerInstance> {
      const port = await freePort();
      const env = { HOST: '127.0.0.1', PORT: String(port), YPERSISTENCE: leveldb ? path.join(dataDir, 'leveldb') : undefined, CALLBACK_URL: undefined };
      const proc = await managed(() => spawnNode([bin], env, /running at/, cpu));
      const endpoints: Omit<ServerInstance, keyof Managed> = {
        framing: 'y-websocket',
        ack: 'broadcast',
        url: (room) => `ws://127.0.0.1:${port}/${encodeURIComponent(room)}`,
        headers: () => ({}),
        // Not observable from outside (with y-leveldb its source writes the state and destroys the doc on last close).
        unloadedRooms: async () => null,
      };
      // Object.assign onto the managed process keeps its live `pid` getter.
      return Object.assign(proc, endpoints);
    },
  };
}

export const yWebsocketAdapter = yWebsocket('y-websocket-server', 'none: memory only (YPERSISTENCE unset); a restart loses every document', false);
export const yLeveldbAdapter = yWebsocket(
  'y-websocket-leveldb',
  'y-leveldb (LevelDB): each update stored as it arrives, in the background, while the relay goes on without waiting for it',
  true,
);
