/**
 * Access changes between processes (TRIAGE_REDIS_URL): a sign-out, a disabled account, a removal from a series or a
 * role change made on one process cuts or downgrades the person's connections on every process, as the process that
 * made it does for its own (server/services/access-events.ts → live-connections.ts).
 *
 * - Redis pub/sub, channel `triage:access`: each process applies what it hears through its own access events, so the
 *   policy is re-asked there, from storage. Only WHAT changed travels (a person id, a session's hash), never a verdict.
 * - The command answers once every other process has applied it: PUBLISH says how many subscribers heard the change,
 *   and each answers on `triage:access:ack` once its connections are cut, so an edit the person sends on another
 *   process after the answer is dropped there. The wait is bounded (`limits.accessRelayWaitMs`): a process that died
 *   or lost Redis does not hold the command.
 * - Pub/sub keeps nothing for a process that was away: whenever this process's subscription is (re)established, it
 *   re-asks the policy for every open connection (`any-changed`), since PostgreSQL is the record. Subscribing is done
 *   here, not by ioredis's automatic resubscribe, so the re-check starts only once nothing more can be missed.
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { limits } from '../../shared/limits.js';
import type { AccessChange, AccessRelay } from '../services/access-events.js';
import type { Logger } from '../logger.js';
import { warnThrottled } from '../log-throttle.js';

const changes = 'triage:access';
const acks = 'triage:access:ack';
const causes = new Set(['signedOut', 'sessionExpired']);

interface Relayed {
  from: string;
  id: string;
  change: AccessChange;
}

export interface AccessRelayOverRedis extends AccessRelay {
  /** Applies the other processes' changes with `apply` from now on; `missed`: re-check everything (may have missed some). */
  start(apply: (change: AccessChange) => Promise<void>, missed: () => Promise<void>): void;
}

/** Only the shapes a process sends; anything else is ignored (a stray publisher must not revoke anyone, nor crash). */
export function parseRelayedChange(raw: unknown): AccessChange | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const c = raw as Record<string, unknown>;
  const id = (v: unknown) => typeof v === 'string' && v.length > 0 && v.length <= 128;
  if (c.type === 'session-ended' && id(c.tokenHash) && causes.has(c.cause as string))
    return { type: 'session-ended', tokenHash: c.tokenHash as string, cause: c.cause as 'signedOut' | 'sessionExpired' };
  if (c.type === 'account-disabled' && id(c.personId)) return { type: 'account-disabled', personId: c.personId as string };
  if (c.type === 'person-changed' && id(c.personId)) return { type: 'person-changed', personId: c.personId as string };
  return null;
}

export function redisAccessRelay(publisher: Redis, subscriber: Redis, logger: Logger, waitMs: number = limits.accessRelayWaitMs): AccessRelayOverRedis {
  const processId = randomBytes(8).toString('hex');
  /** Changes published here still waiting for other processes' answers, by id. */
  const waiting = new Map<string, { answered: number; expected: number | null; done: () => void }>();
  /** True while this process's own subscriber is subscribed: it is then one of the receivers PUBLISH counts. */
  let subscribed = false;
  let sequence = 0;

  return {
    async publish(change) {
      if (change.type === 'any-changed') return;
      const id = `${processId}:${++sequence}`;
      const message = JSON.stringify({ from: processId, id, change } satisfies Relayed);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          warnThrottled(logger, 'an access change was not confirmed by every process in time', { waitMs });
          resolve();
        }, waitMs);
        timer.unref();
        const done = () => {
          clearTimeout(timer);
          waiting.delete(id);
          resolve();
        };
        // Registered before publishing: an answer may arrive before PUBLISH's own reply says how many to expect.
        const entry = { answered: 0, expected: null as number | null, done };
        waiting.set(id, entry);
        // While Redis is away ioredis queues the message and sends it once back (late rather than never); the
        // command does not wait for that: the other processes re-check everything when they reach Redis again.
        publisher.publish(changes, message).then(
          (receivers) => {
            entry.expected = receivers - (subscribed ? 1 : 0);
            if (entry.answered >= entry.expected) done();
          },
          (err: Error) => {
            warnThrottled(logger, 'access change not relayed', { err: err.message });
            done();
          },
        );
        if (publisher.status !== 'ready') done();
      });
    },

    start(apply, missed) {
      subscriber.on('message', (channel: string, message: string) => {
        let parsed: Partial<Relayed> & { to?: unknown };
        try {
          parsed = JSON.parse(message) as Partial<Relayed> & { to?: unknown };
        } catch {
          return warnThrottled(logger, 'relayed access change ignored: not JSON', {});
        }
        if (typeof parsed !== 'object' || parsed === null) return warnThrottled(logger, 'relayed access change ignored: not an object', {});
        if (channel === acks) {
          const entry = parsed.to === processId && typeof parsed.id === 'string' ? waiting.get(parsed.id) : undefined;
          if (entry && ++entry.answered >= (entry.expected ?? Number.POSITIVE_INFINITY)) entry.done();
          return;
        }
        if (channel !== changes || parsed.from === processId || typeof parsed.from !== 'string' || typeof parsed.id !== 'string') return;
        const change = parseRelayedChange(parsed.change);
        if (!change) return warnThrottled(logger, 'relayed access change ignored: unknown shape', {});
        const answer = JSON.stringify({ to: parsed.from, id: parsed.id });
        // Applied (connections cut or downgraded) before answering; a failure here is still answered, the
        // listeners having reported and closed what they could not re-check.
        apply(change)
          .catch((err: Error) => logger.error({ err: err.message }, 'relayed access change not applied'))
          .then(() => publisher.publish(acks, answer))
          .catch((err: Error) => warnThrottled(logger, 'access change not confirmed', { err: err.message }));
      });
      subscriber.on('close', () => {
        subscribed = false;
      });
      const subscribe = () =>
        subscriber.subscribe(changes, acks).then(
          () => {
            subscribed = true;
            // Whatever was published while this subscription was away is lost: storage says what holds now.
            missed().catch((err: Error) => logger.error({ err: err.message }, 'could not re-check connections after a relay gap'));
          },
          (err: Error) => warnThrottled(logger, 'access relay not subscribed yet; retried on reconnect', { err: err.message }),
        );
      subscriber.on('ready', subscribe);
      if (subscriber.status === 'ready') subscribe();
    },
  };
}
