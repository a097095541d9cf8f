import { Router, type Request, type Response } from 'express';
import { hash } from '@node-rs/argon2';
import { agencyBody, auditQuery, personBody, personPatch, seriesMemberBody } from '../../shared/api-schemas.js';
import { newId } from '../../shared/ids.js';
import { AppError, msg } from '../errors.js';
import type { AdminRepo } from '../db/admin-repo.js';
import type { AuditStore } from '../db/stores/room-records.js';
import type { MembershipRepo } from '../db/membership-repo.js';
import { separationOfDuties, type Policies } from '../policies/index.js';
import type { Audit } from '../services/audit-service.js';
import type { AccessEvents } from '../services/access-events.js';
import type { AuthService } from '../services/auth-service.js';
import { actorOf, clientIp, parseWith } from './parse.js';

interface Deps {
  admin: AdminRepo;
  membership: MembershipRepo;
  /** The audit log's reader (the Storage's audit store). */
  auditRepo: Pick<AuditStore, 'list'>;
  audit: Audit;
  policies: Policies;
  /** Told of every membership, role and account change, so open connections follow at once. */
  access: AccessEvents;
  auth: AuthService;
  now: () => number;
}

/** Agencies, people, series membership and the audit log: administrators only. */
export function adminRoutes({ admin, membership, auditRepo, audit, policies, access, auth, now }: Deps): Router {
  const router = Router();
  router.use((_req, res, next) => {
    policies.authoriseAdmin(actorOf(res));
    next();
  });
  const log = (req: Request, res: Response, action: string, targetType: string, targetId: string, detail?: Record<string, string>) =>
    audit.record({ actorId: actorOf(res)!.id, action, targetType, targetId, detail: detail ?? null, ip: clientIp(req) });

  router.get('/agencies', (_req, res) => res.json({ agencies: admin.agencies() }));
  router.post('/agencies', (req, res) => {
    const body = parseWith(agencyBody, req.body);
    if (admin.agencies().some((a) => a.name.toLowerCase() === body.name.toLowerCase())) throw new AppError('conflict', msg('errors:anAgencyWithThatNameExists'));
    const id = `agency-${newId(8)}`;
    admin.createAgency({ id, ...body, now: now() });
    log(req, res, 'admin.agency.create', 'agency', id);
    res.status(201).json({ agency: { id, ...body } });
  });

  router.get('/people', (_req, res) => res.json({ people: admin.people() }));
  router.post('/people', async (req, res) => {
    const { password, ...body } = parseWith(personBody, req.body);
    if (!admin.agencyExists(body.agencyId)) throw new AppError('validation_failed', msg('errors:agencyidNoSuchAgency'));
    if (admin.emailTaken(body.email)) throw new AppError('conflict', msg('errors:someoneAlreadyUsesThatEmail'));
    const id = `person-${newId(8)}`;
    admin.createPerson({ id, ...body, passwordHash: password ? await hash(password) : null, createdAt: now() });
    log(req, res, 'admin.person.create', 'person', id, { role: body.role });
    res.status(201).json({ person: { id, ...body } });
  });
  router.patch('/people/:id', async (req, res) => {
    const { password, ...patch } = parseWith(personPatch, req.body);
    if (!admin.personExists(req.params.id)) throw new AppError('not_found', msg('errors:noSuchPerson'));
    if (patch.role === 'admin') separationOfDuties.adminRightsFor(admin.meetingRolesHeld(req.params.id));
    if (patch.agencyId && !admin.agencyExists(patch.agencyId)) throw new AppError('validation_failed', msg('errors:agencyidNoSuchAgency'));
    const owner = patch.email ? admin.emailTaken(patch.email) : null;
    if (owner && owner !== req.params.id) throw new AppError('conflict', msg('errors:someoneAlreadyUsesThatEmail'));
    admin.updatePerson(req.params.id, { ...patch, ...(password ? { passwordHash: await hash(password) } : {}) });
    log(req, res, 'admin.person.update', 'person', req.params.id, { fields: Object.keys(patch).concat(password ? ['password'] : []).join(',') });
    access.changed({ type: 'person-changed', personId: req.params.id });
    res.json({ ok: true });
  });

  /** Disabling ends every session of the person and closes all their connections; they cannot sign in. */
  router.post('/people/:id/disable', (req, res) => {
    if (!admin.personExists(req.params.id)) throw new AppError('not_found', msg('errors:noSuchPerson'));
    if (req.params.id === actorOf(res)!.id) throw new AppError('validation_failed', msg('errors:youCannotDisableYourOwnAccount'));
    admin.setDisabled(req.params.id, now());
    auth.endSessionsOf(req.params.id);
    log(req, res, 'admin.person.disable', 'person', req.params.id);
    res.json({ ok: true });
  });
  router.post('/people/:id/enable', (req, res) => {
    if (!admin.personExists(req.params.id)) throw new AppError('not_found', msg('errors:noSuchPerson'));
    admin.setDisabled(req.params.id, null);
    log(req, res, 'admin.person.enable', 'person', req.params.id);
    res.json({ ok: true });
  });

  router.get('/series', (_req, res) => res.json({ series: admin.series(), members: admin.members() }));
  router.put('/series/:seriesId/members/:personId', (req, res) => {
    const { role } = parseWith(seriesMemberBody, req.body);
    if (!admin.seriesExists(req.params.seriesId)) throw new AppError('not_found', msg('errors:noSuchSeries'));
    const personRole = admin.personRole(req.params.personId);
    if (!personRole) throw new AppError('not_found', msg('errors:noSuchPerson'));
    separationOfDuties.seriesRoleFor({ role: personRole });
    membership.setSeriesMember(req.params.seriesId, req.params.personId, role, now());
    log(req, res, 'admin.series.member.set', 'series', req.params.seriesId, { personId: req.params.personId, role });
    access.changed({ type: 'person-changed', personId: req.params.personId });
    res.json({ ok: true });
  });
  router.delete('/series/:seriesId/members/:personId', (req, res) => {
    if (!membership.removeSeriesMember(req.params.seriesId, req.params.personId)) throw new AppError('not_found', msg('errors:notAMember'));
    log(req, res, 'admin.series.member.remove', 'series', req.params.seriesId, { personId: req.params.personId });
    access.changed({ type: 'person-changed', personId: req.params.personId });
    res.status(204).end();
  });

  router.get('/audit', async (req, res) => res.json({ entries: await auditRepo.list(parseWith(auditQuery, req.query)) }));
  return router;
}
