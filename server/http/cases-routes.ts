/** Referrals, the case register, case history, research and the published agenda. Parse → call → present. */
import { Router } from 'express';
import { z } from 'zod';
import {
  acceptReferralBody,
  closeCaseBody,
  declineReferralBody,
  matchReferralBody,
  provideInfoBody,
  referralBody,
  referralsQuery,
  requestInfoBody,
  researchBody,
} from '../../shared/api-schemas.js';
import type { Context } from '../context.js';
import { AppError, msg } from '../errors.js';
import { renderAgenda, isAgendaFormat } from '../presenters/agenda/index.js';
import { actorOf, clientIp, parseWith } from './parse.js';

const researchQuery = z.object({ meetingId: z.string().trim().min(1).max(64) });

/** ASCII-only fallback plus the RFC 5987 form. */
const attachment = (fileName: string) =>
  `attachment; filename="${fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;

/** What the routes tell the realtime side after a change (the app wires it to Socket.IO). */
export interface CasesNotify {
  agendaPublished(meetingId: string): void;
}

export function casesRoutes(ctx: Context, notify: CasesNotify = { agendaPublished: () => undefined }): Router {
  const { cases, audit } = ctx;
  const router = Router();

  router.post('/series/:id/referrals', (req, res) => {
    const actor = actorOf(res);
    ctx.policies.authoriseSeries(actor, req.params.id, 'refer');
    const result = cases.referCase(actor, req.params.id, parseWith(referralBody, req.body), clientIp(req));
    res.status(201).json(result);
  });

  router.get('/series/:id/referrals', (req, res) => {
    res.json(cases.referrals(actorOf(res), req.params.id, parseWith(referralsQuery, req.query).view));
  });

  router.post('/referrals/:id/accept', (req, res) => {
    const actor = actorOf(res);
    cases.referralAccess(actor, req.params.id, 'runQueue');
    const { meetingId } = parseWith(acceptReferralBody, req.body);
    // Live clients of the meeting receive the new case item through its Yjs room.
    res.json({ referral: cases.acceptReferral(actor, req.params.id, meetingId, clientIp(req)) });
  });
  router.post('/referrals/:id/request-info', (req, res) => {
    const actor = actorOf(res);
    cases.referralAccess(actor, req.params.id, 'runQueue');
    res.json({ referral: cases.requestMoreInfo(actor, req.params.id, parseWith(requestInfoBody, req.body).message, clientIp(req)) });
  });
  router.post('/referrals/:id/provide-info', (req, res) => {
    const actor = actorOf(res);
    cases.referralAccess(actor, req.params.id, 'refer');
    res.json({ referral: cases.provideMoreInfo(actor, req.params.id, parseWith(provideInfoBody, req.body), clientIp(req)) });
  });
  router.post('/referrals/:id/decline', (req, res) => {
    const actor = actorOf(res);
    cases.referralAccess(actor, req.params.id, 'runQueue');
    res.json({ referral: cases.declineReferral(actor, req.params.id, parseWith(declineReferralBody, req.body).reason, clientIp(req)) });
  });
  router.post('/referrals/:id/match', (req, res) => {
    const actor = actorOf(res);
    cases.referralAccess(actor, req.params.id, 'runQueue');
    res.json({ referral: cases.matchReferral(actor, req.params.id, parseWith(matchReferralBody, req.body).caseRef, clientIp(req)) });
  });

  router.get('/series/:id/cases', (req, res) => {
    res.json(cases.register(actorOf(res), req.params.id));
  });

  router.get('/cases/:ref', (req, res) => {
    const actor = actorOf(res);
    const history = cases.history(actor, req.params.ref);
    audit.record({ actorId: actor!.id, action: 'case.view', targetType: 'case', targetId: history.case.ref, detail: null, ip: clientIp(req) });
    res.json(history);
  });

  router.post('/cases/:ref/close', (req, res) => {
    const actor = actorOf(res);
    cases.caseAccess(actor, req.params.ref, 'runQueue');
    const { reason } = parseWith(closeCaseBody, req.body);
    res.json({ case: cases.closeCase(actor, req.params.ref, reason, clientIp(req)) });
  });

  router.get('/cases/:ref/research', (req, res) => {
    const { meetingId } = parseWith(researchQuery, req.query);
    res.json({ research: cases.myResearch(actorOf(res), req.params.ref, meetingId) });
  });
  router.put('/cases/:ref/research', (req, res) => {
    const actor = actorOf(res);
    cases.caseAccess(actor, req.params.ref, 'research');
    const { meetingId } = parseWith(researchQuery, req.query);
    res.json({ research: cases.addResearch(actor, req.params.ref, meetingId, parseWith(researchBody, req.body), clientIp(req)) });
  });

  /** The agencies a referral may name (ids and names only): any signed-in person. */
  router.get('/agencies', (_req, res) => {
    ctx.policies.requireActor(actorOf(res));
    res.json({ agencies: ctx.records.listAgencies().map((a) => ({ id: a.id, name: a.name })) });
  });

  router.get('/research/notices', (_req, res) => {
    res.json({ notices: cases.researchNotices(actorOf(res)) });
  });

  router.get('/meetings/:id/cases', (req, res) => {
    res.json(cases.meetingCases(actorOf(res), req.params.id));
  });

  router.post('/meetings/:id/agenda/publish', (req, res) => {
    const published = cases.publishAgenda(actorOf(res), req.params.id, clientIp(req));
    notify.agendaPublished(req.params.id);
    res.json(published);
  });

  router.get('/meetings/:id/agenda.:format', async (req, res) => {
    const actor = actorOf(res);
    const format = req.params.format;
    const agenda = cases.agendaForExport(actor, req.params.id);
    if (!isAgendaFormat(format)) throw new AppError('validation_failed', msg('errors:formatsDocxPdf'));
    const file = await renderAgenda(agenda, format);
    audit.record({ actorId: actor!.id, action: 'agenda.export', targetType: 'meeting', targetId: req.params.id, detail: { format }, ip: clientIp(req) });
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', attachment(file.fileName));
    res.setHeader('Cache-Control', 'no-store');
    res.send(file.body);
  });
  return router;
}
