/**
 * Presence (Yjs awareness: who is in a document, their caret) between processes, through Redis pub/sub (channel
 * `triage:presence`). Presence is ephemeral and every client renews its own every 15 s, so a message lost while Redis
 * is away costs at most one renewal: pub/sub, not a stream, and nothing stored. What is relayed was already rebuilt by
 * the sending process (presence.ts: the server's identity in it, the client's claims checked), so a receiving process
 * applies it as it is. A process that dies takes its clients' presence with it: the others drop it when it is not
 * renewed (y-protocols' 30 s timeout).
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { meetingDocKinds, type MeetingDocKind } from '../../shared/protocol.js';
import type { Logger } from '../logger.js';
import { warnThrottled } from '../log-throttle.js';

export interface PresenceRelay {
  /** Relays the local changes of one loaded document's presence from now on (until it is destroyed). */
  follow(meetingId: string, doc: MeetingDocKind, awareness: awarenessProtocol.Awareness): void;
  /** Applies the other processes' presence changes to the documents `find` returns (loaded here), from now on. */
  start(find: (meetingId: string, doc: MeetingDocKind) => awarenessProtocol.Awareness | undefined): void;
}

/** The origin of changes heard from another process: never relayed back. */
const fromElsewhere = Symbol('another process');
const channel = 'triage:presence';

export const localPresenceOnly: PresenceRelay = { follow: () => undefined, start: () => undefined };

export function redisPresenceRelay(publisher: Redis, subscriber: Redis, logger: Logger): PresenceRelay {
  const processId = randomBytes(8).toString('hex');
  return {
    follow(meetingId, doc, awareness) {
      awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
        if (origin === fromElsewhere) return;
        const changed = added.concat(updated, removed);
        const e = encoding.createEncoder();
        encoding.writeVarString(e, processId);
        encoding.writeVarString(e, meetingId);
        encoding.writeVarString(e, doc);
        encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, changed));
        // Fire and forget: while Redis is away the message is dropped (the next renewal carries the state again).
        publisher.publish(channel, Buffer.from(encoding.toUint8Array(e))).catch((err: Error) => warnThrottled(logger, 'presence not relayed', { err: err.message }));
      });
    },
    start(find) {
      subscriber.on('messageBuffer', (_channel: Buffer, message: Buffer) => {
        try {
          const d = decoding.createDecoder(new Uint8Array(message.buffer, message.byteOffset, message.byteLength));
          if (decoding.readVarString(d) === processId) return;
          const meetingId = decoding.readVarString(d);
          const doc = decoding.readVarString(d) as MeetingDocKind;
          const update = decoding.readVarUint8Array(d);
          if (!meetingDocKinds.includes(doc)) return;
          const awareness = find(meetingId, doc);
          if (awareness) awarenessProtocol.applyAwarenessUpdate(awareness, update, fromElsewhere);
        } catch (err) {
          warnThrottled(logger, 'relayed presence not applied', { err: (err as Error).message });
        }
      });
      // ioredis subscribes again by itself after a reconnect.
      subscriber.subscribe(channel).catch((err: Error) => logger.warn({ err: err.message }, 'presence relay not subscribed yet; retried on reconnect'));
    },
  };
}
