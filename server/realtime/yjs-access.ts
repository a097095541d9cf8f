import type { IncomingMessage } from 'node:http';
import { AppError } from '../errors.js';
import { checkOrigin } from '../http/origin.js';
import { grantMay } from '../policies/index.js';
import type { Context } from '../context.js';
import type { YjsDocAddress } from '../../shared/protocol.js';
import type { YjsAccess } from './yjs-host.js';

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
  return { readOnly: !grantMay(grant, 'edit') || status === 'ended' || status === 'cancelled' };
}
