import { Router, type Request, type Response } from 'express';
import { hash } from '@node-rs/argon2';
import { agencyBody, auditQuery, personBody, personPatch, seriesMemberBody } from '../../shared/api-schemas.js';
import { newId } from '../../shared/ids.js';
import { AppError, msg } from '../errors.js';
import type { AuditEntry } from '../db/stores/room-records.js';
import type { Storage } from '../db/stores/storage.js';
import { separationOfDuties, type Policies } from '../policies/index.js';
import type { AccessEvents } from '../services/access-events.js';
import type { AuthService } from '../services/auth-service.js';
import { actorOf, clientIp, parseWith } from './parse.js';

interface Deps {
  /** The administration, membership, sessions and audit stores; each change is one command transaction. */
  storage: Storage;
  policies: Policies;
  /** Told of every membership, role and account change, so open connections follow at once. */
  access: AccessEvents;
  auth: AuthService;
  now: () => number;
}

/** Agencies, people, series membership and the audit log: administrators only. */
export function adminRoutes({ storage, policies, access, now }: Deps): Router {
  const { admin } = storage.stores;
  const router = Router();
  router.use((_req, res, next) => {
    policies.authoriseAdmin(actorOf(res));
    next();
  });
  // Each command's audit row, written inside its transaction.
  const entry = (req: Request, res: Response, action: string, targetType: string, targetId: string, detail?: Record<string, string>): AuditEntry => ({
    actorId: actorOf(res)!.id,
    action,
    targetType,
    targetId,
    detail: detail ?? null,
    ip: clientIp(req),
  });

  router.get('/agencies', async (_req, res) => res.json({ agencies: await admin.agencies() }));
  router.post('/agencies', async (req, res) => {
    const body = parseWith(agencyBody, req.body);
    const id = `agency-${newId(8)}`;
    await storage.transaction(async (s) => {
      if ((await s.admin.agencies()).some((a) => a.name.toLowerCase() === body.name.toLowerCase())) throw new AppError('conflict', msg('errors:anAgencyWithThatNameExists'));
      await s.admin.createAgency({ id, ...body, now: now() });
      await s.audit.record(entry(req, res, 'admin.agency.create', 'agency', id), now());
    });
    res.status(201).json({ agency: { id, ...body } });
  });

  router.get('/people', async (_req, res) => res.json({ people: await admin.people() }));
  router.post('/people', async (req, res) => {
    const { password, ...body } = parseWith(personBody, req.body);
    // Hashed before the transaction: the slow part holds no lock.
    const passwordHash = password ? await hash(password) : null;
    const id = `person-${newId(8)}`;
    await storage.transaction(async (s) => {
      if (!(await s.admin.agencyExists(body.agencyId))) throw new AppError('validation_failed', msg('errors:agencyidNoSuchAgency'));
      if (await s.admin.emailTaken(body.email)) throw new AppError('conflict', msg('errors:someoneAlreadyUsesThatEmail'));
      await s.admin.createPerson({ id, ...body, passwordHash, createdAt: now() });
      await s.audit.record(entry(req, res, 'admin.person.create', 'person', id, { role: body.role }), now());
    });
    res.status(201).json({ person: { id, ...body } });
  });
  router.patch('/people/:id', async (req, res) => {
    const { password, ...patch } = parseWith(personPatch, req.body);
    const id = req.params.id;
    const passwordHash = password ? await hash(password) : null;
    await storage.transaction(async (s) => {
      if (!(await s.admin.personExists(id))) throw new AppError('not_found', msg('errors:noSuchPerson'));
      if (patch.role === 'admin') separationOfDuties.adminRightsFor(await s.admin.meetingRolesHeld(id));
      if (patch.agencyId && !(await s.admin.agencyExists(patch.agencyId))) throw new AppError('validation_failed', msg('errors:agencyidNoSuchAgency'));
      const owner = patch.email ? await s.admin.emailTaken(patch.email) : null;
      if (owner && owner !== id) throw new AppError('conflict', msg('errors:someoneAlreadyUsesThatEmail'));
      await s.admin.updatePerson(id, { ...patch, ...(passwordHash ? { passwordHash } : {}) });
      await s.audit.record(entry(req, res, 'admin.person.update', 'person', id, { fields: Object.keys(patch).concat(password ? ['password'] : []).join(',') }), now());
    });
    await access.changed({ type: 'person-changed', personId: req.params.id });
    res.json({ ok: true });
  });

  /** Disabling ends every session of the person and closes all their connections; they cannot sign in. */
  router.post('/people/:id/disable', async (req, res) => {
    const id = req.params.id;
    await storage.transaction(async (s) => {
      if (!(await s.admin.personExists(id))) throw new AppError('not_found', msg('errors:noSuchPerson'));
      if (id === actorOf(res)!.id) throw new AppError('validation_failed', msg('errors:youCannotDisableYourOwnAccount'));
      await s.admin.setDisabled(id, now());
      await s.auth.deleteSessionsOf(id);
      await s.audit.record(entry(req, res, 'admin.person.disable', 'person', id), now());
    });
    // Committed: every connection of theirs closes.
    await access.changed({ type: 'account-disabled', personId: id });
    res.json({ ok: true });
  });
  router.post('/people/:id/enable', async (req, res) => {
    const id = req.params.id;
    await storage.transaction(async (s) => {
      if (!(await s.admin.personExists(id))) throw new AppError('not_found', msg('errors:noSuchPerson'));
      await s.admin.setDisabled(id, null);
      await s.audit.record(entry(req, res, 'admin.person.enable', 'person', id), now());
    });
    res.json({ ok: true });
  });

  router.get('/series', async (_req, res) => res.json({ series: await admin.series(), members: await admin.members() }));
  router.put('/series/:seriesId/members/:personId', async (req, res) => {
    const { role } = parseWith(seriesMemberBody, req.body);
    const { seriesId, personId } = req.params;
    await storage.transaction(async (s) => {
      if (!(await s.admin.seriesExists(seriesId))) throw new AppError('not_found', msg('errors:noSuchSeries'));
      const personRole = await s.admin.personRole(personId);
      if (!personRole) throw new AppError('not_found', msg('errors:noSuchPerson'));
      separationOfDuties.seriesRoleFor({ role: personRole });
      await s.membership.setSeriesMember(seriesId, personId, role, now());
      await s.audit.record(entry(req, res, 'admin.series.member.set', 'series', seriesId, { personId, role }), now());
    });
    await access.changed({ type: 'person-changed', personId: req.params.personId });
    res.json({ ok: true });
  });
  router.delete('/series/:seriesId/members/:personId', async (req, res) => {
    const { seriesId, personId } = req.params;
    await storage.transaction(async (s) => {
      if (!(await s.membership.removeSeriesMember(seriesId, personId))) throw new AppError('not_found', msg('errors:notAMember'));
      await s.audit.record(entry(req, res, 'admin.series.member.remove', 'series', seriesId, { personId }), now());
    });
    await access.changed({ type: 'person-changed', personId: req.params.personId });
    res.status(204).end();
  });

  router.get('/audit', async (req, res) => res.json({ entries: await storage.stores.audit.list(parseWith(auditQuery, req.query)) }));
  return router;
}
