import { z } from 'zod';

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  TRIAGE_DB_FILE: z.string().min(1).default('data/triage.db'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // No default here: the default depends on NODE_ENV (see readConfig).
  TRIAGE_SEED_DEMO: z.enum(['true', 'false']).optional(),
  TRIAGE_DEV: z.enum(['0', '1']).default('0'),
  TRIAGE_SMTP_URL: z
    .url({ protocol: /^smtps?$/, error: 'use smtp://[user:password@]host:port or smtps://…' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  TRIAGE_MAIL_FROM: z.string().trim().min(3).max(200).default('Triage Room <no-reply@triage.invalid>'),
  TRIAGE_PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'use the address people open, e.g. https://triage.example.gov.uk' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  TRIAGE_DB_BUSY_MS: z.coerce.number().int().min(0).max(60_000).default(5000),
  TRIAGE_SQLITE_CHECKPOINT: z.enum(['auto', 'background', 'inline']).default('auto'),
  TRIAGE_UPDATE_JOURNAL: z.enum(['on', 'off']).default('on'),
  TRIAGE_DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'use postgres://user:password@host:port/database' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  TRIAGE_REDIS_URL: z
    .url({ protocol: /^rediss?$/, error: 'use redis://[user:password@]host:port[/db] or rediss://… (TLS)' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  NODE_ENV: z.string().optional(),
});

export interface Config {
  port: number;
  host: string;
  dbFile: string;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  /** Seed the synthetic demo into an empty database. Never in production. */
  seedDemo: boolean;
  dev: boolean;
  /** SMTP server for circulation and reminders; null: sending is not configured (downloads only). */
  smtpUrl: string | null;
  mailFrom: string;
  /** Base of the links in emails; null: the address the server listens on. */
  publicUrl: string | null;
  /** NODE_ENV=production: no demo seeding, no demo password printed. */
  production: boolean;
  /**
   * How long a write waits for another connection's lock before failing with SQLITE_BUSY (then it is kept and
   * retried). The wait blocks the event loop, so every live meeting stalls for it.
   */
  dbBusyTimeoutMs?: number;
  /**
   * Where SQLite's WAL checkpoints run (server/db/wal-checkpointer.ts): 'background' in a worker thread, off the event
   * loop; 'inline': SQLite's own automatic checkpoint inside the commit that fills the WAL (at 4,000 pages: either
   * way the WAL is synced ahead on the thread pool, server/db/wal-sync-ahead.ts); 'auto' (default): background when
   * the process may use two CPUs or more, inline on one.
   */
  sqliteCheckpoint?: 'auto' | 'background' | 'inline';
  /**
   * On SQLite with a file and one process: each client's update is written to a journal file next to the database
   * before it is broadcast, and inserted into the log after (server/db/update-journal.ts). Off: broadcast after the
   * commit. Default on; not used with PostgreSQL or Redis.
   */
  updateJournal?: boolean;
  /**
   * PostgreSQL (TRIAGE_DATABASE_URL): the records live there instead of the SQLite file; null or absent: SQLite.
   * The URL holds the database password: never log or print it whole (`describeDatabase`).
   */
  databaseUrl?: string | null;
  /**
   * Redis for several processes behind one address (docs/scale-out.md): Socket.IO events and committed Yjs updates
   * are relayed through it. Null: one process, nothing relayed. Redis only relays; the database stays the record.
   */
  redisUrl?: string | null;
  /** Session maximum age and idle limit; not from the environment (defaults in shared/limits), tests shorten them. */
  sessionLimits?: { maxMs: number; idleMs: number };
}

/** Where the records are, for people to read: the file, or PostgreSQL's host, port and database (no user or password). */
export function describeDatabase(config: Pick<Config, 'dbFile' | 'databaseUrl'>): string {
  if (!config.databaseUrl) return config.dbFile;
  const url = new URL(config.databaseUrl);
  return `PostgreSQL at ${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}`;
}

/** The sender when TRIAGE_MAIL_FROM is not set: a name people recognise and an address nobody answers. */
export const defaultMailFrom = 'Triage Room <no-reply@triage.invalid>';

export class ConfigError extends Error {}

/** Reads the environment once. A bad value throws a one-line message naming the variable. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0] ?? 'environment');
    // Echoed to say what was wrong, but a mistyped URL may still hold its password (user:password@host): masked.
    const shown = (env[name] ?? '').replace(/:[^:@/]+@/g, ':***@');
    throw new ConfigError(`Invalid ${name}=${JSON.stringify(shown)}: ${issue.message}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  // A real install must never get the demo's known accounts and shared password, even by a copied .env.
  if (production && e.TRIAGE_SEED_DEMO === 'true') {
    throw new ConfigError('Invalid TRIAGE_SEED_DEMO="true": the synthetic demo is never seeded when NODE_ENV=production');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dbFile: e.TRIAGE_DB_FILE,
    logLevel: e.LOG_LEVEL,
    seedDemo: e.TRIAGE_SEED_DEMO === undefined ? !production : e.TRIAGE_SEED_DEMO === 'true',
    dev: e.TRIAGE_DEV === '1',
    smtpUrl: e.TRIAGE_SMTP_URL ?? null,
    mailFrom: e.TRIAGE_MAIL_FROM,
    publicUrl: e.TRIAGE_PUBLIC_URL?.replace(/\/+$/, '') ?? null,
    production,
    dbBusyTimeoutMs: e.TRIAGE_DB_BUSY_MS,
    sqliteCheckpoint: e.TRIAGE_SQLITE_CHECKPOINT,
    updateJournal: e.TRIAGE_UPDATE_JOURNAL === 'on',
    databaseUrl: e.TRIAGE_DATABASE_URL ?? null,
    redisUrl: e.TRIAGE_REDIS_URL ?? null,
  };
}
