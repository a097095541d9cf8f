import { Router } from 'express';
import { agreeMinutesBody, cancelMeetingBody, meetingPatchBody, scheduleBody, seriesBody, seriesPatch } from '../../shared/api-schemas.js';
import type { Context } from '../context.js';
import { presentSeriesMeeting } from '../presenters/series.js';
import { actorOf, clientIp, parseWith } from './parse.js';

/** Series and their meetings: parse, then the command (which authorises, writes in one transaction and audits). */
export function seriesRoutes(ctx: Context): Router {
  const { series: commands, policies } = ctx;
  const store = ctx.storage.stores.series;
  const router = Router();

  router.get('/series', async (_req, res) => {
    const actor = policies.requireActor(actorOf(res));
    const rows = actor.globalRole === 'admin' ? await store.all() : await store.ofPerson(actor.id);
    const views = [];
    for (const row of rows) views.push(await commands.view(actor, row.id));
    res.json({ series: views });
  });

  // The choices a series form offers (agencies; people who may be members), for those who set series up.
  router.get('/series-directory', async (_req, res) => {
    policies.authoriseCreateSeries(actorOf(res));
    res.json(await store.directory());
  });

  router.post('/series', async (req, res) => {
    policies.authoriseCreateSeries(actorOf(res));
    const input = parseWith(seriesBody, req.body);
    res.status(201).json(await commands.createSeries(actorOf(res), input, clientIp(req)));
  });

  router.get('/series/:id', async (req, res) => {
    const actor = await policies.authoriseSeriesRecord(actorOf(res), req.params.id, 'view');
    const view = await commands.view(actor, req.params.id);
    const meetings = (await store.meetingsOf(req.params.id)).map((m) => presentSeriesMeeting(m, view.name));
    res.json({ series: view, meetings });
  });

  router.patch('/series/:id', async (req, res) => {
    await policies.authoriseSeriesRecord(actorOf(res), req.params.id, 'edit');
    const { archived, ...patch } = parseWith(seriesPatch, req.body);
    // Archiving is its own use case; a request that also edits does the edit first, while the series is writable.
    const edited = Object.keys(patch).length > 0 || !archived ? await commands.updateSeries(actorOf(res), req.params.id, patch, clientIp(req)) : null;
    const result = archived ? await commands.archiveSeries(actorOf(res), req.params.id, clientIp(req)) : edited!;
    res.json({ series: result.series, changed: [...(edited?.changed ?? []), ...(archived ? ['archived'] : [])] });
  });

  router.post('/series/:id/meetings', async (req, res) => {
    await policies.authoriseSeriesRecord(actorOf(res), req.params.id, 'schedule');
    const request = parseWith(scheduleBody, req.body);
    const result = await commands.scheduleMeetings(actorOf(res), req.params.id, request as Parameters<typeof commands.scheduleMeetings>[2], clientIp(req));
    res.status(201).json(result);
  });

  router.patch('/meetings/:id', async (req, res) => {
    await policies.authoriseMeeting(actorOf(res), req.params.id, 'schedule');
    const change = parseWith(meetingPatchBody, req.body);
    res.json(await commands.changeMeeting(actorOf(res), req.params.id, change, clientIp(req)));
  });

  router.post('/meetings/:id/cancel', async (req, res) => {
    await policies.authoriseMeeting(actorOf(res), req.params.id, 'schedule');
    const { reason } = parseWith(cancelMeetingBody, req.body);
    res.json(await commands.cancelMeeting(actorOf(res), req.params.id, reason, clientIp(req)));
  });

  router.get('/meetings/:id/previous-minutes', async (_req, res) => {
    res.json(await commands.previousMinutes(actorOf(res), _req.params.id));
  });

  router.post('/meetings/:id/minutes/agree', async (req, res) => {
    policies.requireActor(actorOf(res));
    const request = parseWith(agreeMinutesBody, req.body);
    res.json(await commands.agreeMinutes(actorOf(res), req.params.id, request, clientIp(req)));
  });
  return router;
}
