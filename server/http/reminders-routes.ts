/** Reminder settings: my digest preference, and a series' escalation threshold and agency leads. */
import { Router } from 'express';
import { preferencesPatch, seriesRemindersBody } from '../../shared/reminders.js';
import type { Context } from '../context.js';
import { actorOf, clientIp, parseWith } from './parse.js';

export function remindersRoutes(ctx: Context): Router {
  const settings = ctx.reminderSettings;
  const router = Router();
  router.get('/me/preferences', async (_req, res) => {
    res.json(await settings.preferences(actorOf(res)));
  });
  router.patch('/me/preferences', async (req, res) => {
    res.json(await settings.setPreferences(actorOf(res), parseWith(preferencesPatch, req.body), clientIp(req)));
  });
  router.get('/series/:id/reminders', async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await settings.seriesSettings(actorOf(res), req.params.id));
  });
  router.put('/series/:id/reminders', async (req, res) => {
    res.json(await settings.setSeriesSettings(actorOf(res), req.params.id, parseWith(seriesRemindersBody, req.body), clientIp(req)));
  });
  router.post('/series/:id/reminders/retry', async (req, res) => {
    const result = await settings.retry(actorOf(res), req.params.id, clientIp(req));
    ctx.sender.kick();
    res.json(result);
  });
  return router;
}
