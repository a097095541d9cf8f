import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, errorBody, httpStatusOf, toAppError } from '../errors.js';
import { routeOf } from './request-log.js';
import { localiserFor, requestLanguage } from '../i18n.js';
import type { Logger } from '../logger.js';

export const apiNotFound: RequestHandler = (req, res) => {
  res.status(404).json(errorBody('not_found', `No API route ${req.method} ${req.path}`));
};

/** The framework's own client errors (Express, body-parser, serve-static) carry an HTTP status: keep it a 4xx. */
function clientErrorOf(err: unknown): AppError | null {
  const e = err as { type?: unknown; status?: unknown; statusCode?: unknown } | null;
  if (e?.type === 'entity.parse.failed') return new AppError('bad_request', 'Request body is not valid JSON');
  if (e?.type === 'entity.too.large') return new AppError('payload_too_large', 'Request body is too large');
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') return new AppError('bad_request', 'Unsupported request encoding');
  if (err instanceof URIError) return new AppError('bad_request', 'The address has bad percent-encoding');
  const status = typeof e?.status === 'number' ? e.status : typeof e?.statusCode === 'number' ? e.statusCode : null;
  if (status === null || status < 400 || status > 499) return null;
  if (status === 404) return new AppError('not_found', 'Not found');
  if (status === 413) return new AppError('payload_too_large', 'Request body is too large');
  // e.g. "Failed to decode param '%E0%A4%A'": the address itself is bad.
  return new AppError('bad_request', status === 400 ? 'The address or request is malformed' : 'The request could not be handled');
}

/**
 * Maps every error to `{ error: { code, message, fields? } }`. Client errors are not logged as errors: only a fault of our
 * own (`internal`) or of the storage (`unavailable`) is, once, with the route it happened on.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const appError = clientErrorOf(err) ?? toAppError(err);
    if (appError.code === 'internal') logger.error({ err: (err as Error | undefined)?.message, method: req.method, route: routeOf(req) }, 'request failed');
    else if (appError.code === 'unavailable') logger.warn({ err: (err as Error | undefined)?.message, method: req.method, route: routeOf(req) }, 'request hit a storage fault');
    if (res.headersSent) return res.end();
    // Messages written as catalogue keys (shared/i18n/message.ts) go out in the reader's language.
    const localise = localiserFor(requestLanguage(req, res));
    const fields = appError.fields ? Object.fromEntries(Object.entries(appError.fields).map(([field, text]) => [field, localise(text)])) : undefined;
    res.status(httpStatusOf(appError.code)).json(errorBody(appError.code, localise(appError.message), fields));
  };
}
