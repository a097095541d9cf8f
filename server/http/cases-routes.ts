/**
 * Referrals, the case register, case history, research and the published agenda. Every handler has one shape:
 * authorise (401/403/404 before the body is read), parse with the shared schema, call the cases service, answer.
 */
import { msg } from '../../shared/i18n/message.js';
import { localiseDeep, localiserFor, requestLanguage } from '../i18n.js';
import { Router, type Request, type Response } from 'express';
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
import type { ReferralView } from '../../shared/api-types.js';
import type { Context } from '../context.js';
import { AppError } from '../errors.js';
import type { Actor } from '../policies/index.js';
import { renderAgenda, isAgendaFormat } from '../presenters/agenda/index.js';
import { sendDownload } from './download.js';
import { actorOf, clientIp, parseWith } from './parse.js';

const researchQuery = z.object({ meetingId: z.string().trim().min(1).max(64) });

/** What a handler is given: who asks, the path's id (`:id` or `:ref`), the request and the caller's address. */
interface Call {
  actor: Actor | null;
  id: string;
  req: Request;
  ip: string | null;
}

/** Answers with what `handler` returns, as JSON with `status`. */
const answer =
  (handler: (call: Call) => unknown, status = 200) =>
  (req: Request, res: Response) => {
    const id = String(req.params.id ?? req.params.ref ?? '');
    // Stored catalogue messages (a closing reason) in the reader's language.
    res.status(status).json(localiseDeep(handler({ actor: actorOf(res), id, req, ip: clientIp(req) }), localiserFor(requestLanguage(req, res))));
  };

/** What the routes tell the realtime side after a change (the app wires it to Socket.IO). */
export interface CasesNotify {
  agendaPublished(meetingId: string): void;
}

export function casesRoutes(ctx: Context, notify: CasesNotify = { agendaPublished: () => undefined }): Router {
  const { cases, audit, policies } = ctx;
  const router = Router();

  /** A decision on a referral: who may make it, what its body says, which command makes it. */
  const referralDecision = <S extends z.ZodType>(
    path: string,
    access: 'runQueue' | 'refer',
    schema: S,
    decide: (actor: Actor | null, referralId: string, body: z.infer<S>, ip: string | null) => ReferralView,
  ) =>
    router.post(
      `/referrals/:id/${path}`,
      answer(({ actor, id, req, ip }) => {
        cases.referralAccess(actor, id, access);
        return { referral: decide(actor, id, parseWith(schema, req.body), ip) };
      }),
    );

  router.post(
    '/series/:id/referrals',
    answer(({ actor, id, req, ip }) => {
      policies.authoriseSeries(actor, id, 'refer');
      return cases.referCase(actor, id, parseWith(referralBody, req.body), ip);
    }, 201),
  );
  router.get('/series/:id/referrals', answer(({ actor, id, req }) => cases.referrals(actor, id, parseWith(referralsQuery, req.query).view)));

  // Live clients of the meeting receive an accepted case's new item through its Yjs room.
  referralDecision('accept', 'runQueue', acceptReferralBody, (actor, id, { meetingId }, ip) => cases.acceptReferral(actor, id, meetingId, ip));
  referralDecision('request-info', 'runQueue', requestInfoBody, (actor, id, { message }, ip) => cases.requestMoreInfo(actor, id, message, ip));
  referralDecision('provide-info', 'refer', provideInfoBody, (actor, id, body, ip) => cases.provideMoreInfo(actor, id, body, ip));
  referralDecision('decline', 'runQueue', declineReferralBody, (actor, id, { reason }, ip) => cases.declineReferral(actor, id, reason, ip));
  referralDecision('match', 'runQueue', matchReferralBody, (actor, id, { caseRef }, ip) => cases.matchReferral(actor, id, caseRef, ip));

  router.get('/series/:id/cases', answer(({ actor, id }) => cases.register(actor, id)));

  router.get(
    '/cases/:ref',
    answer(({ actor, id, ip }) => {
      const history = cases.history(actor, id);
      audit.record({ actorId: actor!.id, action: 'case.view', targetType: 'case', targetId: history.case.ref, detail: null, ip });
      return history;
    }),
  );
  router.post(
    '/cases/:ref/close',
    answer(({ actor, id, req, ip }) => {
      cases.caseAccess(actor, id, 'runQueue');
      return { case: cases.closeCase(actor, id, parseWith(closeCaseBody, req.body).reason, ip) };
    }),
  );
  router.get('/cases/:ref/research', answer(({ actor, id, req }) => ({ research: cases.myResearch(actor, id, parseWith(researchQuery, req.query).meetingId) })));
  router.put(
    '/cases/:ref/research',
    answer(({ actor, id, req, ip }) => {
      cases.caseAccess(actor, id, 'research');
      const { meetingId } = parseWith(researchQuery, req.query);
      return { research: cases.addResearch(actor, id, meetingId, parseWith(researchBody, req.body), ip) };
    }),
  );

  /** The agencies a referral may name (ids and names only): any signed-in person. */
  router.get(
    '/agencies',
    answer(({ actor }) => {
      policies.requireActor(actor);
      return { agencies: ctx.records.listAgencies().map((a) => ({ id: a.id, name: a.name })) };
    }),
  );
  router.get('/research/notices', answer(({ actor }) => ({ notices: cases.researchNotices(actor) })));
  router.get('/meetings/:id/cases', answer(({ actor, id }) => cases.meetingCases(actor, id)));

  router.post(
    '/meetings/:id/agenda/publish',
    answer(({ actor, id, ip }) => {
      const published = cases.publishAgenda(actor, id, ip);
      notify.agendaPublished(id);
      return published;
    }),
  );

  router.get('/meetings/:id/agenda.:format', async (req, res) => {
    const actor = actorOf(res);
    const format = req.params.format;
    const agenda = cases.agendaForExport(actor, req.params.id);
    if (!isAgendaFormat(format)) throw new AppError('validation_failed', msg('cases:errors.formats'));
    const file = await renderAgenda(agenda, format);
    audit.record({ actorId: actor!.id, action: 'agenda.export', targetType: 'meeting', targetId: req.params.id, detail: { format }, ip: clientIp(req) });
    sendDownload(res, file);
  });
  return router;
}
