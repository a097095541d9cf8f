/**
 * The environment, read by hand rather than with a zod schema: the config is read at every start, and making a zod
 * schema is the first use of zod's constructors (~10 ms of a restart here, measured); request bodies are checked with
 * zod, on first use.
 */
const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** A bad value: the message after "Invalid NAME=…: ". */
class Invalid extends Error {}

function integer(value: string, min: number, max: number): number {
  // As Number() reads it (what zod's coerce did): "0x1F" and "1e3" are numbers too.
  const n = Number(value);
  if (!Number.isInteger(n)) throw new Invalid(Number.isNaN(n) ? 'expected a number' : 'expected an integer');
  if (n < min) throw new Invalid(`too small: expected at least ${min}`);
  if (n > max) throw new Invalid(`too big: expected at most ${max}`);
  return n;
}

function oneOf<const T extends readonly string[]>(value: string, options: T): T[number] {
  if (!options.includes(value)) throw new Invalid(`expected one of ${options.map((o) => JSON.stringify(o)).join(', ')}`);
  return value as T[number];
}

function url(value: string, protocol: RegExp, hint: string): string {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new Invalid(hint);
  }
  if (!protocol.test(parsed.protocol.replace(/:$/, ''))) throw new Invalid(hint);
  return value;
}

export interface Config {
  port: number;
  host: string;
  dbFile: string;
  logLevel: (typeof logLevels)[number];
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

/** Reads the environment once. A bad value throws a one-line message naming the variable; an empty one is unset. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const read = <T>(name: string, parse: (value: string) => T): T | undefined => {
    const value = env[name];
    if (value === undefined || value === '') return undefined;
    try {
      return parse(value);
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      // Echoed to say what was wrong, but a mistyped URL may still hold its password (user:password@host): masked.
      const shown = value.replace(/:[^:@/]+@/g, ':***@');
      throw new ConfigError(`Invalid ${name}=${JSON.stringify(shown)}: ${error.message}`);
    }
  };
  const production = env.NODE_ENV === 'production';
  const seedDemo = read('TRIAGE_SEED_DEMO', (v) => oneOf(v, ['true', 'false'] as const));
  // A real install must never get the demo's known accounts and shared password, even by a copied .env.
  if (production && seedDemo === 'true') {
    throw new ConfigError('Invalid TRIAGE_SEED_DEMO="true": the synthetic demo is never seeded when NODE_ENV=production');
  }
  const mailFrom = read('TRIAGE_MAIL_FROM', (v) => {
    const trimmed = v.trim();
    if (trimmed.length < 3 || trimmed.length > 200) throw new Invalid('expected 3 to 200 characters');
    return trimmed;
  });
  return {
    port: read('PORT', (v) => integer(v, 0, 65535)) ?? 3000,
    host: read('HOST', (v) => v) ?? '0.0.0.0',
    dbFile: read('TRIAGE_DB_FILE', (v) => v) ?? 'data/triage.db',
    logLevel: read('LOG_LEVEL', (v) => oneOf(v, logLevels)) ?? 'info',
    seedDemo: seedDemo === undefined ? !production : seedDemo === 'true',
    dev: read('TRIAGE_DEV', (v) => oneOf(v, ['0', '1'] as const)) === '1',
    smtpUrl: read('TRIAGE_SMTP_URL', (v) => url(v, /^smtps?$/, 'use smtp://[user:password@]host:port or smtps://…')) ?? null,
    mailFrom: mailFrom ?? defaultMailFrom,
    publicUrl: read('TRIAGE_PUBLIC_URL', (v) => url(v, /^https?$/, 'use the address people open, e.g. https://triage.example.gov.uk'))?.replace(/\/+$/, '') ?? null,
    production,
    dbBusyTimeoutMs: read('TRIAGE_DB_BUSY_MS', (v) => integer(v, 0, 60_000)) ?? 5000,
    sqliteCheckpoint: read('TRIAGE_SQLITE_CHECKPOINT', (v) => oneOf(v, ['auto', 'background', 'inline'] as const)) ?? 'auto',
    updateJournal: (read('TRIAGE_UPDATE_JOURNAL', (v) => oneOf(v, ['on', 'off'] as const)) ?? 'on') === 'on',
    databaseUrl: read('TRIAGE_DATABASE_URL', (v) => url(v, /^postgres(ql)?$/, 'use postgres://user:password@host:port/database')) ?? null,
    redisUrl: read('TRIAGE_REDIS_URL', (v) => url(v, /^rediss?$/, 'use redis://[user:password@]host:port[/db] or rediss://… (TLS)')) ?? null,
  };
}
