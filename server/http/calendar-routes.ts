import { requestLanguage } from '../i18n.js';
import { Router, type Request, type Response } from 'express';
import type { Context } from '../context.js';
import { actorOf, clientIp } from './parse.js';

const baseUrlOf = (req: Request): string => `${req.protocol}://${req.get('host')}`;

const sendIcs = (res: Response, ics: string, fileName?: string) => {
  res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  if (fileName) res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
  res.send(ics);
};

/** Calendar files: a meeting's invite, and each person's private, revocable feed. */
export function calendarRoutes(ctx: Context): Router {
  const { calendar } = ctx;
  const router = Router();

  router.get('/meetings/:id/calendar.ics', async (req, res) => {
    const { ics, fileName } = await calendar.meetingIcs(actorOf(res), req.params.id, baseUrlOf(req), requestLanguage(req, res));
    sendIcs(res, ics, fileName);
  });

  router.get('/calendar-feed', async (_req, res) => {
    res.json({ feed: await calendar.feedStatus(actorOf(res)) });
  });
  router.post('/calendar-feed', async (req, res) => {
    const { path } = await calendar.createFeed(actorOf(res), clientIp(req));
    res.status(201).json({ feed: { url: `${baseUrlOf(req)}${path}` } });
  });
  router.delete('/calendar-feed', async (req, res) => {
    await calendar.revokeFeed(actorOf(res), clientIp(req));
    res.status(204).end();
  });

  // Calendar apps fetch this without a session: the token in the path is the credential.
  router.get('/calendar/:file', async (req, res) => {
    const token = req.params.file.replace(/\.ics$/, '');
    sendIcs(res, await calendar.feed(token, baseUrlOf(req)));
  });
  return router;
}
