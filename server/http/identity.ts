import type { IncomingHttpHeaders } from 'node:http';
import type { RequestHandler } from 'express';
import { AppError, msg } from '../errors.js';
import { checkOrigin } from './origin.js';
import type { AuthService } from '../services/auth-service.js';

/** Resolves the session cookie to a person once per request. */
export const identify =
  (auth: AuthService): RequestHandler =>
  async (req, res, next) => {
    // Express 5 passes a rejection (a storage fault) to the error handler.
    res.locals.actor = await auth.authenticate(req.headers.cookie);
    next();
  };

/**
 * Writes must come from our own pages: a present Origin must name this server (`checkOrigin`, shared with the
 * Socket.IO and Yjs doors), and a write must be JSON — a cross-site form cannot send `application/json` without a
 * CORS preflight we never grant. A POST, PUT or PATCH must say it is JSON even with an empty body (an empty
 * `text/plain` form post is exactly what a cross-site page can send); a DELETE may have no body, but a body it
 * carries (by Content-Length or chunked) must be JSON too.
 */
export const sameOriginWrites: RequestHandler = (req, _res, next) => {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
  const origin = checkOrigin(req.headers);
  if (!origin.ok) return next(new AppError('forbidden', origin.message));
  const needsJson = req.method !== 'DELETE' || hasBody(req.headers);
  if (needsJson && !isJson(req.headers['content-type'])) {
    return next(new AppError('bad_request', msg('errors:sendJsonContentTypeApplicationJson')));
  }
  next();
};

/** `application/json`, optionally with parameters; never throws on a malformed header. */
function isJson(contentType: string | undefined): boolean {
  if (typeof contentType !== 'string') return false;
  return contentType.split(';', 1)[0].trim().toLowerCase() === 'application/json';
}

/** A body is coming: a non-zero Content-Length, or chunked (no length at all). */
function hasBody(headers: IncomingHttpHeaders): boolean {
  if (headers['transfer-encoding'] !== undefined) return true;
  const length = headers['content-length'];
  return length !== undefined && length !== '0';
}
