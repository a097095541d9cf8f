/** Builds every repository, service and policy once, so the three doors share them. */
import type { Db } from './db/client.js';
import { defaultMailFrom } from './config.js';
import { createPolicies } from './policies/index.js';
import { createAudit } from './services/audit-service.js';
import { createAuthService } from './services/auth-service.js';
import { createInviteService } from './services/invite-service.js';
import { createActionsService } from './services/actions-service.js';
import { createMinutesService } from './services/minutes/minutes-service.js';
import { createCalendarService } from './services/calendar/feeds.js';
import { createSeriesCommands } from './services/series/index.js';
import type { Logger } from './logger.js';
import { createAccessEvents } from './services/access-events.js';
import type { SessionLimits } from './services/auth-service.js';
import { createCasesService } from './services/cases/index.js';
import { createMeetingDocWriter } from './services/cases/meeting-doc-writer.js';
import type { YjsHost } from './realtime/yjs-host.js';
import { createSender } from './services/mail/sender.js';
import type { MailTransport } from './services/mail/transport.js';
import { createCirculationService } from './services/circulation/index.js';
import { createDailyReminders } from './services/reminders/daily-run.js';
import { createReminderSettings } from './services/reminders/settings.js';
import { createOutcomesService } from './services/outcomes/index.js';
import { sqliteStorage, type Storage } from './db/stores/storage.js';

/** How the server sends email: no transport means sending is not configured. `baseUrl` starts the links in emails. */
export interface MailSetup {
  transport: MailTransport | null;
  baseUrl: () => string;
  /** The From address (TRIAGE_MAIL_FROM); calendar invites name it as ORGANIZER. */
  from?: string;
}

export function createContext(
  db: Db,
  logger: Logger,
  now: () => number = Date.now,
  mail: MailSetup = { transport: null, baseUrl: () => '' },
  sessions: { sessionLimits?: SessionLimits } = {},
  /** Every area's engine-neutral store and the command transaction; services move onto it area by area (issue 17). */
  storage: Storage = sqliteStorage({ db, sqlite: db.$client }),
) {
  const audit = createAudit(storage.stores.audit, now, logger);
  const policies = createPolicies(storage.stores.membership);
  /** Access changes (sign-out, disabled account, membership) reach every open realtime connection through this. */
  const access = createAccessEvents();
  // The Yjs host is built after the context (it needs the context's policies); commands reach it through this.
  let yjsHost: YjsHost | null = null;
  const minutes = createMinutesService({ storage, now });
  const sender = createSender({ storage, transport: mail.transport, baseUrl: mail.baseUrl, logger, now });
  return {
    access,
    /** Lets server commands write through the live room of a meeting that is loaded. */
    useYjsHost(host: YjsHost): void {
      yjsHost = host;
    },
    cases: createCasesService({ storage, policies, docs: createMeetingDocWriter({ docs: storage.stores.meetingDocs, yjs: () => yjsHost, now }), now }),
    db,
    storage,
    logger,
    now,
    policies,
    audit,
    /** The audit log as administrators read it. */
    auditRepo: storage.stores.audit,
    auth: createAuthService({ storage, audit, now, access, sessionLimits: sessions.sessionLimits }),
    invites: createInviteService({ storage, now }),
    actions: createActionsService({ storage, policies, now }),
    minutes,
    /** Series and their meetings: one command per use case (create, edit, archive, schedule, reschedule, …). */
    series: createSeriesCommands({
      storage,
      policies,
      minutes,
      now,
      access,
      mail: { sender, from: mail.from ?? defaultMailFrom, baseUrl: mail.baseUrl },
    }),
    /** Meeting invites (.ics) and each person's private calendar feed. */
    calendar: createCalendarService({ storage, policies, now }),
    /** Every email goes through the outbox (`storage.stores.outbox`); the sender delivers it and retries. */
    sender,
    circulation: createCirculationService({ storage, policies, minutes, sender, now }),
    /** The daily digest and escalation run (the scheduler calls it), and who gets what. */
    reminders: createDailyReminders({ storage, sender, baseUrl: mail.baseUrl, now }),
    /** The series' outcome figures for coordinators, chairs and its governance board. */
    outcomes: createOutcomesService({ storage, policies, now }),
    reminderSettings: createReminderSettings({ storage, policies, now }),
  };
}
export type Context = ReturnType<typeof createContext>;
