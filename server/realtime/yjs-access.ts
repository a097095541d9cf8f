import type { IncomingMessage } from 'node:http';
import { AppError, storageFaultOf, toAppError } from '../errors.js';
import { checkOrigin } from '../http/origin.js';
import { grantMay, type Actor } from '../policies/index.js';
import type { Context } from '../context.js';
import { closeCodes, type RevocationCause, type YjsDocAddress } from '../../shared/protocol.js';
import type { TrackedYjsConnection, YjsAccess, YjsTracking } from './yjs-host.js';
import type { LiveConnection, LiveConnections } from './live-connections.js';
import type { LiveSession } from '../services/auth-service.js';
import type { DocRulesContext, Participant } from './doc-rules.js';
import type { MeetingStatus } from '../../shared/domain.js';
import { limits } from '../../shared/limits.js';
import { coalesced, Limiter } from './bounded.js';

/**
 * The Yjs door: a browser's cross-site page may not open a meeting socket with the user's cookie, so a present
 * Origin must name this server (`checkOrigin`, the same check as REST writes and Socket.IO). Then the session, then
 * the policy: the shared document needs 'view' (observers and ended meetings connect read-only), the restricted one
 * 'restrictedNotes' (the meeting's chair; read-only once the meeting ends).
 * A refused upgrade throws before the audit row, so only real joins are recorded.
 */
export async function authoriseYjsUpgrade(ctx: Context, req: IncomingMessage, address: YjsDocAddress): Promise<YjsAccess> {
  const origin = checkOrigin(req.headers);
  if (!origin.ok) throw new AppError('forbidden', origin.message);
  const session = await ctx.auth.session(req.headers.cookie);
  const { readOnly, role } = await yjsAccessFor(ctx, session?.actor ?? null, address);
  const { meetingId, doc } = address;
  // The document's rules read these facts synchronously: current before this writer's first frame.
  await refreshDocRules(ctx, meetingId);
  ctx.audit.recordSoon({ actorId: session!.actor.id, action: 'meeting.join', targetType: 'meeting', targetId: meetingId, detail: { via: 'yjs', doc, role }, ip: req.socket.remoteAddress ?? null });
  const actor = session!.actor;
  // Who writes on this connection, from the records: the document's rules and the presence name use it.
  return { readOnly, session: session!, writer: { personId: actor.id, name: actor.name, agencyId: actor.agencyId, agencyName: actor.agencyName, role } };
}

/**
 * What a meeting document's rules ask the records: the meeting's status (the room service writes it) and who takes
 * part. The rules check each transaction synchronously, while the records are read asynchronously (PostgreSQL too),
 * so the rules read facts kept here per meeting: loaded before every Yjs upgrade is let in (so a writer's first
 * frame meets facts at least as new as their own access), loaded again when access changes ('person-changed'), when
 * the meeting goes live (`meetingWentLive`), and in the background once they are a second old.
 */
interface RulesFacts {
  status: MeetingStatus;
  participants: Map<string, Participant>;
  /** When they were last read (0: never). */
  at: number;
  /** Loads run one after another, so a later one always ends with the newer facts. */
  chain: Promise<void>;
  /** The load queued behind the one running, not started yet: a request made meanwhile shares it (a join storm). */
  queued: Promise<void> | null;
}
const staleAfterMs = 1000;
const factsByContext = new WeakMap<Context, Map<string, RulesFacts>>();

function factsOf(ctx: Context, meetingId: string): RulesFacts {
  let all = factsByContext.get(ctx);
  if (!all) {
    const created = new Map<string, RulesFacts>();
    factsByContext.set(ctx, created);
    // A membership or chair change may change who takes part in any meeting.
    // The command answers once these are read again (`changed` waits for its listeners). A few meetings at a time
    // (the reads share the database pool with saving), and overlapping requests merged into one more pass.
    const bulk = new Limiter(limits.accessRecheckConcurrency);
    const refreshAll = coalesced(async () => {
      await Promise.all(Array.from(created.keys(), (id) => bulk.run(() => refreshDocRules(ctx, id))));
    });
    ctx.access.listen(async (change) => {
      if (change.type === 'person-changed' || change.type === 'any-changed') await refreshAll();
    });
    all = created;
  }
  let facts = all.get(meetingId);
  // Until first read, the most restrictive answer (no client writes before its upgrade has read them anyway).
  if (!facts) all.set(meetingId, (facts = { status: 'ended', participants: new Map(), at: 0, chain: Promise.resolve(), queued: null }));
  return facts;
}

/**
 * Reads a meeting's status and participants again; resolves once the facts are current (never rejects). A load not
 * started yet reads what is current when it starts, so a request made before then shares it: 3,000 upgrades to 100
 * meetings at once read each meeting a few times, not 3,000 times.
 */
export function refreshDocRules(ctx: Context, meetingId: string): Promise<void> {
  const facts = factsOf(ctx, meetingId);
  if (facts.queued) return facts.queued;
  const records = ctx.storage.stores.records;
  facts.chain = facts.queued = facts.chain.then(async () => {
    facts.queued = null;
    try {
      const at = ctx.now();
      const meeting = await records.findMeeting(meetingId);
      const participants = meeting ? await records.meetingParticipants(meetingId, meeting.seriesId, meeting.chairId) : [];
      facts.status = meeting?.status ?? 'ended';
      facts.participants = new Map(participants.map((p) => [p.id, p]));
      facts.at = at;
    } catch (err) {
      // A storage fault: the facts stay as they were, and the next use asks again.
      ctx.logger.warn({ meetingId, err: (err as Error).message }, 'could not read the meeting for its document rules');
    }
  });
  return facts.chain;
}

/** The room service opened the meeting: its documents' rules apply the live meeting's rules from now on. */
export function meetingWentLive(ctx: Context, meetingId: string): void {
  factsOf(ctx, meetingId).status = 'live';
  void refreshDocRules(ctx, meetingId);
}

export function meetingDocRules(ctx: Context, meetingId: string): DocRulesContext {
  const facts = factsOf(ctx, meetingId);
  const freshen = (olderThanMs: number) => {
    if (ctx.now() - facts.at > olderThanMs) void refreshDocRules(ctx, meetingId);
  };
  freshen(0);
  return {
    meetingStatus: () => {
      freshen(staleAfterMs);
      return facts.status;
    },
    participant: (personId) => {
      const found = facts.participants.get(personId);
      // Someone not (yet) known here may have just joined: the facts are read again for the next change.
      freshen(found ? staleAfterMs : 100);
      return found ?? null;
    },
  };
}

/** What the policy allows this person with this document now; throws AppError if they may not open it at all. */
async function yjsAccessFor(ctx: Context, actor: Actor | null, { meetingId, doc }: YjsDocAddress) {
  const { role, grant, status } = await ctx.policies.meetingAccess(actor, meetingId, doc === 'restricted' ? 'restrictedNotes' : 'view');
  return { role, status, readOnly: !grantMay(grant, 'edit') || status === 'ended' || status === 'cancelled' };
}

/** A refusal from the policy, as the reason a live connection ends. */
export function revocationCauseOf(err: unknown): RevocationCause {
  const code = toAppError(err).code;
  return code === 'unauthorised' ? 'sessionExpired' : code === 'forbidden' ? 'roleChanged' : 'accessRemoved';
}

/**
 * Puts an accepted Yjs connection under the live connections registry: when the person's access changes the policy
 * is asked again — no longer allowed: closed with the code and message of the cause; no longer allowed to write:
 * made read-only with the reason. Edits count as activity for the session's idle limit (checked at most every
 * `touchEveryMs`, so a busy editor costs no query per keystroke).
 */
export function trackYjsConnection(ctx: Context, live: LiveConnections, conn: TrackedYjsConnection): YjsTracking {
  const session = conn.access.session;
  return session ? new TrackedYjsSession(ctx, live, conn, session) : untracked;
}

/** A connection opened without a session (none in this server's routes today): nothing to track. */
const untracked: YjsTracking = { frameAllowed: () => true, edited: () => undefined, untrack: () => undefined };

/**
 * One tracked connection, both as the registry sees it (`LiveConnection`) and as the host asks it (`YjsTracking`):
 * one object per connection with its methods on the prototype (closures per connection were megabytes at 3,000).
 */
class TrackedYjsSession implements LiveConnection, YjsTracking {
  readonly personId: string;
  readonly tokenHash: string;
  readonly untrack: () => void;
  private lastSeen: number;

  constructor(
    private readonly ctx: Context,
    private readonly live: LiveConnections,
    private readonly conn: TrackedYjsConnection,
    session: LiveSession,
  ) {
    this.personId = session.actor.id;
    this.tokenHash = session.tokenHash;
    this.lastSeen = ctx.now();
    this.untrack = live.add(this, session);
  }

  async recheck(fresh: LiveSession): Promise<void> {
    const { conn } = this;
    let now: Awaited<ReturnType<typeof yjsAccessFor>>;
    try {
      now = await yjsAccessFor(this.ctx, fresh.actor, conn.address);
    } catch (err) {
      // Storage could not answer: not a refusal. The registry asks again, and closes to reconnect if it stays so.
      if (storageFaultOf(err)) throw err;
      return this.revoke(revocationCauseOf(err));
    }
    // Read-only because the meeting ended (heard here first through a re-check after a relay gap): say so.
    if (now.readOnly && !conn.readOnly) conn.makeReadOnly(now.status === 'ended' ? 'ended' : 'roleChanged');
    // The document's rules and the presence name follow the record as it is now (a chair made a member).
    const a = fresh.actor;
    conn.setWriter({ personId: a.id, name: a.name, agencyId: a.agencyId, agencyName: a.agencyName, role: now.role });
  }

  /** The close reason is the cause's code: the screen words it from the close code (`room:revoked.<cause>`). */
  revoke(cause: RevocationCause): void {
    this.conn.close(closeCodes[cause], cause);
  }

  /** A retry code (45xx): the client reconnects, and the upgrade asks the policy afresh. */
  closeToRetry(): void {
    this.conn.close(closeCodes.serverShuttingDown, 'unavailable');
  }

  frameAllowed(): boolean {
    return this.live.sessionLive(this.tokenHash);
  }

  edited(): void {
    const { ctx } = this;
    if (ctx.now() - this.lastSeen < ctx.auth.touchEveryMs) return;
    this.lastSeen = ctx.now();
    ctx.auth.sessionByHash(this.tokenHash, true).then(
      (fresh) => (fresh ? this.live.seen(fresh) : this.revoke('sessionExpired')),
      // A storage fault: the activity is counted next time (well inside the idle limit).
      (err: Error) => ctx.logger.warn({ meetingId: this.conn.address.meetingId, err: err.message }, 'could not count document activity'),
    );
  }
}
