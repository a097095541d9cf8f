/**
 * A recipient follows the link in their email: after sign-in, the extract opens for them only. Each open (reading
 * it on screen or downloading it) is audited, and the first one is recorded on the recipient row, in one
 * transaction. A refused open is audited too, without the token.
 */
import type { MinutesView } from '../../../shared/minutes.js';
import { roleMay, type Actor } from '../../policies/index.js';
import { authoriseExtractLink } from '../../policies/extract-link.js';
import { extractForAgency } from '../../presenters/minutes/index.js';
import { hashToken } from '../tokens.js';
import type { CirculationDeps } from './deps.js';

export function openExtract(deps: CirculationDeps) {
  const { storage, minutes, now } = deps;
  return async (actor: Actor | null, token: string, how: 'screen' | 'docx' | 'pdf', ip: string | null): Promise<{ view: MinutesView; meetingId: string; expiresAt: string }> => {
    const link = await storage.stores.circulation.linkByTokenHash(hashToken(token));
    try {
      // Asked for the link's recipient only (the actor, checked first): their role in the series, read with the link.
      authoriseExtractLink(actor, link, now(), (personId) => link?.personId === personId && roleMay(link.recipientRole, 'viewMinutes'));
    } catch (err) {
      if (actor) await storage.stores.audit.record({ actorId: actor.id, action: 'extract.open.refused', targetType: link ? 'circulation' : null, targetId: link?.id ?? null, ip }, now());
      throw err;
    }
    const view = extractForAgency(await minutes.view(link!.meetingId, link!.version), link!.agencyName);
    await storage.transaction(async (s) => {
      const at = now();
      await s.circulation.recordOpen(link!.id, at);
      await s.audit.record({ actorId: actor!.id, action: 'extract.open', targetType: 'circulation', targetId: link!.id, detail: { meetingId: link!.meetingId, version: link!.version, how }, ip }, at);
    });
    return { view, meetingId: link!.meetingId, expiresAt: new Date(link!.expiresAt!).toISOString() };
  };
}
