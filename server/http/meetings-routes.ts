import { Router } from 'express';
import type { RecordsRepo } from '../db/records-repo.js';
import { AppError } from '../errors.js';
import { presentMeeting } from '../presenters/meetings.js';

export function meetingsRoutes(records: RecordsRepo): Router {
  const router = Router();
  router.get('/meetings', (_req, res) => {
    res.json({ meetings: records.listMeetings().map(presentMeeting) });
  });
  router.get('/meetings/:id', (req, res) => {
    const meeting = records.findMeeting(req.params.id);
    if (!meeting) throw new AppError('not_found', 'No such meeting');
    res.json({ meeting: presentMeeting(meeting) });
  });
  return router;
}
