import type { Request, RequestHandler } from 'express';
import type { Logger } from '../logger.js';

/** Path segments after one of these are secrets: `/invite/<token>`, `/api/invites/<token>/accept`, `/api/calendar/<token>.ics`. */
const secretAfter = new Set(['invite', 'invites', 'calendar']);
/** …except the fixed words that follow a token in our own routes. */
const fixedWords = new Set(['accept']);
// Ids are 12 characters; a long run of token characters in a path is a secret of some kind: never log it either.
const tokenLike = /^[A-Za-z0-9_~%.=-]{32,}$/;
const maxLoggedPath = 200;

/**
 * The request path as it may appear in a log: no query string or fragment, invite tokens and anything that looks
 * like a token replaced by `[redacted]`, and capped in length (a hostile 16 KB URL makes no 16 KB log line).
 */
export function loggablePath(url: string): string {
  const end = url.search(/[?#]/);
  const parts = (end < 0 ? url : url.slice(0, end)).split('/');
  let secretFollows = false;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (secretFollows && part !== '' && !fixedWords.has(part.toLowerCase())) parts[i] = '[redacted]';
    else if (tokenLike.test(part)) parts[i] = '[redacted]';
    if (secretAfter.has(part.toLowerCase())) secretFollows = true;
  }
  const path = parts.join('/');
  return path.length > maxLoggedPath ? `${path.slice(0, maxLoggedPath)}…` : path;
}

export const routeOf = (req: Request): string => loggablePath(req.originalUrl ?? req.url ?? '/');

/** One line per request: method, redacted path, status, time. Never bodies, query strings, cookies or tokens. */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info({ method: req.method, path: routeOf(req), status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    });
    next();
  };
}
