/**
 * A storage fault is recognised wherever it sits: thrown by the driver itself (better-sqlite3's SqliteError, a
 * PostgreSQL fault) or wrapped by Drizzle ("Failed query: …" with the driver's error as `cause`). Recognised, it is
 * answered as "unavailable" (try again), never as a refusal or a bug; anything else stays what it was.
 */
import { describe, expect, it } from 'vitest';
import { AppError, storageFaultOf, toAppError } from '../../server/errors.js';

const driverError = (code: string) => Object.assign(new Error('driver says no'), { code });
const wrapped = (cause: unknown) => Object.assign(new Error('Failed query: select 1\nparams: '), { cause });

describe('storage faults, bare or wrapped', () => {
  it('recognises a driver fault thrown as it is, and under one or two wrappers', () => {
    expect(storageFaultOf(driverError('SQLITE_BUSY'))).toBe('SQLITE_BUSY');
    expect(storageFaultOf(driverError('SQLITE_IOERR_READ'))).toBe('SQLITE_IOERR');
    expect(storageFaultOf(wrapped(driverError('SQLITE_FULL')))).toBe('SQLITE_FULL');
    expect(storageFaultOf(wrapped(wrapped(driverError('SQLITE_BUSY_SNAPSHOT'))))).toBe('SQLITE_BUSY');
    expect(toAppError(wrapped(driverError('SQLITE_IOERR'))).code).toBe('unavailable');
  });

  it('leaves everything else alone: other codes, refusals, plain errors, cycles', () => {
    expect(storageFaultOf(driverError('SQLITE_CONSTRAINT_UNIQUE'))).toBeNull();
    expect(storageFaultOf(wrapped(new Error('no code')))).toBeNull();
    expect(storageFaultOf('SQLITE_BUSY')).toBeNull();
    expect(storageFaultOf(null)).toBeNull();
    const cycle: { code?: string; cause?: unknown } = {};
    cycle.cause = cycle;
    expect(storageFaultOf(cycle)).toBeNull();
    expect(toAppError(wrapped(new AppError('forbidden', 'not yours'))).code).toBe('forbidden');
    expect(toAppError(wrapped(new Error('bug'))).code).toBe('internal');
  });
});
