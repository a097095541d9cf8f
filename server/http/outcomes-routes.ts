/** The outcomes dashboard: figures as JSON, each table as CSV, and the quarterly return. */
import { Router, type Response } from 'express';
import type { Context } from '../context.js';
import type { CsvFile } from '../services/outcomes/index.js';
import { requestLanguage } from '../i18n.js';
import { sendDownload } from './download.js';
import { actorOf, clientIp } from './parse.js';

const sendCsv = (res: Response, file: CsvFile) => sendDownload(res, { ...file, contentType: 'text/csv; charset=utf-8' });

export function outcomesRoutes(ctx: Context): Router {
  const { outcomes } = ctx;
  const router = Router();
  router.get('/series/:id/outcomes', async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await outcomes.view(actorOf(res), req.params.id, req.query, clientIp(req), requestLanguage(req, res)));
  });
  router.get('/series/:id/outcomes/quarterly-return.csv', async (req, res) => {
    sendCsv(res, await outcomes.quarterlyReturnCsv(actorOf(res), req.params.id, req.query, clientIp(req), requestLanguage(req, res)));
  });
  router.get('/series/:id/outcomes/:file', async (req, res) => {
    sendCsv(res, await outcomes.tableCsv(actorOf(res), req.params.id, req.params.file, req.query, clientIp(req), requestLanguage(req, res)));
  });
  return router;
}
