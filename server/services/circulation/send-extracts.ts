/**
 * The coordinator (or chair) sends a version of the minutes: each chosen person gets their own agency's extract,
 * as a link (the default: no case content in the mailbox) or attached as Word or PDF. One transaction queues every
 * email in the outbox with its recipient row and writes the audit row; the sender delivers them after the commit.
 */
import type { CirculateBody } from '../../../shared/circulation.js';
import { newId } from '../../../shared/ids.js';
import { msg } from '../../../shared/i18n/message.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../policies/index.js';
import { extractForAgency, renderMinutes } from '../../presenters/minutes/index.js';
import { extractAttachedEmail, extractLinkEmail } from '../mail/templates.js';
import { personLanguage } from '../../i18n.js';
import type { CirculationDeps } from './deps.js';
import { circulationPlan } from './plan.js';

export function sendExtracts(deps: CirculationDeps) {
  const { storage, policies, minutes, sender, now } = deps;
  return async (actor: Actor | null, meetingId: string, body: CirculateBody, ip: string | null) => {
    const { seriesId } = await policies.meetingAccess(actor, meetingId, 'circulateMinutes');
    if (!sender.configured) throw new AppError('conflict', msg('minutes:circulation.errors.notConfigured'));
    const view = await minutes.view(meetingId, body.version);
    const readers = await storage.stores.circulation.readersOf(seriesId);
    const plan = circulationPlan(view, readers);
    const byPerson = new Map(plan.flatMap((a) => a.people.map((p) => [p.id, a.agency] as const)));
    const unknown = body.personIds.find((id) => !byPerson.has(id));
    if (unknown) throw new AppError('validation_failed', `personIds: ${msg('minutes:circulation.errors.notRecipient', { person: unknown })}`);

    // Render each agency's attachment once, before the transaction (rendering is slow and touches no rows).
    const attachments = new Map<string, { fileName: string; contentType: string; body: Buffer }>();
    if (body.delivery !== 'link') {
      for (const agency of new Set(body.personIds.map((id) => byPerson.get(id)!))) {
        const file = await renderMinutes(extractForAgency(view, agency), body.delivery);
        attachments.set(agency, { fileName: file.fileName, contentType: file.contentType, body: Buffer.from(file.body) });
      }
    }

    const people = new Map(readers.map((r) => [r.id, r]));
    const result = await storage.transaction(async (s) => {
      const at = now();
      const ids: string[] = [];
      for (const personId of body.personIds) {
        const person = people.get(personId)!;
        const agency = byPerson.get(personId)!;
        const facts = { lang: personLanguage(person), seriesName: view.meeting.seriesName, heldAt: view.meeting.heldAt, recipientName: person.name, agencyName: agency, version: view.version.number };
        const email = body.delivery === 'link' ? extractLinkEmail(facts) : extractAttachedEmail({ ...facts, format: body.delivery });
        const file = attachments.get(agency);
        const outboxId = newId();
        await s.outbox.enqueue({
          id: outboxId,
          kind: 'circulation',
          toPersonId: personId,
          toAddress: person.email,
          ...email,
          attachmentName: file?.fileName ?? null,
          attachmentType: file?.contentType ?? null,
          attachment: file?.body ?? null,
          meetingId,
          seriesId,
          nextAttemptAt: at,
          createdAt: at,
        });
        const id = newId();
        await s.circulation.insertRecipient({ id, meetingId, version: view.version.number, agencyName: agency, personId, delivery: body.delivery, outboxId, sentBy: actor!.id, createdAt: at });
        ids.push(id);
      }
      await s.audit.record(
        {
          actorId: actor!.id,
          action: 'minutes.circulate',
          targetType: 'meeting',
          targetId: meetingId,
          detail: { version: view.version.number, delivery: body.delivery, recipients: ids.length, agencies: new Set(body.personIds.map((p) => byPerson.get(p))).size },
          ip,
        },
        at,
      );
      return { version: view.version.number, recipients: ids };
    });
    sender.kick();
    return result;
  };
}
