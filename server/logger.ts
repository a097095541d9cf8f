import pino from 'pino';

export type Logger = pino.Logger;

/** Structured logs. Note text and personal fields are never passed to it: log ids and counts only. */
export function createLogger(level: string): Logger {
  return pino({ level, base: undefined, redact: ['req.headers.cookie', 'password', 'email'] });
}
