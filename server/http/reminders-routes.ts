/** Reminder settings: my digest preference, and a series' escalation threshold and agency leads. */
import { Router } from 'express';
import { preferencesPatch, seriesRemindersBody } from '../../shared/reminders.js';
import type { Context } from '../context.js';
import { actorOf, clientIp, parseWith } from './parse.js';

export function remindersRoutes(ctx: Context): Router {
  const settings = ctx.reminderSettings;
  const router = Router();
  router.get('/me/preferences', (_req, res) => {
    res.json(settings.preferences(actorOf(res)));
  });
  router.patch('/me/preferences', (req, res) => {
    res.json(settings.setPreferences(actorOf(res), parseWith(preferencesPatch, req.body), clientIp(req)));
  });
  router.get('/series/:id/reminders', (req, res) => {
    res.set('Cache-Control', 'no-store').json(settings.seriesSettings(actorOf(res), req.params.id));
  });
  router.put('/series/:id/reminders', (req, res) => {
    res.json(settings.setSeriesSettings(actorOf(res), req.params.id, parseWith(seriesRemindersBody, req.body), clientIp(req)));
  });
  router.post('/series/:id/reminders/retry', (req, res) => {
    const result = settings.retry(actorOf(res), req.params.id, clientIp(req));
    ctx.sender.kick();
    res.json(result);
  });
  return router;
}
