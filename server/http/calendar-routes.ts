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

  router.get('/meetings/:id/calendar.ics', (req, res) => {
    const { ics, fileName } = calendar.meetingIcs(actorOf(res), req.params.id, baseUrlOf(req), requestLanguage(req, res));
    sendIcs(res, ics, fileName);
  });

  router.get('/calendar-feed', (_req, res) => res.json({ feed: calendar.feedStatus(actorOf(res)) }));
  router.post('/calendar-feed', (req, res) => {
    const { path } = calendar.createFeed(actorOf(res), clientIp(req));
    res.status(201).json({ feed: { url: `${baseUrlOf(req)}${path}` } });
  });
  router.delete('/calendar-feed', (req, res) => {
    calendar.revokeFeed(actorOf(res), clientIp(req));
    res.status(204).end();
  });

  // Calendar apps fetch this without a session: the token in the path is the credential.
  router.get('/calendar/:file', (req, res) => {
    const token = req.params.file.replace(/\.ics$/, '');
    sendIcs(res, calendar.feed(token, baseUrlOf(req)));
  });
  return router;
}
