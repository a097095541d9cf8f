import { Router } from 'express';
import { inviteBody, minuteTakerBody } from '../../shared/api-schemas.js';
import { AppError, msg } from '../errors.js';
import { abilitiesOf, grantMay, type Policies } from '../policies/index.js';
import { presentMeeting } from '../presenters/meetings.js';
import type { InviteService } from '../services/invite-service.js';
import type { MinutesService } from '../services/minutes/minutes-service.js';
import type { Audit } from '../services/audit-service.js';
import type { Storage } from '../db/stores/storage.js';
import { actorOf, clientIp, parseWith } from './parse.js';

export function meetingsRoutes(deps: { policies: Policies; invites: InviteService; audit: Audit; minutes: MinutesService; storage: Storage; now: () => number }): Router {
  const { policies, invites } = deps;
  // The records lists, read outside any command.
  const records = deps.storage.stores.records;
  const router = Router();

  router.get('/meetings', async (_req, res) => {
    const actor = policies.requireActor(actorOf(res));
    // Only meetings the person may open: a governance member of the series holds a role there but opens none.
    const meetings = await records.listMeetings();
    const grants = await Promise.all(meetings.map((m) => policies.meetingGrant(actor, m.id)));
    const visible = meetings.filter((_m, i) => grantMay(grants[i], 'view'));
    res.json({ meetings: visible.map(presentMeeting) });
  });

  router.get('/meetings/:id', async (req, res) => {
    const { role, grant } = await policies.meetingAccess(actorOf(res), req.params.id, 'view');
    const meeting = await records.findMeeting(req.params.id);
    if (!meeting) throw new AppError('not_found', msg('errors:noSuchMeeting'));
    const participants = await records.meetingParticipants(meeting.id, meeting.seriesId, meeting.chairId);
    // Empty until the meeting's minutes are written (they number the decisions when it ends).
    const decisionNumbers = await deps.minutes.decisionNumbers(meeting.id);
    res.json({ meeting: { ...presentMeeting(meeting), role, abilities: abilitiesOf(grant), participants, minuteTakerId: meeting.minuteTakerId, decisionNumbers } });
  });

  // The minutes name the minute-taker: one command, checked and written with its audit row in one transaction.
  router.put('/meetings/:id/minute-taker', async (req, res) => {
    const actor = actorOf(res);
    await policies.meetingAccess(actor, req.params.id, 'chair');
    const { personId } = parseWith(minuteTakerBody, req.body);
    await deps.storage.transaction(async (s) => {
      const meeting = (await s.records.findMeeting(req.params.id))!;
      if (meeting.status === 'ended') throw new AppError('conflict', msg('errors:theMeetingHasEndedAmendThe'));
      if (personId && !(await s.records.meetingParticipants(meeting.id, meeting.seriesId, meeting.chairId)).some((p) => p.id === personId)) {
        throw new AppError('validation_failed', msg('errors:theMinuteTakerMustBeA'));
      }
      await s.records.setMinuteTaker(meeting.id, personId);
      const entry = { actorId: actor!.id, action: 'meeting.minute-taker.set', targetType: 'meeting', targetId: meeting.id, detail: { personId }, ip: clientIp(req) };
      await s.audit.record(entry, deps.now());
    });
    res.json({ minuteTakerId: personId });
  });

  router.post('/meetings/:id/invites', async (req, res) => {
    const actor = actorOf(res)!;
    await policies.authoriseMeeting(actor, req.params.id, 'invite');
    const { role } = parseWith(inviteBody, req.body);
    const invite = await invites.create(actor, req.params.id, role, clientIp(req));
    res.status(201).json({ invite: { path: `/invite/${invite.token}`, role, expiresAt: new Date(invite.expiresAt).toISOString() } });
  });

  router.get('/meetings/:id/invites', async (req, res) => {
    await policies.authoriseMeeting(actorOf(res), req.params.id, 'invite');
    // No token or link: only its hash is stored, so a lost link cannot be shown again (withdraw it and make another).
    const open = (await invites.listOpen(req.params.id)).map((i) => ({
      id: i.id,
      role: i.role,
      createdBy: i.createdByName,
      createdAt: new Date(i.createdAt).toISOString(),
      expiresAt: new Date(i.expiresAt).toISOString(),
    }));
    res.json({ invites: open });
  });

  router.delete('/meetings/:id/invites/:inviteId', async (req, res) => {
    const actor = actorOf(res)!;
    await policies.authoriseMeeting(actor, req.params.id, 'invite');
    await invites.withdraw(actor, req.params.id, req.params.inviteId, clientIp(req));
    res.status(204).end();
  });

  router.post('/invites/:token/accept', async (req, res) => {
    const actor = policies.requireActor(actorOf(res));
    const { meetingId } = await invites.redeem(actor, req.params.token, clientIp(req));
    res.json({ meetingId });
  });
  return router;
}
