import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, errorBody, httpStatusOf, msg, toAppError } from '../errors.js';
import { routeOf } from './request-log.js';
import { requestLanguage } from '../i18n.js';
import type { Logger } from '../logger.js';

export const apiNotFound: RequestHandler = (req, res) => {
  const error = new AppError('not_found', msg('errors:noApiRoute', { method: req.method, path: req.path }));
  res.status(404).json(errorBody('not_found', error.in(requestLanguage(req, res)).message));
};

/** The framework's own client errors (Express, body-parser, serve-static) carry an HTTP status: keep it a 4xx. */
function clientErrorOf(err: unknown): AppError | null {
  const e = err as { type?: unknown; status?: unknown; statusCode?: unknown } | null;
  if (e?.type === 'entity.parse.failed') return new AppError('bad_request', msg('errors:requestBodyIsNotValidJson'));
  if (e?.type === 'entity.too.large') return new AppError('payload_too_large', msg('errors:requestBodyIsTooLarge'));
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') return new AppError('bad_request', msg('errors:unsupportedRequestEncoding'));
  if (err instanceof URIError) return new AppError('bad_request', msg('errors:theAddressHasBadPercentEncoding'));
  const status = typeof e?.status === 'number' ? e.status : typeof e?.statusCode === 'number' ? e.statusCode : null;
  if (status === null || status < 400 || status > 499) return null;
  if (status === 404) return new AppError('not_found', msg('errors:notFound'));
  if (status === 413) return new AppError('payload_too_large', msg('errors:requestBodyIsTooLarge'));
  // e.g. "Failed to decode param '%E0%A4%A'": the address itself is bad.
  return new AppError('bad_request', status === 400 ? msg('errors:addressMalformed') : msg('errors:requestNotHandled'));
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
    // In the reader's language: their saved choice, else this device's, else the browser's.
    const { message, fields } = appError.in(requestLanguage(req, res));
    res.status(httpStatusOf(appError.code)).json(errorBody(appError.code, message, fields));
  };
}
