import { describe, expect, it } from 'vitest';
import { describeDatabase, readConfig } from '../../server/config.js';
import { areasNotOnPostgres } from '../../server/db/stores/postgres-coverage.js';

describe('config', () => {
  it('has working defaults', () => {
    expect(readConfig({})).toEqual({ port: 3000, host: '0.0.0.0', dbFile: 'data/triage.db', logLevel: 'info', seedDemo: true, dev: false, production: false, smtpUrl: null, mailFrom: 'Triage Room <no-reply@triage.invalid>', publicUrl: null, dbBusyTimeoutMs: 5000, sqliteCheckpoint: 'auto', updateJournal: true, databaseUrl: null, redisUrl: null });
  });
  it('reads whether updates are journalled before their commit, and refuses anything else', () => {
    expect(readConfig({ TRIAGE_UPDATE_JOURNAL: 'off' })).toMatchObject({ updateJournal: false });
    expect(readConfig({ TRIAGE_UPDATE_JOURNAL: 'on' })).toMatchObject({ updateJournal: true });
    expect(() => readConfig({ TRIAGE_UPDATE_JOURNAL: 'yes' })).toThrow(/^Invalid TRIAGE_UPDATE_JOURNAL="yes"/);
  });
  it('reads where SQLite checkpoints run, and refuses anything else', () => {
    expect(readConfig({ TRIAGE_SQLITE_CHECKPOINT: 'inline' })).toMatchObject({ sqliteCheckpoint: 'inline' });
    expect(readConfig({ TRIAGE_SQLITE_CHECKPOINT: 'background' })).toMatchObject({ sqliteCheckpoint: 'background' });
    expect(() => readConfig({ TRIAGE_SQLITE_CHECKPOINT: 'thread' })).toThrow(/^Invalid TRIAGE_SQLITE_CHECKPOINT="thread"/);
  });
  it('reads the mail settings', () => {
    expect(readConfig({ TRIAGE_SMTP_URL: 'smtp://mailer:secret@mail.example.test:587', TRIAGE_PUBLIC_URL: 'https://triage.example.test/' })).toMatchObject({
      smtpUrl: 'smtp://mailer:secret@mail.example.test:587',
      publicUrl: 'https://triage.example.test',
    });
  });
  it('reads overrides', () => {
    const config = readConfig({ PORT: '8080', TRIAGE_DB_FILE: '/tmp/x.db', LOG_LEVEL: 'warn', TRIAGE_SEED_DEMO: 'false' });
    expect(config).toMatchObject({ port: 8080, dbFile: '/tmp/x.db', logLevel: 'warn', seedDemo: false });
  });
  it('never seeds the demo in production: off by default there, and asking for it stops start-up', () => {
    expect(readConfig({ NODE_ENV: 'production' })).toMatchObject({ production: true, seedDemo: false });
    expect(readConfig({ NODE_ENV: 'production', TRIAGE_SEED_DEMO: 'false' })).toMatchObject({ seedDemo: false });
    expect(() => readConfig({ NODE_ENV: 'production', TRIAGE_SEED_DEMO: 'true' })).toThrow(/^Invalid TRIAGE_SEED_DEMO="true": the synthetic demo is never seeded when NODE_ENV=production/);
    expect(readConfig({ NODE_ENV: 'development' })).toMatchObject({ production: false, seedDemo: true });
  });
  it('takes a PostgreSQL URL: every area runs on PostgreSQL', () => {
    const url = 'postgres://triage:secret@db.example.test:5432/triage';
    expect(areasNotOnPostgres()).toEqual([]);
    expect(readConfig({ TRIAGE_DATABASE_URL: url })).toMatchObject({ databaseUrl: url });
    expect(readConfig({ TRIAGE_DATABASE_URL: 'postgresql://db.example.test/triage' })).toMatchObject({ databaseUrl: 'postgresql://db.example.test/triage' });
    // Empty means unset, as for the other URLs.
    expect(readConfig({ TRIAGE_DATABASE_URL: '' })).toMatchObject({ dbFile: 'data/triage.db' });
  });
  it('names the database for people to read without its user or password', () => {
    expect(describeDatabase({ dbFile: 'data/triage.db', databaseUrl: null })).toBe('data/triage.db');
    const described = describeDatabase({ dbFile: 'data/triage.db', databaseUrl: 'postgres://triage:s3cret%40pw@db.example.test:5432/triage' });
    expect(described).toBe('PostgreSQL at db.example.test:5432/triage');
    expect(describeDatabase({ dbFile: 'x', databaseUrl: 'postgresql://db.example.test/triage' })).toBe('PostgreSQL at db.example.test/triage');
  });
  it('reads the Redis URL for several processes (empty means one process)', () => {
    expect(readConfig({ TRIAGE_REDIS_URL: 'redis://:secret@cache.example.test:6379/2' })).toMatchObject({ redisUrl: 'redis://:secret@cache.example.test:6379/2' });
    expect(readConfig({ TRIAGE_REDIS_URL: 'rediss://cache.example.test' })).toMatchObject({ redisUrl: 'rediss://cache.example.test' });
    expect(readConfig({ TRIAGE_REDIS_URL: '' })).toMatchObject({ redisUrl: null });
  });
  it('takes an empty variable as unset (an env file with NAME= lines) and trims the sender', () => {
    const blank = Object.fromEntries(['PORT', 'HOST', 'TRIAGE_DB_FILE', 'LOG_LEVEL', 'TRIAGE_SEED_DEMO', 'TRIAGE_DEV', 'TRIAGE_MAIL_FROM', 'TRIAGE_DB_BUSY_MS', 'TRIAGE_SQLITE_CHECKPOINT', 'TRIAGE_UPDATE_JOURNAL'].map((n) => [n, '']));
    expect(readConfig(blank)).toEqual(readConfig({}));
    expect(readConfig({ TRIAGE_MAIL_FROM: '  Triage <triage@example.test> ', PORT: '0', TRIAGE_DEV: '1' })).toMatchObject({ mailFrom: 'Triage <triage@example.test>', port: 0, dev: true });
  });
  it('never echoes the password of a mistyped URL', () => {
    for (const [name, value] of [
      ['TRIAGE_REDIS_URL', 'redis//:hunter2@cache.example.test:6379'],
      ['TRIAGE_REDIS_URL', 'cache.example.test:hunter2@6379'],
      ['TRIAGE_DATABASE_URL', 'postgress://triage:hunter2@db.example.test/triage'],
      ['TRIAGE_SMTP_URL', 'mailer:hunter2@mail.example.test:587'],
    ]) {
      const attempt = () => readConfig({ [name]: value });
      expect(attempt).toThrow(new RegExp(`^Invalid ${name}=`));
      expect(attempt).not.toThrow(/hunter2/);
    }
  });
  it.each([
    [{ TRIAGE_REDIS_URL: 'cache.example.test:6379' }, /^Invalid TRIAGE_REDIS_URL="cache.example.test:6379": use redis:\/\//],
    [{ TRIAGE_REDIS_URL: 'http://cache.example.test' }, /^Invalid TRIAGE_REDIS_URL=/],
    [{ TRIAGE_DATABASE_URL: 'mysql://db.example.test/triage' }, /^Invalid TRIAGE_DATABASE_URL="mysql:\/\/db.example.test\/triage": use postgres:\/\//],
    [{ PORT: '70000' }, /^Invalid PORT="70000"/],
    [{ PORT: 'abc' }, /^Invalid PORT="abc": expected a number$/],
    [{ PORT: '80.5' }, /^Invalid PORT="80.5": expected an integer$/],
    [{ TRIAGE_DB_BUSY_MS: '-1' }, /^Invalid TRIAGE_DB_BUSY_MS="-1": too small: expected at least 0$/],
    [{ TRIAGE_MAIL_FROM: ' x ' }, /^Invalid TRIAGE_MAIL_FROM=" x ": expected 3 to 200 characters$/],
    [{ TRIAGE_DEV: 'true' }, /^Invalid TRIAGE_DEV="true": expected one of "0", "1"$/],
    [{ LOG_LEVEL: 'loud' }, /^Invalid LOG_LEVEL="loud"/],
    [{ TRIAGE_SEED_DEMO: 'yes' }, /^Invalid TRIAGE_SEED_DEMO="yes"/],
    [{ TRIAGE_SMTP_URL: 'mail.example.test' }, /^Invalid TRIAGE_SMTP_URL="mail.example.test": use smtp:\/\//],
    [{ TRIAGE_SMTP_URL: 'http://mail.example.test' }, /^Invalid TRIAGE_SMTP_URL=/],
    [{ TRIAGE_PUBLIC_URL: 'ftp://x' }, /^Invalid TRIAGE_PUBLIC_URL=/],
  ])('names the bad variable in one line: %o', (env, message) => {
    expect(() => readConfig(env)).toThrow(message);
  });
});
