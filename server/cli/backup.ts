/**
 * `npm run backup -- <file>`: an online copy of the SQLite database while the server keeps serving meetings.
 * SQLite's backup API copies page by page and restarts itself when the server writes in between, so the copy is
 * one consistent moment (every committed Yjs update, minutes and audit row up to then), never a torn file.
 * On PostgreSQL (TRIAGE_DATABASE_URL) it refuses and names pg_dump, which takes that database's consistent copy.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { readConfig, ConfigError } from '../config.js';

function fail(message: string): never {
  process.stderr.write(`triage-room backup: ${message}\n`);
  process.exit(1);
}

// With PostgreSQL the records are not in a file this command can copy; PostgreSQL's own tool takes the online copy.
// Checked before the rest of the configuration, so the answer is this whatever else is set.
if (process.env.TRIAGE_DATABASE_URL) {
  fail(
    'TRIAGE_DATABASE_URL is set: the records are in PostgreSQL, which this command does not copy. ' +
      'Take an online backup with pg_dump, e.g. pg_dump --format=custom --file=<file> "$TRIAGE_DATABASE_URL" ' +
      '(restore with pg_restore); see "PostgreSQL" in the README',
  );
}
const target = process.argv[2];
if (!target || target.startsWith('-')) fail('name the backup file: npm run backup -- <file>');
let source: string;
try {
  source = readConfig().dbFile;
} catch (err) {
  fail(err instanceof ConfigError ? err.message : String(err));
}
if (!fs.existsSync(source)) fail(`no database at ${source} (set TRIAGE_DB_FILE)`);
if (fs.existsSync(target)) fail(`${target} already exists; choose a new file name`);
fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });

const sqlite = new Database(source, { fileMustExist: true });
sqlite.pragma('busy_timeout = 5000');
try {
  const { totalPages } = await sqlite.backup(target);
  process.stdout.write(`Backed up ${source} to ${target} (${totalPages} pages)\n`);
} catch (err) {
  fs.rmSync(target, { force: true });
  fail(`backup failed: ${(err as Error).message}`);
} finally {
  sqlite.close();
}
