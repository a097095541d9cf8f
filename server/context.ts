/** Builds every repository, service and policy once, so the three doors share them. */
import type { Db } from './db/client.js';
import { recordsRepo } from './db/records-repo.js';
import { meetingDocsRepo } from './db/meeting-docs-repo.js';
import { authRepo } from './db/auth-repo.js';
import { auditRepo } from './db/audit-repo.js';
import { membershipRepo } from './db/membership-repo.js';
import { adminRepo } from './db/admin-repo.js';
import { attendanceRepo } from './db/attendance-repo.js';
import { createPolicies } from './policies/index.js';
import { createAudit } from './services/audit-service.js';
import { createAuthService } from './services/auth-service.js';
import { createInviteService } from './services/invite-service.js';
import { minutesRepo } from './db/minutes-repo.js';
import { actionsRepo } from './db/actions-repo.js';
import { createActionsService } from './services/actions-service.js';
import { createMinutesService } from './services/minutes/minutes-service.js';
import type { Logger } from './logger.js';

export function createContext(db: Db, logger: Logger, now: () => number = Date.now) {
  const records = recordsRepo(db);
  const membership = membershipRepo(db);
  const audits = auditRepo(db);
  const audit = createAudit(audits, now, logger);
  const policies = createPolicies(membership);
  return {
    db,
    logger,
    now,
    records,
    membership,
    policies,
    audit,
    auditRepo: audits,
    admin: adminRepo(db),
    docs: meetingDocsRepo(db),
    /** Who came to each meeting (written by the room; read by the minutes). */
    attendance: attendanceRepo(db),
    auth: createAuthService({ auth: authRepo(db), audit, now }),
    invites: createInviteService({ membership, audit, now }),
    actions: createActionsService({ repo: actionsRepo(db), membership, policies, audit, now }),
    minutes: createMinutesService({ sqlite: db.$client, repo: minutesRepo(db), records, now }),
  };
}
export type Context = ReturnType<typeof createContext>;
