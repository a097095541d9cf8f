import { Router } from 'express';
import { z } from 'zod';
import { lazySchema } from '../../shared/lazy-schema.js';
import { actionsQuery, actionStatusBody, bulkActionStatusBody, minutesAmendmentBody } from '../../shared/api-schemas.js';
import type { MinutesVersionView } from '../../shared/api-types.js';
import type { Context } from '../context.js';
import { AppError, msg } from '../errors.js';
import { extractForAgency, isExportFormat, renderMinutes } from '../presenters/minutes/index.js';
import { actorOf, clientIp, parseWith } from './parse.js';
import { sendDownload } from './download.js';
import { localiserFor, requestLanguage } from '../i18n.js';

const versionQuery = lazySchema(() =>
  z.object({
    version: z.coerce.number().int().min(1).optional(),
    agency: z.string().trim().min(1).max(120).optional(),
  }),
);


/** `onActionsChanged` tells a live meeting's room that its matters arising changed, so every screen refreshes. */
export function minutesRoutes(ctx: Context, onActionsChanged: (meetingId: string) => void): Router {
  const { policies, minutes, actions, audit } = ctx;
  const router = Router();

  router.get('/meetings/:id/minutes', async (req, res) => {
    const actor = actorOf(res);
    await policies.authoriseMeeting(actor, req.params.id, 'viewMinutes');
    const { version } = parseWith(versionQuery, req.query);
    const view = await minutes.view(req.params.id, version);
    // What changed in each version, stored as catalogue messages, in the reader's language.
    const say = localiserFor(requestLanguage(req, res));
    const versions: MinutesVersionView[] = (await minutes.versions(req.params.id)).map((v) => ({
      version: v.version,
      contentHash: v.contentHash,
      createdAt: new Date(v.createdAt).toISOString(),
      createdBy: { name: v.createdBy.name, agency: v.createdBy.agency },
      note: v.note,
      changes: v.changes.map(say),
    }));
    await audit.record({ actorId: actor!.id, action: 'minutes.view', targetType: 'meeting', targetId: req.params.id, detail: { version: view.version.number }, ip: clientIp(req) });
    res.json({ minutes: view, versions, extractRecipients: await minutes.extractRecipients(view) });
  });

  router.get('/meetings/:id/minutes.:format', async (req, res) => {
    const actor = actorOf(res);
    await policies.authoriseMeeting(actor, req.params.id, 'exportMinutes');
    const format = req.params.format;
    if (!isExportFormat(format)) throw new AppError('validation_failed', msg('errors:formatsDocxPdfMdHtmlCsv'));
    const { version, agency } = parseWith(versionQuery, req.query);
    let view = await minutes.view(req.params.id, version);
    if (agency) {
      if (!(await minutes.extractRecipients(view)).includes(agency)) throw new AppError('validation_failed', msg('errors:isNotAnAgencyPartyTo', { agency }));
      view = extractForAgency(view, agency);
    }
    const file = await renderMinutes(view, format);
    await audit.record({
      actorId: actor!.id,
      action: 'minutes.export',
      targetType: 'meeting',
      targetId: req.params.id,
      detail: { format, version: view.version.number, agency: agency ?? null },
      ip: clientIp(req),
    });
    sendDownload(res, file);
  });

  router.post('/meetings/:id/minutes/amendments', async (req, res) => {
    const actor = actorOf(res);
    await policies.authoriseMeeting(actor, req.params.id, 'amendMinutes');
    const amendment = parseWith(minutesAmendmentBody, req.body);
    const result = await minutes.amend(req.params.id, actor!, amendment, { ip: clientIp(req) });
    res.status(201).json({ version: result.version, contentHash: result.contentHash, changes: result.changes.map(localiserFor(requestLanguage(req, res))) });
  });

  router.get('/meetings/:id/matters-arising', async (req, res) => {
    res.json({ actions: await actions.mattersArising(actorOf(res), req.params.id, clientIp(req)) });
  });

  router.get('/series/:id/actions', async (req, res) => {
    res.json(await actions.tracker(actorOf(res), req.params.id, parseWith(actionsQuery, req.query), clientIp(req)));
  });

  router.post('/series/:id/actions/status', async (req, res) => {
    const change = parseWith(bulkActionStatusBody, req.body);
    res.json({ actions: await actions.updateStatuses(actorOf(res), req.params.id, change, clientIp(req)) });
  });

  router.post('/actions/:id/status', async (req, res) => {
    const change = parseWith(actionStatusBody, req.body);
    const action = await actions.updateStatus(actorOf(res), req.params.id, change, clientIp(req));
    if (change.meetingId) onActionsChanged(change.meetingId);
    res.json({ action });
  });
  return router;
}
