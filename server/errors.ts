import type { ErrorBody, ErrorCode, FieldErrors } from '../shared/protocol.js';
import { closeCodes } from '../shared/protocol.js';
import { pgFaultWords } from './db/pg/faults.js';

/** The one error type services throw; every door maps it from here. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** For `validation_failed`: a message per field, so a form can show each beside its field. */
    readonly fields?: FieldErrors,
  ) {
    super(message);
  }
}

/** A 422 naming each field that is wrong; the message is the first field's, for clients that show only one line. */
export const invalidFields = (fields: FieldErrors): AppError => new AppError('validation_failed', Object.values(fields)[0] ?? 'Invalid input', fields);

const httpStatus: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 422,
  unauthorised: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  payload_too_large: 413,
  unavailable: 503,
  internal: 500,
};

export const httpStatusOf = (code: ErrorCode): number => httpStatus[code];

export const closeCodeOf = (code: ErrorCode): number =>
  code === 'unauthorised'
    ? closeCodes.unauthorised
    : code === 'forbidden'
      ? closeCodes.forbidden
      : code === 'not_found'
        ? closeCodes.notFound
        : code === 'payload_too_large'
          ? closeCodes.frameTooLarge
          : code === 'unavailable' || code === 'internal'
            ? closeCodes.serverShuttingDown
            : closeCodes.malformedMessage;

export const errorBody = (code: ErrorCode, message: string, fields?: FieldErrors): ErrorBody => ({ error: { code, message, ...(fields ? { fields } : {}) } });

/**
 * SQLite result codes that mean "the storage cannot take a write right now" rather than a bug: another connection
 * holds the write lock past the busy timeout, or the disk (or the database's size cap) is full. The transaction was
 * rolled back, so the same request can simply be tried again later.
 */
const storageFaults: Record<string, string> = {
  SQLITE_BUSY: 'The database is busy; nothing was saved. Try again in a moment',
  SQLITE_LOCKED: 'The database is busy; nothing was saved. Try again in a moment',
  SQLITE_FULL: 'The server has run out of storage space; nothing was saved. Try again once space is freed',
  SQLITE_IOERR: 'The server could not write to its storage; nothing was saved. Try again in a moment',
  // PostgreSQL's faults, already classified by the pg stores (server/db/pg/faults.ts).
  ...pgFaultWords,
};

/** The storage fault behind an error (better-sqlite3's `SqliteError.code`, e.g. `SQLITE_BUSY_SNAPSHOT`, or a PgStorageFault's), or null. */
export function storageFaultOf(err: unknown): string | null {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  if (typeof code !== 'string') return null;
  const base = Object.keys(storageFaults).find((k) => code === k || code.startsWith(`${k}_`));
  return base ?? null;
}

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const fault = storageFaultOf(err);
  if (fault) return new AppError('unavailable', storageFaults[fault]);
  return new AppError('internal', 'Something went wrong on the server');
}
