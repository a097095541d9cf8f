import type { ErrorBody, ErrorCode, FieldErrors } from '../shared/protocol.js';
import { closeCodes } from '../shared/protocol.js';

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

export const errorBody = (code: ErrorCode, message: string, fields?: FieldErrors): ErrorBody => ({ error: { code, message, ...(fields ? { fields } : {}) } });

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  return new AppError('internal', 'Something went wrong on the server');
}
