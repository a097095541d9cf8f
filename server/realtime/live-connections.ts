/**
 * Every open realtime connection — Yjs documents (/yjs/<id>, /yjs/<id>/restricted) and Socket.IO — by person and by
 * session (token hash), so that access ends everywhere the moment it is revoked:
 * - a session that ends (sign-out, expiry) closes the connections opened with it;
 * - a disabled account closes all of the person's connections;
 * - a membership or role change re-asks the policy for each of the person's connections, which closes or downgrades
 *   itself (the doors decide how: see `LiveConnection`);
 * - after a gap in the relay between processes, every connection is re-asked (storage is the record), a few at a time
 *   (`limits.accessRecheckConcurrency`: the reads share the small database pool with saving), overlapping requests
 *   merged into one more pass;
 * - fail safe: a connection whose re-check cannot read storage is asked again with backoff, and if storage stays
 *   unreadable past `limits.accessUnverifiedMaxMs` it is closed to be retried (the client reconnects and is
 *   authorised afresh) rather than trusted on its old verdict.
 * Expiry needs no polling: one timer for the earliest session deadline, re-armed as deadlines move; each frame also
 * checks its session's known deadline in memory, so nothing is accepted past it even before the timer fires.
 */
import type { RevocationCause } from '../../shared/protocol.js';
import type { AccessChange, AccessEvents } from '../services/access-events.js';
import type { AuthService, LiveSession } from '../services/auth-service.js';
import type { Logger } from '../logger.js';
import { limits } from '../../shared/limits.js';
import { coalesced, Limiter } from './bounded.js';

export interface LiveConnection {
  readonly personId: string;
  readonly tokenHash: string;
  /** The person's access may have changed: re-ask the policy with this fresh session; close or downgrade. */
  /** May answer asynchronously (the policy reads storage); a rejection ends the connection as a failure would. */
  recheck(session: LiveSession): void | Promise<void>;
  /** Access ended: from now on drop everything it sends, tell it why, and close it. */
  revoke(cause: RevocationCause): void;
  /** Storage could not confirm its access for too long: close it so that the client reconnects (and is re-authorised). */
  closeToRetry(): void;
}

export interface RecheckTiming {
  concurrency: number;
  retryMs: number;
  unverifiedMaxMs: number;
}

interface SessionEntry {
  deadline: number;
  conns: Set<LiveConnection>;
  /** Past its deadline, and the database is being asked whether it lives on. */
  expiring?: boolean;
}

/** How soon a session check that hit a storage fault is asked again. */
const storageRetryMs = 1000;

/** setTimeout's longest delay; a later deadline is simply re-checked then. */
const maxTimerMs = 2 ** 31 - 1;

export class LiveConnections {
  private readonly byPerson = new Map<string, Set<LiveConnection>>();
  private readonly bySession = new Map<string, SessionEntry>();
  private timer: NodeJS.Timeout | null = null;
  private timerAt = Number.POSITIVE_INFINITY;
  private readonly stopListening: () => void;
  /** Connections whose re-check could not read storage, and since when. */
  private readonly unverified = new Map<LiveConnection, number>();
  private retryTimer: NodeJS.Timeout | null = null;
  private retryDelay: number;
  private readonly bulk: Limiter;
  private readonly recheckEveryone = coalesced(() => this.recheckBounded(this.all()));

  constructor(
    private readonly auth: Pick<AuthService, 'sessionByHash' | 'expire'>,
    access: AccessEvents,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
    private readonly timing: RecheckTiming = {
      concurrency: limits.accessRecheckConcurrency,
      retryMs: limits.accessRecheckRetryMs,
      unverifiedMaxMs: limits.accessUnverifiedMaxMs,
    },
  ) {
    this.bulk = new Limiter(timing.concurrency);
    this.retryDelay = timing.retryMs;
    this.stopListening = access.listen((change) => this.onChange(change));
  }

  /** Tracks a connection opened with `session`; returns the function to call when it closes. */
  add(conn: LiveConnection, session: LiveSession): () => void {
    let mine = this.byPerson.get(conn.personId);
    if (!mine) this.byPerson.set(conn.personId, (mine = new Set()));
    mine.add(conn);
    let entry = this.bySession.get(conn.tokenHash);
    if (!entry) this.bySession.set(conn.tokenHash, (entry = { deadline: session.deadline, conns: new Set() }));
    entry.deadline = Math.max(entry.deadline, session.deadline);
    entry.conns.add(conn);
    this.schedule();
    return () => this.remove(conn);
  }

  /**
   * Called for each incoming frame or event: false if its session is past its deadline as known here. Then it is
   * expired at once (unless the database has seen it since), which revokes its connections.
   */
  sessionLive(tokenHash: string): boolean {
    const entry = this.bySession.get(tokenHash);
    if (!entry) return false;
    if (entry.deadline > this.now()) return true;
    // The database answers asynchronously: this frame is refused; if the session lives on, later ones pass.
    this.expire(tokenHash, entry);
    return false;
  }

  /** The session was seen (a request or event authenticated it) and now lasts until `deadline`. */
  seen(session: LiveSession): void {
    const entry = this.bySession.get(session.tokenHash);
    if (entry && session.deadline > entry.deadline) entry.deadline = session.deadline;
  }

  get size(): number {
    let n = 0;
    for (const set of this.byPerson.values()) n += set.size;
    return n;
  }

  close(): void {
    this.stopListening();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private remove(conn: LiveConnection): void {
    const mine = this.byPerson.get(conn.personId);
    mine?.delete(conn);
    if (mine?.size === 0) this.byPerson.delete(conn.personId);
    const entry = this.bySession.get(conn.tokenHash);
    entry?.conns.delete(conn);
    if (entry?.conns.size === 0) this.bySession.delete(conn.tokenHash);
    this.unverified.delete(conn);
  }

  private tracked(conn: LiveConnection): boolean {
    return this.byPerson.get(conn.personId)?.has(conn) ?? false;
  }

  private all(): LiveConnection[] {
    return Array.from(this.byPerson.values(), (conns) => Array.from(conns)).flat();
  }

  /** Re-asks these connections, a few at a time; skips any that closed while waiting their turn. Never rejects. */
  private recheckBounded(conns: LiveConnection[]): Promise<void> {
    return this.each(conns, (c) => this.bulk.run(async () => (this.tracked(c) ? this.recheck(c) : undefined)));
  }

  private onChange(change: AccessChange): void | Promise<void> {
    switch (change.type) {
      case 'session-ended':
        return this.each(Array.from(this.bySession.get(change.tokenHash)?.conns ?? []), (c) => c.revoke(change.cause));
      case 'account-disabled':
        return this.each(Array.from(this.byPerson.get(change.personId) ?? []), (c) => c.revoke('accountDisabled'));
      case 'person-changed':
        // Resolves once every connection of theirs was re-asked (the command answers after that).
        return this.each(Array.from(this.byPerson.get(change.personId) ?? []), (c) => this.recheck(c));
      case 'any-changed':
        return this.recheckEveryone();
    }
  }

  private async recheck(conn: LiveConnection): Promise<void> {
    const since = this.unverified.get(conn);
    if (since !== undefined && this.now() - since >= this.timing.unverifiedMaxMs) {
      // Unconfirmed for too long: not trusted on its old verdict any more.
      this.remove(conn);
      this.logger.warn({ personId: conn.personId }, 'access could not be re-checked in time; connection closed to reconnect');
      return conn.closeToRetry();
    }
    let session: LiveSession | null;
    try {
      session = await this.auth.sessionByHash(conn.tokenHash, false);
      // The policy behind the session is read too: its failing is not a refusal either, so nobody is told their
      // access was removed because storage could not answer.
      if (session) await conn.recheck(session);
    } catch (err) {
      // Storage could not be read: asked again with backoff, closed if it stays unreadable.
      if (!this.unverified.has(conn)) this.unverified.set(conn, this.now());
      this.logger.error({ personId: conn.personId, err: (err as Error).message }, 'could not recheck a connection; asking again');
      return this.retryUnverified();
    }
    this.unverified.delete(conn);
    if (!session) return conn.revoke('sessionExpired');
    if (this.unverified.size === 0) this.retryDelay = this.timing.retryMs;
  }

  /**
   * Asks the unconfirmed connections again after a backoff (doubling), never later than the first one's bound, so that
   * a connection storage cannot confirm is closed within `unverifiedMaxMs` (plus one read).
   */
  private retryUnverified(): void {
    if (this.retryTimer || this.unverified.size === 0) return;
    const firstBound = Math.min(...this.unverified.values()) + this.timing.unverifiedMaxMs;
    const delay = Math.max(0, Math.min(this.retryDelay, firstBound - this.now()));
    this.retryDelay = Math.min(this.retryDelay * 2, this.timing.unverifiedMaxMs);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.recheckBounded(Array.from(this.unverified.keys())).then(() => this.retryUnverified());
    }, delay);
    this.retryTimer.unref();
  }

  /** One failing connection must not keep the others open. */
  private each(conns: LiveConnection[], run: (c: LiveConnection) => void | Promise<void>): Promise<void> {
    const fail = (conn: LiveConnection, err: unknown) => {
      this.logger.error({ personId: conn.personId, err: (err as Error).message }, 'could not end a revoked connection; closing it');
      try {
        conn.revoke('accessRemoved');
      } catch {
        this.remove(conn);
      }
    };
    const pending: Promise<void>[] = [];
    for (const conn of conns) {
      try {
        const done = run(conn);
        if (done) pending.push(done.catch((err: unknown) => fail(conn, err)));
      } catch (err) {
        fail(conn, err);
      }
    }
    // Never rejects: each connection's failure was handled above.
    return Promise.all(pending).then(() => undefined);
  }

  /**
   * Asks the database whether a session past its deadline lives on (another tab's activity). Until it answers, the
   * entry is marked expiring: its frames are refused (`sessionLive`), and it is not asked twice.
   */
  private expire(tokenHash: string, entry: SessionEntry): void {
    if (entry.expiring) return;
    entry.expiring = true;
    this.auth.expire(tokenHash).then(
      (extended) => {
        entry.expiring = false;
        if (extended !== null) {
          entry.deadline = extended;
          this.schedule();
        } else this.each(Array.from(entry.conns), (c) => c.revoke('sessionExpired')); // on expiry 'session-ended' revoked them already
      },
      (err: Error) => {
        // Could not ask (a storage fault): asked again in a second; as last known live, its frames pass meanwhile.
        entry.expiring = false;
        entry.deadline = this.now() + storageRetryMs;
        this.logger.error({ err: err.message }, 'could not check an expiring session; asking again');
        this.schedule();
      },
    );
  }

  private sweep = (): void => {
    this.timer = null;
    this.timerAt = Number.POSITIVE_INFINITY;
    const at = this.now();
    for (const [tokenHash, entry] of Array.from(this.bySession)) if (entry.deadline <= at) this.expire(tokenHash, entry);
    this.schedule();
  };

  private schedule(): void {
    let earliest = Number.POSITIVE_INFINITY;
    for (const entry of this.bySession.values()) earliest = Math.min(earliest, entry.deadline);
    if (earliest === Number.POSITIVE_INFINITY || earliest >= this.timerAt) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = earliest;
    this.timer = setTimeout(this.sweep, Math.min(maxTimerMs, Math.max(0, earliest - this.now())));
    this.timer.unref();
  }
}
