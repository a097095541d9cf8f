/**
 * Referrals, the case register, case history, research and the published agenda. Every handler has one shape:
 * authorise (401/403/404 before the body is read), parse with the shared schema, call the cases service, answer.
 */
import { msg } from '../../shared/i18n/message.js';
import { localiseDeep, localiserFor, requestLanguage } from '../i18n.js';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { lazySchema } from '../../shared/lazy-schema.js';
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

const researchQuery = lazySchema(() => z.object({ meetingId: z.string().trim().min(1).max(64) }));

/** What a handler is given: who asks, the path's id (`:id` or `:ref`), the request and the caller's address. */
interface Call {
  actor: Actor | null;
  id: string;
  req: Request;
  ip: string | null;
}

/** Answers with what `handler` resolves with, as JSON with `status` (Express 5 hands a rejection to the error handler). */
const answer =
  (handler: (call: Call) => unknown, status = 200) =>
  async (req: Request, res: Response) => {
    const id = String(req.params.id ?? req.params.ref ?? '');
    const body = await handler({ actor: actorOf(res), id, req, ip: clientIp(req) });
    // Stored catalogue messages (a closing reason) in the reader's language.
    res.status(status).json(localiseDeep(body, localiserFor(requestLanguage(req, res))));
  };

/** What the routes tell the realtime side after a change (the app wires it to Socket.IO). */
export interface CasesNotify {
  agendaPublished(meetingId: string): void;
}

export function casesRoutes(ctx: Context, notify: CasesNotify = { agendaPublished: () => undefined }): Router {
  const { cases, policies } = ctx;
  const router = Router();

  /** A decision on a referral: who may make it, what its body says, which command makes it. */
  const referralDecision = <S extends z.ZodType>(
    path: string,
    access: 'runQueue' | 'refer',
    /** Read when a request comes (shared/api-schemas.ts is evaluated on first use in the compiled server). */
    schema: () => S,
    decide: (actor: Actor | null, referralId: string, body: z.infer<S>, ip: string | null) => Promise<ReferralView>,
  ) =>
    router.post(
      `/referrals/:id/${path}`,
      answer(async ({ actor, id, req, ip }) => {
        await cases.referralAccess(actor, id, access);
        return { referral: await decide(actor, id, parseWith(schema(), req.body), ip) };
      }),
    );

  router.post(
    '/series/:id/referrals',
    answer(async ({ actor, id, req, ip }) => {
      await policies.authoriseSeries(actor, id, 'refer');
      return cases.referCase(actor, id, parseWith(referralBody, req.body), ip);
    }, 201),
  );
  router.get('/series/:id/referrals', answer(({ actor, id, req }) => cases.referrals(actor, id, parseWith(referralsQuery, req.query).view)));

  // Live clients of the meeting receive an accepted case's new item through its Yjs room.
  referralDecision('accept', 'runQueue', () => acceptReferralBody, (actor, id, { meetingId }, ip) => cases.acceptReferral(actor, id, meetingId, ip));
  referralDecision('request-info', 'runQueue', () => requestInfoBody, (actor, id, { message }, ip) => cases.requestMoreInfo(actor, id, message, ip));
  referralDecision('provide-info', 'refer', () => provideInfoBody, (actor, id, body, ip) => cases.provideMoreInfo(actor, id, body, ip));
  referralDecision('decline', 'runQueue', () => declineReferralBody, (actor, id, { reason }, ip) => cases.declineReferral(actor, id, reason, ip));
  referralDecision('match', 'runQueue', () => matchReferralBody, (actor, id, { caseRef }, ip) => cases.matchReferral(actor, id, caseRef, ip));

  router.get('/series/:id/cases', answer(({ actor, id }) => cases.register(actor, id)));

  router.get(
    '/cases/:ref',
    answer(async ({ actor, id, ip }) => {
      const history = await cases.history(actor, id);
      await cases.caseViewed(actor!, history.case.ref, ip);
      return history;
    }),
  );
  router.post(
    '/cases/:ref/close',
    answer(async ({ actor, id, req, ip }) => {
      await cases.caseAccess(actor, id, 'runQueue');
      return { case: await cases.closeCase(actor, id, parseWith(closeCaseBody, req.body).reason, ip) };
    }),
  );
  router.get('/cases/:ref/research', answer(async ({ actor, id, req }) => ({ research: await cases.myResearch(actor, id, parseWith(researchQuery, req.query).meetingId) })));
  router.put(
    '/cases/:ref/research',
    answer(async ({ actor, id, req, ip }) => {
      await cases.caseAccess(actor, id, 'research');
      const { meetingId } = parseWith(researchQuery, req.query);
      return { research: await cases.addResearch(actor, id, meetingId, parseWith(researchBody, req.body), ip) };
    }),
  );

  /** The agencies a referral may name (ids and names only): any signed-in person. */
  router.get(
    '/agencies',
    answer(async ({ actor }) => ({ agencies: await cases.agencies(actor) })),
  );
  router.get('/research/notices', answer(async ({ actor }) => ({ notices: await cases.researchNotices(actor) })));
  router.get('/meetings/:id/cases', answer(({ actor, id }) => cases.meetingCases(actor, id)));

  router.post(
    '/meetings/:id/agenda/publish',
    answer(async ({ actor, id, ip }) => {
      const published = await cases.publishAgenda(actor, id, ip);
      notify.agendaPublished(id);
      return published;
    }),
  );

  router.get('/meetings/:id/agenda.:format', async (req, res) => {
    const actor = actorOf(res);
    const format = req.params.format;
    const agenda = await cases.agendaForExport(actor, req.params.id);
    if (!isAgendaFormat(format)) throw new AppError('validation_failed', msg('cases:errors.formats'));
    const file = await renderAgenda(agenda, format);
    await cases.agendaExported(actor!, req.params.id, format, clientIp(req));
    sendDownload(res, file);
  });
  return router;
}
