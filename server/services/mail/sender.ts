/**
 * Sends what the outbox holds: due emails are claimed, sent one by one, and marked sent or retried with backoff
 * (doubling from a minute, capped at an hour) until `mailLimits.maxAttempts`, then marked failed and shown to the
 * coordinator. A link email gets its token here, just before it goes: only the token's hash is ever stored.
 */
import { mailLimits } from '../../../shared/limits.js';
import type { OutboxRow } from '../../db/stores/outbox.js';
import type { AuditEntry } from '../../db/stores/room-records.js';
import type { Storage } from '../../db/stores/storage.js';
import type { Logger } from '../../logger.js';
import { hashToken, newToken } from '../tokens.js';
import { extractLinkPlaceholder } from './templates.js';
import { deliveryError, type MailTransport } from './transport.js';

export const retryDelayMs = (attempts: number): number => Math.min(mailLimits.retryFirstMs * 2 ** (attempts - 1), mailLimits.retryMaxMs);

/** Where a recipient opens an extract: the token travels in the fragment, which browsers never send to a server. */
export const extractLinkUrl = (baseUrl: string, token: string): string => `${baseUrl}/extract#${token}`;

export function createSender(deps: { storage: Storage; transport: MailTransport | null; baseUrl: () => string; logger: Logger; now: () => number }) {
  const { storage, transport, baseUrl, logger, now } = deps;
  const { outbox, circulation } = storage.stores;
  /** How an attempt went, recorded with its audit row in one transaction. */
  const record = (write: (s: Storage['stores']) => Promise<void>, entry: AuditEntry) =>
    storage.transaction(async (s) => {
      const at = now();
      await write(s);
      await s.audit.record(entry, at);
    });
  let chain: Promise<unknown> = Promise.resolve();
  let kicked = false;

  async function sendOne(row: OutboxRow): Promise<boolean> {
    const attempts = row.attempts + 1;
    try {
      let { text, html } = row;
      if (text.includes(extractLinkPlaceholder)) {
        const recipient = await circulation.findByOutboxId(row.id);
        if (!recipient) throw new Error('link email without its recipient');
        const token = newToken();
        await circulation.setToken(recipient.id, hashToken(token), now() + mailLimits.extractLinkTtlMs);
        const url = extractLinkUrl(baseUrl(), token);
        text = text.replaceAll(extractLinkPlaceholder, url);
        html = html.replaceAll(extractLinkPlaceholder, url);
      }
      const attachment = row.attachment && row.attachmentName && row.attachmentType ? { fileName: row.attachmentName, contentType: row.attachmentType, content: row.attachment } : null;
      await transport!.send({ to: row.toAddress, subject: row.subject, text, html, attachment });
      await record((s) => s.outbox.markSent(row.id, attempts, now()), { actorId: null, action: 'email.sent', targetType: 'email', targetId: row.id, detail: { kind: row.kind, attempts } });
      return true;
    } catch (err) {
      const error = deliveryError(err);
      const retryAt = attempts >= mailLimits.maxAttempts ? null : now() + retryDelayMs(attempts);
      await record((s) => s.outbox.markAttemptFailed(row.id, attempts, error, retryAt), {
        actorId: null,
        action: retryAt === null ? 'email.failed' : 'email.retrying',
        targetType: 'email',
        targetId: row.id,
        detail: { kind: row.kind, attempts },
      });
      // The reason may name the address: log only ids, counts and the SMTP code.
      logger.warn({ outboxId: row.id, attempts, code: (err as { responseCode?: number; code?: string }).responseCode ?? (err as { code?: string }).code ?? null, givenUp: retryAt === null }, 'email not delivered');
      return false;
    }
  }

  async function deliverOnce(): Promise<{ sent: number; failed: number }> {
    const result = { sent: 0, failed: 0 };
    if (!transport) return result;
    for (;;) {
      const batch = await outbox.claimDue(now(), 20);
      if (batch.length === 0) return result;
      for (const row of batch) (await sendOne(row)) ? result.sent++ : result.failed++;
    }
  }

  /** Sends every due email; calls queue behind each other, so one email is never sent by two of them. */
  const deliverDue = (): Promise<{ sent: number; failed: number }> => {
    const run = chain.then(deliverOnce);
    chain = run.catch((err: Error) => logger.error({ err: err.message }, 'outbox sender failed'));
    return run;
  };

  return {
    configured: transport !== null,
    deliverDue,
    /** Wakes the sender soon (after the current tick) once something is queued. */
    kick(): void {
      if (!transport || kicked) return;
      kicked = true;
      setImmediate(() => {
        kicked = false;
        void deliverDue().catch(() => undefined);
      });
    },
    /** Waits for sending in progress to finish (before closing the database). */
    idle: (): Promise<unknown> => chain,
  };
}
export type Sender = ReturnType<typeof createSender>;
