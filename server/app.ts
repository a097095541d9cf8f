/** Builds the whole server — database, HTTP, Socket.IO, Yjs — on one port. `main.ts` only wires it to the process. */
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { refuseNulCharacters, refuseNulInAddress } from './http/no-nul.js';
import express from 'express';
import helmet from 'helmet';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { openDatabase } from './db/client.js';
import { createContext } from './context.js';
import { checkpointsInBackground } from './db/wal-checkpointer.js';
import { sqliteEngine, type ServerEngine } from './db/engine.js';
import type { Storage } from './db/stores/storage.js';
import { recoverJournal, UpdateJournal } from './db/update-journal.js';
import type * as Y from 'yjs';
import { agendaOf } from '../shared/meeting-doc.js';
import { createRoomService, endedReason } from './services/room-service.js';
import { createAttendanceService } from './services/attendance-service.js';
import { createWriteQueue } from './services/write-queue.js';
import type { UpdateRelay } from './realtime/update-relay.js';
import { YjsHost } from './realtime/yjs-host.js';
import { attachSocketServer, meetingEndedSignal } from './realtime/socket-server.js';
import { createScaleOut } from './realtime/scale-out.js';
import { requestLog } from './http/request-log.js';
import { mountProbes } from './http/probes.js';
import { apiNotFound, errorHandler } from './http/errors.js';
import { meetingsRoutes } from './http/meetings-routes.js';
import { sessionRoutes } from './http/session-routes.js';
import { adminRoutes } from './http/admin-routes.js';
import { minutesRoutes } from './http/minutes-routes.js';
import { casesRoutes } from './http/cases-routes.js';
import { seriesRoutes } from './http/series-routes.js';
import { calendarRoutes } from './http/calendar-routes.js';
import { roomEvents, type AgendaPublishedNotice } from '../shared/room-protocol.js';
import { identify, sameOriginWrites } from './http/identity.js';
import { authoriseYjsUpgrade, meetingDocRules, meetingWentLive, trackYjsConnection } from './realtime/yjs-access.js';
import { LiveConnections } from './realtime/live-connections.js';
import { requestPath } from './http/request-path.js';
import { limits } from '../shared/limits.js';
import { yjsPathPrefix } from '../shared/protocol.js';
import { holdsDemoData, seedDemoIfEmpty } from './seed/demo.js';
import type { SiteConfigView } from '../shared/api-types.js';
import { clientDistDir, projectRoot } from './paths.js';
import { circulationRoutes } from './http/circulation-routes.js';
import { remindersRoutes } from './http/reminders-routes.js';
import { outcomesRoutes } from './http/outcomes-routes.js';
import { smtpTransport } from './services/mail/transport.js';
import { mailboxOf } from './services/series/invites.js';
import { startScheduler } from './jobs/scheduler.js';
import { warmUpTranslations } from './i18n.js';
import type { DailyRunResult } from './services/reminders/daily-run.js';
import { mailLimits } from '../shared/limits.js';


export interface TriageServer {
  readonly httpServer: http.Server;
  /** The Express app (its router lists every REST route: fuzz-rest.test.ts walks it). */
  readonly app: express.Express;
  /** The SQLite database: the file, or on PostgreSQL an empty in-memory one that nothing writes to. */
  readonly database: ReturnType<typeof openDatabase>;
  /** The engine-neutral storage the services use: the SQLite file, or PostgreSQL when `config.databaseUrl` is set. */
  readonly storage: Storage;
  readonly yjs: YjsHost;
  /** The background jobs, callable at once (tests drive them with an injected clock). */
  readonly jobs: {
    deliverDue(): Promise<{ sent: number; failed: number }>;
    runReminders(): Promise<DailyRunResult>;
    /**
     * Writes the audit rows queued by `recordSoon` (a join, a view) now, resolving false if the storage refused them.
     * They are otherwise written a turn of the event loop later, and on PostgreSQL committed a round trip after that:
     * a reader that must see them (a test of the audit) waits for this rather than for time to pass.
     */
    flushAudit(): Promise<boolean>;
  };
  /** The database holds the synthetic demo (pages show a "Demo data" banner). */
  readonly demo: boolean;
  /** Someone can administer this install (if not, start-up says how to create the first administrator). */
  hasAdministrator(): Promise<boolean>;
  /** Resolves with the base URL once listening. */
  listen(): Promise<string>;
  /** Stops answering ready (/readyz 503) so a load balancer sends no new connections; `close` follows. */
  drain(): void;
  close(): Promise<void>;
}

export interface ServerOptions {
  /** The server's clock (tests inject one); every service reads time from it. */
  now?: () => number;
  /** How this process hears the others' committed Yjs updates and tells them its own (default: one process alone). */
  relay?: UpdateRelay;
}

/**
 * The update journal in front of SQLite's update log (server/db/update-journal.ts), after appending to the log
 * whatever it holds from the last run. Only on SQLite with a file, in one process (no relay): null otherwise.
 */
async function openUpdateJournal(config: Config, storage: Storage, logger: Logger, options: ServerOptions): Promise<UpdateJournal | null> {
  if (config.databaseUrl || config.dbFile === ':memory:') return null;
  // Whatever the setting now: files left by a run that had the journal on hold edits others have already seen.
  await recoverJournal(config.dbFile, storage.stores.meetingDocs, logger, (options.now ?? Date.now)());
  if (config.redisUrl || options.relay || config.updateJournal === false) return null;
  return new UpdateJournal(config.dbFile, { logger });
}

export async function createTriageServer(config: Config, logger: Logger, options: ServerOptions = {}): Promise<TriageServer> {
  // On PostgreSQL every record is there (server/db/stores/postgres-coverage.ts): the context's SQLite handle is then an
  // empty in-memory database nothing writes to, and no file is created.
  const database = openDatabase(config.databaseUrl ? ':memory:' : config.dbFile, { busyTimeoutMs: config.dbBusyTimeoutMs });
  // PostgreSQL: connect and apply its migrations now, so an unreachable or unmigratable database stops the start.
  // Its module (node-postgres, the PostgreSQL schema and stores) is loaded only then.
  let engine: ServerEngine;
  try {
    engine = config.databaseUrl
      ? await (await import('./db/pg/engine.js')).openPgEngine(config.databaseUrl)
      : sqliteEngine(database, config.dbFile !== ':memory:' ? { file: config.dbFile, background: checkpointsInBackground(config.sqliteCheckpoint ?? 'auto'), logger } : undefined);
  } catch (err) {
    database.close();
    throw new Error(`PostgreSQL: ${(err as Error).message}`);
  }
  const { storage } = engine;
  // Before the demo is seeded: a journal left next to a deleted database must not write into a fresh demo meeting.
  const journal = await openUpdateJournal(config, storage, logger, options);
  if (config.seedDemo) await seedDemoIfEmpty(engine.records, logger);
  let listeningUrl = `http://localhost:${config.port}`;
  const transport = config.smtpUrl ? smtpTransport(config.smtpUrl, config.mailFrom) : null;
  const ctx = createContext(database.db, logger, options.now, { transport, baseUrl: () => config.publicUrl ?? listeningUrl, from: config.mailFrom }, { sessionLimits: config.sessionLimits }, storage);
  /** Every open Yjs and Socket.IO connection by person and session: access changes reach them through it. */
  const live = new LiveConnections(ctx.auth, ctx.access, logger, ctx.now);
  // The demo is only ever added at start, so this is read once.
  const site: SiteConfigView = { demo: await holdsDemoData(engine.records) };

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  const httpServer = http.createServer(app);

  app.use(
    helmet({
      contentSecurityPolicy: config.dev
        ? false // Vite's dev client injects inline scripts
        : {
            directives: {
              defaultSrc: ["'self'"],
              connectSrc: ["'self'", 'ws:', 'wss:'],
              imgSrc: ["'self'", 'data:'],
              styleSrc: ["'self'", "'unsafe-inline'"],
              scriptSrc: ["'self'"],
              objectSrc: ["'none'"],
              frameAncestors: ["'none'"],
            },
          },
      strictTransportSecurity: false,
    }),
  );
  let draining = false;
  mountProbes(app, { reachable: () => engine.reachable(), migrationsApplied: () => engine.migrationsApplied(), draining: () => draining }, logger);
  app.use(requestLog(logger));
  const api = express.Router();
  api.use(refuseNulInAddress);
  api.use(sameOriginWrites);
  api.use(express.json({ limit: limits.jsonBodyBytes, strict: true }));
  api.use(refuseNulCharacters);
  // Public: the sign-in page shows the demo banner too.
  api.get('/config', (_req, res) => res.json(site));
  api.use(identify(ctx.auth));
  api.use(sessionRoutes(ctx.auth));
  api.use(meetingsRoutes(ctx));
  api.use(seriesRoutes(ctx));
  api.use(calendarRoutes(ctx));
  api.use(minutesRoutes(ctx, (meetingId) => io.to(`meeting:${meetingId}`).emit(roomEvents.actionsChanged, { meetingId })));
  api.use(
    casesRoutes(ctx, {
      // Every connection of each series member hears of it (the meetings page refetches its own notices).
      agendaPublished: (meetingId) => {
        const { series } = ctx.storage.stores;
        // A notice only: if the members cannot be read now, the meetings page still shows the agenda when next opened.
        void (async () => {
          const meeting = await series.findMeeting(meetingId);
          if (!meeting) return;
          const notice: AgendaPublishedNotice = { meetingId, seriesId: meeting.seriesId };
          notifyPeople((await series.members(meeting.seriesId)).map((m) => m.personId), roomEvents.agendaPublished, notice);
        })().catch((err: unknown) => logger.warn({ err: (err as Error).message }, 'agenda published notice not sent'));
      },
    }),
  );
  api.use(circulationRoutes(ctx));
  api.use(remindersRoutes(ctx));
  api.use(outcomesRoutes(ctx));
  api.use('/admin', adminRoutes(ctx));
  api.use(apiNotFound);
  app.use('/api', api);

  // TRIAGE_REDIS_URL: several processes serve this install (Socket.IO adapter, Yjs relay); else one, relaying nothing.
  const scaleOut = await createScaleOut(config.redisUrl, logger);
  /** Meetings whose documents this process has loaded (a few ids; freezing one no longer loaded does nothing). */
  const loadedMeetings = new Set<string>();
  const yjs = new YjsHost({
    store: ctx.storage.stores.meetingDocs,
    relay: options.relay ?? scaleOut.relay,
    logger,
    authorise: (req, address) => authoriseYjsUpgrade(ctx, req, address),
    rules: (meetingId) => meetingDocRules(ctx, meetingId),
    // "Now discussing" follows the agenda: removing the item being discussed moves the room to nothing.
    onLoaded: (meetingId, kind, room) => {
      loadedMeetings.add(meetingId);
      scaleOut.presence.follow(meetingId, kind, room.awareness);
      if (kind !== 'shared') return;
      // Only a transaction that changed the agenda (or anything inside it) can have removed the item being discussed.
      // biome-ignore lint/suspicious/noExplicitAny: Yjs's transaction maps are keyed by AbstractType<YEvent<any>>
      const agenda = agendaOf(room.doc) as unknown as Y.AbstractType<any>;
      room.doc.on('afterTransaction', (tr: Y.Transaction) => {
        if (tr.changed.has(agenda) || tr.changedParentTypes.has(agenda)) agendaChanged(meetingId);
      });
    },
    track: (conn) => trackYjsConnection(ctx, live, conn),
    journal: journal ?? undefined,
  });
  ctx.useYjsHost(yjs);
  // Attendance and post-ending room state survive storage faults here (kept in order, retried every second).
  const writes = createWriteQueue(logger);
  const rooms = createRoomService({
    storage: ctx.storage,
    minutes: ctx.minutes,
    yjs: () => yjs,
    now: ctx.now,
    writes,
    onOpened: (meetingId, room) => {
      meetingWentLive(ctx, meetingId);
      // The meeting opens either way: a failure here is logged, and the research stays on the case page.
      return ctx.cases.researchIntoContributions(meetingId, room.doc).then(
        () => undefined,
        (err: unknown) => logger.error({ meetingId, err: (err as Error).message }, 'research could not become contributions'),
      );
    },
  });
  const attendance = createAttendanceService({ storage: ctx.storage, statusOf: rooms.statusOf, now: ctx.now, writes });
  const { io, agendaChanged, notifyPeople } = attachSocketServer(httpServer, ctx, rooms, attendance, live, scaleOut);
  scaleOut.presence.start((meetingId, kind) => yjs.loadedRoom(meetingId, kind)?.awareness);
  // Several processes: an access change made on any of them cuts or downgrades the person's connections on all of
  // them before the command answers; after a relay gap every connection here is re-asked from storage.
  if (scaleOut.access) {
    ctx.access.relayThrough(scaleOut.access);
    scaleOut.access.start(ctx.access.heard, () => ctx.access.heard({ type: 'any-changed' }));
  }
  // Another process ended a meeting: this one's loaded documents of it refuse edits from now on, and say why.
  if (scaleOut.shared) {
    io.on(meetingEndedSignal, (meetingId: unknown) => {
      if (typeof meetingId === 'string') yjs.freezeMeeting(meetingId, endedReason);
    });
    // That signal is pub/sub: sent while Redis was away it can be lost. When Redis is back, storage says which ended.
    scaleOut.onMissed(() => {
      for (const meetingId of loadedMeetings) {
        rooms.statusOf(meetingId).then(
          (status) => {
            if (status === 'ended') yjs.freezeMeeting(meetingId, endedReason);
            if (!yjs.loadedRoom(meetingId) && !yjs.loadedRoom(meetingId, 'restricted')) loadedMeetings.delete(meetingId);
          },
          (err: Error) => logger.warn({ meetingId, err: err.message }, 'could not re-check a meeting after a relay gap'),
        );
      }
    });
  }

  // Emails a stopped process was sending go out again. The jobs start once listening: links in emails need the URL.
  await ctx.storage.stores.outbox.requeueInterrupted(ctx.now());
  if (!transport) logger.info('TRIAGE_SMTP_URL not set: minutes and reminders are not sent by email (downloads only)');
  else if (!mailboxOf(config.mailFrom)) logger.warn('TRIAGE_MAIL_FROM is not an address ("Name <address>" or "address"): meeting invites are not sent');
  else if (config.production && !config.publicUrl) logger.warn('TRIAGE_PUBLIC_URL not set: links in emails use the address this server listens on');
  let scheduler: { stop(): void } | null = null;
  let warmUpTimer: NodeJS.Timeout | undefined;
  const startJobs = () => {
    scheduler = startScheduler(
      transport
        ? [
            { name: 'outbox', pattern: `*/${mailLimits.sendEverySeconds} * * * * *`, run: () => ctx.sender.deliverDue() },
            { name: 'reminders', pattern: `0 0 ${mailLimits.remindersHour} * * *`, run: () => ctx.reminders.run() },
          ]
        : [],
      logger,
    );
    ctx.sender.kick();
    // argon2 and the dummy hash, and the translations, a second after listening: off the path to ready (and its
    // first probes), and a broken password library or catalogue is logged then rather than at the first request.
    warmUpTimer = setTimeout(() => {
      void ctx.auth.warmUp(logger);
      warmUpTranslations(logger);
    }, 1000).unref();
    // Started after today's reminder hour (or restarted): run today's reminders unless a run already claimed the day.
    // Listening is announced once it has (a run that fails is logged; the scheduler tries again tomorrow).
    return ctx.reminders.catchUp().then(
      () => undefined,
      (err: Error) => logger.error({ err: err.message }, 'reminders catch-up failed'),
    );
  };

  let vite: { close(): Promise<void> } | null = null;
  if (config.dev) {
    const { createServer } = await import('vite');
    const viteServer = await createServer({
      configFile: path.join(projectRoot, 'vite.config.ts'),
      server: { middlewareMode: true, hmr: { server: httpServer } },
      appType: 'spa',
    });
    app.use(viteServer.middlewares);
    vite = viteServer;
  } else {
    app.use(express.static(clientDistDir, { index: false, maxAge: '1h' }));
    app.get(/^(?!\/api\/|\/yjs\/|\/socket\.io\/).*/, (_req, res, next) => {
      const index = path.join(clientDistDir, 'index.html');
      if (!fs.existsSync(index)) return next(new Error('Client not built: run npm run build'));
      res.sendFile(index);
    });
  }
  app.use(errorHandler(logger));

  httpServer.on('upgrade', (req, socket, head) => {
    const pathname = requestPath(req.url);
    if (pathname === yjsPathPrefix || pathname.startsWith(`${yjsPathPrefix}/`)) return yjs.handleUpgrade(req, socket, head);
    if (pathname.startsWith('/socket.io/')) return; // engine.io's own listener takes it
    if (config.dev && req.headers['sec-websocket-protocol'] === 'vite-hmr') return;
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });

  // Without a listener an 'error' after listening (e.g. EMFILE while accepting) would be thrown and stop the process.
  httpServer.on('error', (err: NodeJS.ErrnoException) => {
    if (httpServer.listening) logger.error({ err: err.message, code: err.code }, 'http server error');
  });

  return {
    httpServer,
    app,
    database,
    storage,
    yjs,
    jobs: { deliverDue: () => ctx.sender.deliverDue(), runReminders: () => ctx.reminders.run(), flushAudit: () => ctx.audit.flush() },
    demo: site.demo,
    hasAdministrator: () => storage.stores.admin.hasAdministrator(),
    listen: () =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen({ port: config.port, host: config.host, backlog: 4096 }, () => {
          httpServer.off('error', reject);
          const address = httpServer.address();
          const port = typeof address === 'object' && address ? address.port : config.port;
          const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
          listeningUrl = `http://${host}:${port}`;
          void startJobs().then(() => resolve(listeningUrl));
        });
      }),
    drain: () => {
      draining = true;
    },
    close: async () => {
      live.close();
      draining = true;
      scheduler?.stop();
      clearTimeout(warmUpTimer);
      await yjs.close();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      // After the rooms' last batches were published (yjs.close) and Socket.IO's adapter closed its own readers.
      await scaleOut.close();
      if (vite) await vite.close();
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      // An email being sent finishes (or fails and is queued again) before the database closes.
      await ctx.sender.idle();
      transport?.close();
      // Last tries for rows kept through a storage fault; what still cannot be written is logged, not thrown.
      if (!(await writes.flush())) logger.error({ waiting: writes.waitingCount }, 'closing with attendance writes unsaved');
      if (!(await ctx.audit.flush())) logger.error({ queued: ctx.audit.queuedCount }, 'closing with audit rows unsaved');
      // The engine first: SQLite's checkpoint worker closes its connection, so closing the serving one checkpoints.
      await engine.close();
      database.close();
    },
  };
}
