/**
 * PostgreSQL's ways of saying "the storage cannot take this right now", turned into the same kind of storage fault
 * the SQLite code raises (a `code` that `storageFaultOf` in server/errors.ts knows), so the write batcher, the retry
 * queues and the HTTP 503 treat both engines alike. The transaction was rolled back (or never began): nothing of it
 * is stored, and the same write can be tried again.
 */

import { appErrorWithin } from '../../errors.js';
import { isNulRefusalFromPg, nulRefusal } from './nul-keys.js';

/** Our codes, in server/errors.ts's table of storage faults. */
export type PgFaultCode = 'PG_UNAVAILABLE' | 'PG_BUSY' | 'PG_FULL';

export class PgStorageFault extends Error {
  constructor(
    readonly code: PgFaultCode,
    message: string,
    readonly cause: unknown,
  ) {
    super(message);
    this.name = 'PgStorageFault';
  }
}

// Socket-level failures node-postgres passes through, and its own words for a connection that died or never came.
const networkCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const droppedConnection = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connection is closed/i;

/** The fault behind a node-postgres error, or null when it is not one (a constraint, a bug: not worth retrying). */
export function pgFaultCodeOf(err: unknown): PgFaultCode | null {
  if (err instanceof PgStorageFault) return err.code;
  if (typeof err !== 'object' || err === null) return null;
  const code = (err as { code?: unknown }).code;
  const message = (err as { message?: unknown }).message;
  if (typeof code === 'string') {
    if (networkCodes.has(code)) return 'PG_UNAVAILABLE';
    // SQLSTATE class 08: connection exception; 57P01-57P03: the server is shutting down or starting up.
    if (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03') return 'PG_UNAVAILABLE';
    // Serialization failure, deadlock detected, lock not available: another transaction won; try again.
    if (code === '40001' || code === '40P01' || code === '55P03') return 'PG_BUSY';
    // Class 53: insufficient resources (disk full, out of memory, too many connections).
    if (code === '53300') return 'PG_BUSY';
    if (code.startsWith('53')) return 'PG_FULL';
  }
  if (typeof message === 'string' && droppedConnection.test(message)) return 'PG_UNAVAILABLE';
  // Drizzle wraps driver errors ("Failed query: …") with the driver's error as the cause.
  const cause = (err as { cause?: unknown }).cause;
  return cause && cause !== err ? pgFaultCodeOf(cause) : null;
}

const words: Record<PgFaultCode, string> = {
  PG_UNAVAILABLE: 'The database cannot be reached; nothing was saved. Try again in a moment',
  PG_BUSY: 'The database is busy; nothing was saved. Try again in a moment',
  PG_FULL: 'The database has run out of space; nothing was saved. Try again once space is freed',
};

/**
 * Runs one storage call: a PostgreSQL fault comes out as a PgStorageFault with its words; text holding NUL as the
 * validation error of nul-keys.ts (also when Drizzle wrapped it); anything else as it was.
 */
export async function pgCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    const code = pgFaultCodeOf(err);
    if (code) throw new PgStorageFault(code, words[code], err);
    const refusal = appErrorWithin(err) ?? (isNulRefusalFromPg(err) ? nulRefusal() : null);
    throw refusal ?? err;
  }
}

export const pgFaultWords = words;
