/**
 * Writes that must not be lost but need not succeed inside the event that caused them: attendance (someone joined
 * or left), and the room state after a meeting ended. Each is tried at once; if the storage refuses it (busy past
 * the busy timeout, disk full) it is kept, in order behind any others waiting, and the queue is retried every
 * `retryMs` until the storage takes them. Each write carries its own time, so a late write records when it happened.
 * Logged once when writes start waiting and once when they resume; a write that fails for any other reason is a
 * bug, not a passing fault: it is logged with its context and dropped so it cannot block the ones behind it.
 */
import { storageFaultOf } from '../errors.js';
import type { Logger } from '../logger.js';

interface Waiting {
  what: string;
  context: Record<string, unknown>;
  write: () => Promise<void> | void;
}

export function createWriteQueue(logger: Logger, retryMs = 1000) {
  const waiting: Waiting[] = [];
  let timer: NodeJS.Timeout | null = null;
  let failingSince: number | null = null;
  let lastFault: unknown = null;
  // One drain at a time, so the writes go to the storage in order even though each is awaited.
  let draining: Promise<boolean> | null = null;

  /** Writes from the front until the queue is empty or the storage refuses; true when nothing is left. */
  const drainOnce = async (): Promise<boolean> => {
    if (timer) clearTimeout(timer);
    timer = null;
    while (waiting.length > 0) {
      const next = waiting[0];
      try {
        await next.write();
      } catch (err) {
        if (storageFaultOf(err)) {
          lastFault = err;
          if (failingSince === null) {
            failingSince = Date.now();
            logger.error({ ...next.context, what: next.what, err: (err as Error).message, waiting: waiting.length }, 'write refused by storage; kept and retrying');
          }
          timer = setTimeout(() => void drain(), retryMs);
          timer.unref();
          return false;
        }
        logger.error({ ...next.context, what: next.what, err: (err as Error).message }, 'write failed');
      }
      waiting.shift();
    }
    if (failingSince !== null) {
      logger.info({ failedForMs: Date.now() - failingSince }, 'waiting writes written');
      failingSince = null;
    }
    return true;
  };
  /** Never rejects: a write's own failure is logged or kept above. A drain asked for while one runs follows it. */
  const drain = (): Promise<boolean> => {
    const run: Promise<boolean> = (draining ?? Promise.resolve(true)).then(drainOnce).finally(() => {
      if (draining === run) draining = null;
    });
    draining = run;
    return run;
  };

  return {
    /**
     * Writes now, or (behind anything already waiting) as soon as the storage allows. Never rejects; resolves once
     * this write and those before it are written or kept for a retry.
     */
    write(what: string, context: Record<string, unknown>, write: () => Promise<void> | void): Promise<boolean> {
      waiting.push({ what, context, write });
      return waiting.length === 1 ? drain() : (draining ?? Promise.resolve(false));
    },
    /** Tries everything waiting now (before closing); false if something could still not be written. */
    flush: drain,
    /** Tries everything waiting now; rejects with the storage's error if it still refuses (the caller maps it to words). */
    async writeAllOrThrow(): Promise<void> {
      if (!(await drain())) throw lastFault;
    },
    get waitingCount(): number {
      return waiting.length;
    },
  };
}
export type WriteQueue = ReturnType<typeof createWriteQueue>;
