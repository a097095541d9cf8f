import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, errorBody, httpStatusOf, toAppError } from '../errors.js';
import type { Logger } from '../logger.js';

export const apiNotFound: RequestHandler = (req, res) => {
  res.status(404).json(errorBody('not_found', `No API route ${req.method} ${req.path}`));
};

/** Maps every error to `{ error: { code, message } }`. Body-parser errors carry `type` and `status`. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    let appError: AppError;
    if (err?.type === 'entity.parse.failed') appError = new AppError('bad_request', 'Request body is not valid JSON');
    else if (err?.type === 'entity.too.large') appError = new AppError('payload_too_large', 'Request body is too large');
    else if (err?.status === 415 || err?.type === 'encoding.unsupported') appError = new AppError('bad_request', 'Unsupported request encoding');
    else appError = toAppError(err);
    if (appError.code === 'internal') logger.error({ err: err?.message, path: req.path }, 'request failed');
    res.status(httpStatusOf(appError.code)).json(errorBody(appError.code, appError.message, appError.fields));
  };
}
