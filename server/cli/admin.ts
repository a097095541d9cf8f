/**
 * `npm run admin -- create --email <email> --name "<name>" --agency "<agency>"`: makes an administrator in the
 * server's database — PostgreSQL when TRIAGE_DATABASE_URL is set, else the file TRIAGE_DB_FILE names (created and
 * migrated if new) — for a real install that starts with no demo.
 *
 * The password: asked twice on a terminal (not echoed); with `--password-stdin`, read from standard input (for
 * scripts); otherwise generated and printed once, here, to the terminal. It is never logged nor written anywhere else.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { readConfig, ConfigError, describeDatabase, type Config } from '../config.js';
import { openDatabase } from '../db/client.js';
import { sqliteStorage, type Storage } from '../db/stores/storage.js';
import { AppError } from '../errors.js';
import { createAdministrator } from '../services/create-administrator.js';

const usage = 'Usage: npm run admin -- create --email <email> --name "<full name>" --agency "<agency name or id>" [--password-stdin]';

function fail(message: string): never {
  process.stderr.write(`triage-room admin: ${message}\n`);
  process.exit(1);
}

/** Reads one line from the terminal without echoing it. */
function askHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stdout.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    let typed = '';
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          stdin.off('data', onData);
          stdin.setRawMode(false);
          stdin.pause();
          process.stdout.write('\n');
          return resolve(typed);
        }
        if (ch === '\u0003') {
          stdin.setRawMode(false);
          process.stdout.write('\n');
          return reject(new Error('cancelled'));
        }
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function readStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += chunk.toString();
  return text.replace(/\r?\n$/, '');
}

async function openStorage(config: Config): Promise<{ storage: Storage; close(): Promise<void> | void }> {
  if (config.databaseUrl) {
    const [{ openPgDatabase }, { pgStorage }] = await Promise.all([import('../db/pg/client.js'), import('../db/stores/pg-storage.js')]);
    const pg = await openPgDatabase(config.databaseUrl);
    return { storage: pgStorage(pg), close: () => pg.close() };
  }
  const sqlite = openDatabase(config.dbFile);
  return { storage: sqliteStorage(sqlite), close: () => sqlite.close() };
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { email: { type: 'string' }, name: { type: 'string' }, agency: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
    });
  } catch (err) {
    fail(`${(err as Error).message}\n${usage}`);
  }
  const { values, positionals } = parsed;
  if (positionals[0] !== 'create' || positionals.length !== 1) fail(usage);
  for (const key of ['email', 'name', 'agency'] as const) if (!values[key]) fail(`--${key} is required\n${usage}`);

  let config;
  try {
    config = readConfig();
  } catch (err) {
    fail(err instanceof ConfigError ? err.message : String(err));
  }

  let password: string;
  let generated = false;
  if (values['password-stdin']) password = await readStdin();
  else if (process.stdin.isTTY) {
    password = await askHidden('Password for the new administrator: ').catch(() => fail('cancelled'));
    if ((await askHidden('The same password again: ').catch(() => fail('cancelled'))) !== password) fail('the two passwords differ; nothing was created');
  } else {
    password = randomBytes(18).toString('base64url');
    generated = true;
  }

  // The database the server uses: PostgreSQL when TRIAGE_DATABASE_URL is set (migrated here if new), else the file.
  let database: { storage: Storage; close(): Promise<void> | void };
  try {
    database = await openStorage(config);
  } catch (err) {
    fail(`could not open the database (${describeDatabase(config)}): ${(err as Error).message}`);
  }
  try {
    const made = await createAdministrator(database.storage, { email: values.email!, name: values.name!, agency: values.agency! }, password, Date.now());
    const lines = [
      `Created administrator ${made.email} in ${describeDatabase(config)}.`,
      made.agencyCreated ? `Created agency "${made.agencyName}".` : `Agency: ${made.agencyName}.`,
      ...(generated ? ['Password (shown once, stored only as a hash; copy it now):', `  ${password}`] : []),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } catch (err) {
    fail(err instanceof AppError ? `${err.message}; nothing was created` : `could not create the administrator: ${(err as Error).message}`);
  } finally {
    await database.close();
  }
}

await main();
