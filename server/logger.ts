import pino from 'pino';

export type Logger = pino.Logger;

/**
 * Secrets pino removes wherever a caller passes them by mistake: cookies, tokens, passwords, emails (a personal
 * field), at the top level and one object down (e.g. `{ req: { headers: { cookie } } }`, `{ body: { password } }`).
 */
const secretKeys = ['cookie', 'cookies', 'set-cookie', 'authorization', 'token', 'inviteToken', 'password', 'newPassword', 'passwordHash', 'email', 'sessionToken'];
export const redactPaths = [
  ...secretKeys.flatMap((k) => [`["${k}"]`, `*["${k}"]`]),
  'req.headers.cookie',
  'req.headers.authorization',
  'headers.cookie',
  'headers.authorization',
  'res.headers["set-cookie"]',
];

/** Structured logs. Note text and personal fields are never passed to it: log ids and counts only. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = { level, base: undefined, redact: { paths: redactPaths, censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}
