import type { ErrorBody, ErrorCode } from '../shared/protocol.js';
import { closeCodes } from '../shared/protocol.js';

/** The one error type services throw; every door maps it from here. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** For `validation_failed`: one message per field at fault, so forms show each beside its field. */
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }
}

const httpStatus: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 422,
  unauthorised: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  payload_too_large: 413,
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
          : closeCodes.malformedMessage;

export const errorBody = (code: ErrorCode, message: string, fields?: Record<string, string>): ErrorBody => ({ error: fields ? { code, message, fields } : { code, message } });

/** A 422 naming the fields at fault; the message lists them all. */
export const fieldErrors = (fields: Record<string, string>): AppError =>
  new AppError('validation_failed', Object.entries(fields).map(([field, message]) => `${field}: ${message}`).join('; '), fields);

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  return new AppError('internal', 'Something went wrong on the server');
}
