import type { RequestHandler } from 'express';
import { AppError } from '../errors.js';
import type { AuthService } from '../services/auth-service.js';

/** Resolves the session cookie to a person once per request. */
export const identify =
  (auth: AuthService): RequestHandler =>
  (req, res, next) => {
    res.locals.actor = auth.authenticate(req.headers.cookie);
    next();
  };

/**
 * Writes must come from our own pages: a cross-site form cannot send JSON without a CORS preflight we never
 * grant, and a present Origin must match the Host.
 */
export const sameOriginWrites: RequestHandler = (req, _res, next) => {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
  const origin = req.headers.origin;
  if (origin && origin !== 'null') {
    let host: string;
    try {
      host = new URL(origin).host;
    } catch {
      return next(new AppError('forbidden', 'Bad Origin header'));
    }
    if (host !== req.headers.host) return next(new AppError('forbidden', 'Cross-site request refused'));
  }
  if (req.headers['content-length'] && req.headers['content-length'] !== '0' && !req.is('application/json')) {
    return next(new AppError('bad_request', 'Send JSON (Content-Type: application/json)'));
  }
  next();
};
