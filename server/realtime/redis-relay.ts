/**
 * The update relay over Redis Streams (docs/scale-out.md, "The write path with several processes"): each process
 * XADDs the Yjs updates it has committed to ONE stream per install (`triage:yjs`), and reads that stream from its last
 * id with a blocking XREAD on a connection of its own, handing the other processes' entries to the host.
 *
 * Why one stream for every document rather than one per document: a blocking read names its streams up front, so a
 * stream per document would need the read interrupted each time a room loads or unloads, and a process would still
 * hold one read per hundred rooms. One stream is one read and one id to remember; a process skips entries for rooms it
 * has not loaded after reading a few bytes. Every process therefore receives every committed update: at a region's
 * scale (hundreds of meetings, a few processes) that is a small fraction of what it already sends its own clients.
 * Sharding the stream by meeting is the step after (as the Socket.IO adapter's `streamCount` does).
 *
 * Redis only relays; storage is the record. So this class never throws into the write path and never waits on Redis:
 * - `publish` queues the entry and returns; a drain loop XADDs in order, and on an error keeps the queue and retries
 *   with backoff (100 ms doubling to 2 s). The queue is bounded; what falls off it is seen by the readers as a gap.
 * - Each entry carries the publishing process's id and a counter that rises by one per batch. A reader that sees a
 *   publisher's counter jump (entries trimmed before it read them, Redis restarted empty, a publisher's queue
 *   overflowed), or whose own read failed and resumed, calls `onMissed`: the host then catches its loaded documents
 *   up from storage. Entries repeated by a retried XADD (counter not above the last seen) are dropped.
 * - A process ignores its own entries.
 */
import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { meetingDocKinds, type MeetingDocKind } from '../../shared/protocol.js';
import type { Logger } from '../logger.js';
import { warnThrottled } from '../log-throttle.js';
import type { RelayedUpdates, UpdateRelay } from './update-relay.js';

export interface RedisRelayOptions {
  url: string;
  logger: Logger;
  /** The stream's key; processes of one install share it. */
  stream?: string;
  /** Approximate length the stream is trimmed to (XADD MAXLEN ~): how far behind a reader may fall before a gap. */
  maxLen?: number;
  /** Batches kept while Redis is unreachable; beyond this the oldest are dropped (readers catch up from storage). */
  maxQueued?: number;
  /** How long one XREAD blocks (the loop checks for stop in between). */
  blockMs?: number;
}

/**
 * What the relay went through, for logs and tests: 'reader-failed' / 'reader-resumed', 'publish-failed' /
 * 'publish-resumed', 'missed', and 'drained' (every queued batch acknowledged by Redis).
 */
export type RelayEvent = 'reader-failed' | 'reader-resumed' | 'publish-failed' | 'publish-resumed' | 'missed' | 'drained';

interface Queued {
  n: number;
  fields: (string | Buffer)[];
}

const minBackoffMs = 100;
const maxBackoffMs = 2000;
const publishChunk = 200;

/** Connection settings for every client here: commands fail at once while disconnected (the loops retry), no resends. */
export function redisClientOptions(extra: Partial<RedisOptions> = {}): RedisOptions {
  return {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    retryStrategy: (times) => Math.min(minBackoffMs * 2 ** Math.min(times, 5), maxBackoffMs),
    ...extra,
  };
}

function encodeUpdates(updates: readonly Uint8Array[]): Buffer {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, updates.length);
  for (const u of updates) encoding.writeVarUint8Array(e, u);
  return Buffer.from(encoding.toUint8Array(e));
}

function decodeUpdates(bytes: Buffer): Uint8Array[] {
  const d = decoding.createDecoder(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const count = decoding.readVarUint(d);
  const out: Uint8Array[] = [];
  for (let i = 0; i < count; i++) out.push(decoding.readVarUint8Array(d));
  return out;
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

export class RedisRelay implements UpdateRelay {
  /** Tests and logs follow the relay's health through these (see RelayEvent). */
  readonly events = new EventEmitter();
  readonly processId = randomBytes(8).toString('hex');
  private readonly writer: Redis;
  private readonly reader: Redis;
  private readonly stream: string;
  private readonly maxLen: number;
  private readonly maxQueued: number;
  private readonly blockMs: number;
  private readonly logger: Logger;
  private queue: Queued[] = [];
  private counter = 0;
  private draining: Promise<void> | null = null;
  private publishFailing = false;
  private readLoop: Promise<void> | null = null;
  private stopped = false;
  /** The last counter seen from each other process. */
  private readonly lastFrom = new Map<string, number>();

  constructor(options: RedisRelayOptions) {
    this.logger = options.logger;
    this.stream = options.stream ?? 'triage:yjs';
    this.maxLen = options.maxLen ?? 10_000;
    this.maxQueued = options.maxQueued ?? 10_000;
    this.blockMs = options.blockMs ?? 5000;
    this.writer = new Redis(options.url, redisClientOptions({ connectionName: `triage-relay-w-${this.processId}` }));
    this.reader = new Redis(options.url, redisClientOptions({ connectionName: `triage-relay-r-${this.processId}` }));
    // ioredis reports connection errors as events; without a listener it prints them. The loops log what matters.
    for (const client of [this.writer, this.reader]) client.on('error', () => undefined);
    this.events.on('error', () => undefined);
  }

  publish(batch: RelayedUpdates): void {
    if (this.stopped) return;
    try {
      const fields = ['p', this.processId, 'n', String(++this.counter), 'm', batch.meetingId, 'd', batch.doc, 's', String(batch.lastSeq), 'u', encodeUpdates(batch.updates)];
      this.queue.push({ n: this.counter, fields });
      if (this.queue.length > this.maxQueued) {
        // Dropped here means a jump in our counter for every reader: they catch up from storage.
        this.queue.splice(0, this.queue.length - this.maxQueued);
        warnThrottled(this.logger, 'update relay queue full; oldest batches dropped (other processes catch up from storage)', { maxQueued: this.maxQueued });
      }
      this.kick();
    } catch (err) {
      // Never into the write path: the update is stored, others will catch up from storage.
      this.logger.error({ err: (err as Error).message, meetingId: batch.meetingId }, 'update relay could not queue a batch');
    }
  }

  async start(onRemote: (batch: RelayedUpdates) => void, onMissed: () => void = () => undefined): Promise<void> {
    await Promise.all([this.writer.connect().catch(() => undefined), this.reader.connect().catch(() => undefined)]);
    let lastId = '$';
    try {
      // A concrete id, so a read retried after an error resumes from here rather than from "whatever is new then".
      const newest = (await this.reader.xrevrange(this.stream, '+', '-', 'COUNT', 1))[0];
      lastId = newest ? newest[0] : '0-0';
    } catch (err) {
      // Unreachable at start: serve anyway (storage is the record); the first successful read counts as a resume.
      this.logger.warn({ err: (err as Error).message }, 'Redis unreachable at start; relaying begins when it answers');
    }
    this.readLoop = this.read(lastId, onRemote, onMissed);
  }

  private async read(startId: string, onRemote: (batch: RelayedUpdates) => void, onMissed: () => void): Promise<void> {
    let lastId = startId;
    let failing = startId === '$';
    let backoff = minBackoffMs;
    while (!this.stopped) {
      let reply: [Buffer, [Buffer, Buffer[]][]][] | null;
      try {
        if (lastId === '$') {
          const newest = (await this.reader.xrevrange(this.stream, '+', '-', 'COUNT', 1))[0];
          lastId = newest ? newest[0] : '0-0';
        }
        reply = (await this.reader.xreadBuffer('COUNT', 500, 'BLOCK', this.blockMs, 'STREAMS', this.stream, lastId)) as typeof reply;
      } catch (err) {
        if (this.stopped) break;
        if (!failing) {
          failing = true;
          this.logger.warn({ err: (err as Error).message }, 'update relay cannot read from Redis; retrying');
          this.events.emit('reader-failed');
        }
        await delay(backoff);
        backoff = Math.min(backoff * 2, maxBackoffMs);
        continue;
      }
      backoff = minBackoffMs;
      if (failing) {
        failing = false;
        this.logger.info('update relay reading from Redis again; catching up from storage');
        this.events.emit('reader-resumed');
        this.missed(onMissed);
      }
      for (const [, entries] of reply ?? []) {
        for (const [id, flat] of entries) {
          lastId = id.toString();
          this.deliver(flat, onRemote, onMissed);
        }
      }
    }
  }

  private deliver(flat: Buffer[], onRemote: (batch: RelayedUpdates) => void, onMissed: () => void): void {
    try {
      const f = new Map<string, Buffer>();
      for (let i = 0; i + 1 < flat.length; i += 2) f.set(flat[i].toString(), flat[i + 1]);
      const from = f.get('p')?.toString();
      if (!from || from === this.processId) return;
      const n = Number(f.get('n')?.toString());
      const seen = this.lastFrom.get(from);
      if (seen !== undefined && n <= seen) return; // a retried XADD repeated it
      this.lastFrom.set(from, n);
      if (seen !== undefined && n > seen + 1) this.missed(onMissed);
      const doc = f.get('d')?.toString() as MeetingDocKind;
      const meetingId = f.get('m')?.toString();
      const lastSeq = Number(f.get('s')?.toString());
      const u = f.get('u');
      if (!meetingId || !meetingDocKinds.includes(doc) || !Number.isSafeInteger(lastSeq) || !u) throw new Error('malformed entry');
      onRemote({ meetingId, doc, lastSeq, updates: decodeUpdates(u) });
    } catch (err) {
      warnThrottled(this.logger, 'update relay entry not applied', { err: (err as Error).message });
    }
  }

  private missed(onMissed: () => void): void {
    this.events.emit('missed');
    try {
      onMissed();
    } catch (err) {
      this.logger.error({ err: (err as Error).message }, 'catching up after a relay gap failed');
    }
  }

  /** Starts the drain loop unless it runs; it restarts itself if a batch came in as it was finishing. */
  private kick(): void {
    this.draining ??= this.drain().finally(() => {
      this.draining = null;
      if (this.queue.length > 0 && !this.stopped) this.kick();
    });
  }

  /** XADDs the queue in order, a chunk per round trip; on failure keeps it and retries with backoff. */
  private async drain(): Promise<void> {
    let backoff = minBackoffMs;
    while (this.queue.length > 0 && !this.stopped) {
      const chunk = this.queue.slice(0, publishChunk);
      try {
        const pipeline = this.writer.pipeline();
        for (const entry of chunk) pipeline.xadd(this.stream, 'MAXLEN', '~', this.maxLen, '*', ...entry.fields);
        const results = (await pipeline.exec()) ?? [];
        const failed = results.find(([err]) => err);
        if (failed || results.length !== chunk.length) throw failed?.[0] ?? new Error('pipeline incomplete');
      } catch (err) {
        if (!this.publishFailing) {
          this.publishFailing = true;
          this.logger.warn({ err: (err as Error).message }, 'update relay cannot publish to Redis; keeping batches and retrying');
          this.events.emit('publish-failed');
        }
        await delay(backoff);
        backoff = Math.min(backoff * 2, maxBackoffMs);
        continue;
      }
      backoff = minBackoffMs;
      // The queue may have been cut by an overflow meanwhile: drop what was sent by counter, not by position.
      const sentUpTo = chunk[chunk.length - 1].n;
      this.queue = this.queue.filter((q) => q.n > sentUpTo);
      if (this.publishFailing) {
        this.publishFailing = false;
        this.logger.info('update relay publishing to Redis again');
        this.events.emit('publish-resumed');
      }
    }
    if (this.queue.length === 0) this.events.emit('drained');
  }

  /** Batches waiting for Redis (tests, health). */
  get queuedCount(): number {
    return this.queue.length;
  }

  /** Stops reading, gives the queue one last chance to go out, and closes both connections. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    if (this.queue.length > 0 && !this.publishFailing) await Promise.race([this.draining, delay(1000)]);
    this.stopped = true;
    this.reader.disconnect();
    await this.readLoop?.catch(() => undefined);
    this.writer.disconnect();
  }
}
