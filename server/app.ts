/** Builds the whole server — database, HTTP, Socket.IO, Yjs — on one port. `main.ts` only wires it to the process. */
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import helmet from 'helmet';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { openDatabase, isDatabaseReachable } from './db/client.js';
import { createContext } from './context.js';
import { createRoomService } from './services/room-service.js';
import { roomStateRepo } from './db/room-state-repo.js';
import { createAttendanceService } from './services/attendance-service.js';
import { YjsHost } from './realtime/yjs-host.js';
import { attachSocketServer } from './realtime/socket-server.js';
import { requestLog } from './http/request-log.js';
import { apiNotFound, errorHandler } from './http/errors.js';
import { meetingsRoutes } from './http/meetings-routes.js';
import { sessionRoutes } from './http/session-routes.js';
import { adminRoutes } from './http/admin-routes.js';
import { minutesRoutes } from './http/minutes-routes.js';
import { roomEvents } from '../shared/room-protocol.js';
import { identify, sameOriginWrites } from './http/identity.js';
import { authoriseYjsUpgrade, meetingDocRules } from './realtime/yjs-access.js';
import { limits } from '../shared/limits.js';
import { yjsPathPrefix } from '../shared/protocol.js';
import { seedDemoIfEmpty } from './seed/demo.js';

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const clientDistDir = path.join(rootDir, 'dist', 'client');

export interface TriageServer {
  readonly httpServer: http.Server;
  readonly database: ReturnType<typeof openDatabase>;
  readonly yjs: YjsHost;
  /** Resolves with the base URL once listening. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

export async function createTriageServer(config: Config, logger: Logger): Promise<TriageServer> {
  const database = openDatabase(config.dbFile);
  if (config.seedDemo) seedDemoIfEmpty(database.db, logger);
  const ctx = createContext(database.db, logger);

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
  app.use(requestLog(logger));
  app.get('/healthz', (_req, res) => {
    const ok = isDatabaseReachable(database.sqlite);
    res.status(ok ? 200 : 503).json({ ok, database: ok ? 'reachable' : 'unreachable' });
  });
  const api = express.Router();
  api.use(sameOriginWrites);
  api.use(express.json({ limit: limits.jsonBodyBytes, strict: true }));
  api.use(identify(ctx.auth));
  api.use(sessionRoutes(ctx.auth, ctx.policies));
  api.use(meetingsRoutes(ctx));
  api.use(minutesRoutes(ctx, (meetingId) => io.to(`meeting:${meetingId}`).emit(roomEvents.actionsChanged, { meetingId })));
  api.use('/admin', adminRoutes(ctx));
  api.use(apiNotFound);
  app.use('/api', api);

  const yjs = new YjsHost({
    repo: ctx.docs,
    logger,
    authorise: (req, address) => authoriseYjsUpgrade(ctx, req, address),
    rules: (meetingId) => meetingDocRules(ctx, meetingId),
  });
  const rooms = createRoomService({ repo: roomStateRepo(database.db), records: ctx.records, minutes: ctx.minutes, yjs: () => yjs, now: ctx.now });
  const attendance = createAttendanceService({ repo: ctx.attendance, statusOf: rooms.statusOf, now: ctx.now });
  const io = attachSocketServer(httpServer, ctx, rooms, attendance);

  let vite: { close(): Promise<void> } | null = null;
  if (config.dev) {
    const { createServer } = await import('vite');
    const viteServer = await createServer({
      configFile: path.join(rootDir, 'vite.config.ts'),
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
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (pathname === yjsPathPrefix || pathname.startsWith(`${yjsPathPrefix}/`)) return yjs.handleUpgrade(req, socket, head);
    if (pathname.startsWith('/socket.io/')) return; // engine.io's own listener takes it
    if (config.dev && req.headers['sec-websocket-protocol'] === 'vite-hmr') return;
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });

  return {
    httpServer,
    database,
    yjs,
    listen: () =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen({ port: config.port, host: config.host, backlog: 4096 }, () => {
          httpServer.off('error', reject);
          const address = httpServer.address();
          const port = typeof address === 'object' && address ? address.port : config.port;
          const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
          resolve(`http://${host}:${port}`);
        });
      }),
    close: async () => {
      yjs.close();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      if (vite) await vite.close();
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      ctx.audit.flush();
      database.close();
    },
  };
}
