/** Process lifecycle shared by the adapters: one spawn function, re-run on restart with the same port and data. */
import type { Spawned } from './spawn.js';

export interface Managed {
  readonly pid: number;
  kill9(): Promise<void>;
  restart(): Promise<void>;
  stop(): Promise<void>;
  output(): string;
}

export async function managed(spawnOnce: () => Spawned): Promise<Managed> {
  let current = spawnOnce();
  let log = '';
  await current.ready;
  return {
    get pid() {
      return current.pid;
    },
    kill9: () => current.kill9(),
    restart: async () => {
      await current.kill9();
      log += current.output();
      current = spawnOnce();
      await current.ready;
    },
    stop: () => current.stop(),
    output: () => log + current.output(),
  };
}
