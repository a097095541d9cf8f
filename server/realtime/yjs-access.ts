import type { IncomingMessage } from 'node:http';
import { AppError } from '../errors.js';
import { checkOrigin } from '../http/origin.js';
import { grantMay } from '../policies/index.js';
import type { Context } from '../context.js';
import type { YjsDocAddress } from '../../shared/protocol.js';
import type { YjsAccess } from './yjs-host.js';
import type { DocRulesContext } from './doc-rules.js';

/**
 * The Yjs door: a browser's cross-site page may not open a meeting socket with the user's cookie, so a present
 * Origin must name this server (`checkOrigin`, the same check as REST writes and Socket.IO). Then the session, then
 * the policy: the shared document needs 'view' (observers and ended meetings connect read-only), the restricted one
 * 'restrictedNotes' (chairs; read-only once the meeting ends).
 * A refused upgrade throws before the audit row, so only real joins are recorded.
 */
export function authoriseYjsUpgrade(ctx: Context, req: IncomingMessage, { meetingId, doc }: YjsDocAddress): YjsAccess {
  const origin = checkOrigin(req.headers);
  if (!origin.ok) throw new AppError('forbidden', origin.message);
  const actor = ctx.auth.authenticate(req.headers.cookie);
  const { role, grant, status } = ctx.policies.meetingAccess(actor, meetingId, doc === 'restricted' ? 'restrictedNotes' : 'view');
  ctx.audit.recordSoon({ actorId: actor!.id, action: 'meeting.join', targetType: 'meeting', targetId: meetingId, detail: { via: 'yjs', doc, role }, ip: req.socket.remoteAddress ?? null });
  return {
    readOnly: !grantMay(grant, 'edit') || status === 'ended' || status === 'cancelled',
    writer: { personId: actor!.id, name: actor!.name, agencyId: actor!.agencyId, agencyName: actor!.agencyName, role },
  };
}

/**
 * What a meeting document's rules ask the records: the meeting's status (the room service writes it) and who takes
 * part. Both are read when a change needs them (agenda structure, decisions, an owner), never per keystroke.
 */
export function meetingDocRules(ctx: Context, meetingId: string): DocRulesContext {
  return {
    meetingStatus: () => ctx.records.findMeeting(meetingId)?.status ?? 'ended',
    participant: (personId) => {
      const meeting = ctx.records.findMeeting(meetingId);
      if (!meeting) return null;
      return ctx.records.meetingParticipants(meetingId, meeting.seriesId, meeting.chairId).find((p) => p.id === personId) ?? null;
    },
  };
}
