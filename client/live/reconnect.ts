/**
 * Reconnects a y-websocket provider with exponential backoff and jitter. y-websocket's own retry has no jitter, so
 * after a server restart every browser would come back in the same instant: we cancel its retry and schedule our own.
 */
import type { WebsocketProvider } from 'y-websocket';

export const backoff = { baseMs: 500, maxMs: 30_000 } as const;

/** "Equal jitter": half the exponential delay for sure, the other half at random. */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** attempt);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Close codes 4400–4499 mean "do not retry" (see shared/protocol.ts closeCodes). */
const isPermanent = (event: CloseEvent | null) => event !== null && event.code >= 4400 && event.code < 4500;

export interface Reconnector {
  /** True while a retry is waiting or under way. */
  readonly retrying: boolean;
  /** Connect now (the browser came back online). */
  now(): void;
  stop(): void;
}

export function controlReconnects(provider: WebsocketProvider, onChange: () => void, random: () => number = Math.random): Reconnector {
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  let retrying = false;
  const clear = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  const onClose = (event: CloseEvent | null) => {
    if (stopped || isPermanent(event)) return;
    // Called before y-websocket schedules its own retry; with shouldConnect false that retry does nothing.
    provider.shouldConnect = false;
    clear();
    retrying = true;
    timer = setTimeout(() => {
      timer = null;
      provider.connect();
    }, reconnectDelay(attempt++, random));
    onChange();
  };
  const onSync = (synced: boolean) => {
    if (!synced) return;
    attempt = 0;
    retrying = false;
    onChange();
  };
  provider.on('connection-close', onClose);
  provider.on('sync', onSync);
  return {
    get retrying() {
      return retrying;
    },
    now() {
      if (stopped || provider.wsconnected || provider.wsconnecting) return;
      clear();
      provider.connect();
    },
    stop() {
      stopped = true;
      clear();
      provider.off('connection-close', onClose);
      provider.off('sync', onSync);
    },
  };
}
