/** Circulation of minutes: parse, call the command (it authorises), present. Extract tokens travel in bodies only. */
import { Router } from 'express';
import { z } from 'zod';
import { lazySchema } from '../../shared/lazy-schema.js';
import { circulateBody, openExtractBody, retryDeliveryBody } from '../../shared/circulation.js';
import type { Context } from '../context.js';
import { renderMinutes } from '../presenters/minutes/index.js';
import { sendDownload } from './download.js';
import { actorOf, clientIp, parseWith } from './parse.js';

const versionQuery = lazySchema(() => z.object({ version: z.coerce.number().int().min(1).optional() }));
const downloadBody = lazySchema(() => openExtractBody.extend({ format: z.enum(['docx', 'pdf']) }).strict());

export function circulationRoutes(ctx: Context): Router {
  const { circulation } = ctx;
  const router = Router();

  router.get('/meetings/:id/circulation', async (req, res) => {
    const { version } = parseWith(versionQuery, req.query);
    res.set('Cache-Control', 'no-store').json(await circulation.status(actorOf(res), req.params.id, version));
  });

  router.post('/meetings/:id/circulation', async (req, res) => {
    const body = parseWith(circulateBody, req.body);
    res.status(201).json(await circulation.send(actorOf(res), req.params.id, body, clientIp(req)));
  });

  router.post('/meetings/:id/circulation/retry', async (req, res) => {
    const { emailIds } = parseWith(retryDeliveryBody, req.body);
    res.json(await circulation.retry(actorOf(res), req.params.id, emailIds, clientIp(req)));
  });

  router.post('/extracts/open', async (req, res) => {
    const { token } = parseWith(openExtractBody, req.body);
    const opened = await circulation.open(actorOf(res), token, 'screen', clientIp(req));
    res.set('Cache-Control', 'no-store').json({ minutes: opened.view, meetingId: opened.meetingId, expiresAt: opened.expiresAt });
  });

  router.post('/extracts/download', async (req, res) => {
    const { token, format } = parseWith(downloadBody, req.body);
    const opened = await circulation.open(actorOf(res), token, format, clientIp(req));
    const file = await renderMinutes(opened.view, format);
    sendDownload(res, file);
  });
  return router;
}
