/**
 * PostgreSQL's text (and jsonb) cannot hold the NUL character (U+0000): a statement that merely compares text with a
 * parameter holding it fails ("invalid byte sequence for encoding UTF8: 0x00"), where SQLite simply finds nothing.
 * Nothing stored can hold NUL, so such a parameter can match no row. One place for every PostgreSQL store: the
 * pool's client class looks at each statement's parameters before sending it —
 * - a read (SELECT, or a WITH that writes nothing) is sent with each such parameter as NULL, which equals nothing
 *   just as the key does: a lookup finds no row, an `in (…)` list still finds its other members, a count is 0 — the
 *   answer SQLite gives. (Not "no rows" unsent: that would lose the list's other members and a count's row. A `<>`
 *   or `$1 is null` on such a parameter would differ from SQLite; no store writes one.)
 * - anything else (a write) is refused with a validation error (422 over HTTP, `validation_failed` in a Socket.IO
 *   ack), never sent, so nothing of it is stored and the transaction around it rolls back.
 * PostgreSQL's own refusal of such text (a JSON string with an escaped NUL, say) is given the same words (`pgCall`).
 */
import pg from 'pg';
import { AppError, msg } from '../../errors.js';

const nul = '\u0000';

/** A parameter holding NUL: a string, or a string inside an array parameter. Buffers (bytea) may hold 0 bytes. */
function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes(nul);
  if (Array.isArray(value)) return value.some(holdsNul);
  return false;
}

/** A statement that only reads: its NUL-holding parameters can be sent as NULL (it changes nothing). */
function onlyReads(text: string): boolean {
  const start = text.trimStart().replace(/^\(+\s*/, '').slice(0, 6).toLowerCase();
  if (start === 'select') return true;
  if (!start.startsWith('with')) return false;
  // A WITH writes if a data-modifying statement is in it: looked for outside quoted names ("update" is a column)
  // and literals, and a row lock (`for update`) is still a read.
  const words = text.replace(/"[^"]*"|'(?:[^']|'')*'/g, ' ').replace(/\bfor\s+(no\s+key\s+)?update\b/gi, ' ');
  return !/\b(insert|update|delete|merge)\b/i.test(words);
}

/** The refusal a write holding NUL gets (and PostgreSQL's own refusal of such text, in pgCall). */
export const nulRefusal = (): AppError => new AppError('validation_failed', msg('errors:textHoldsNul'));

/** SQLSTATE 22021 (NUL in text: "invalid byte sequence") and 22P05 (a \u0000 escape in jsonb: "untranslatable character"). */
export function isNulRefusalFromPg(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message, detail } = e as { code?: unknown; message?: unknown; detail?: unknown };
    // jsonb says which escape in the detail ("\u0000 cannot be converted to text"), text in the message ("0x00").
    if ((code === '22021' || code === '22P05') && /0x00|\\u0000/.test(`${String(message)} ${String(detail)}`)) return true;
  }
  return false;
}

type QueryArgs = unknown[];

/** A NUL-holding parameter as a read sends it: NULL, which (like the key) equals no stored value. */
const asNoMatch = (value: unknown): unknown => (typeof value === 'string' ? (value.includes(nul) ? null : value) : Array.isArray(value) ? value.map(asNoMatch) : value);

/**
 * What to do with a statement: send it as it is (null), send it with its NUL-holding parameters made NULL (a read),
 * or refuse it unsent (a write).
 */
function nulCheck(args: QueryArgs): { args: QueryArgs } | { error: AppError } | null {
  const [config, values] = args;
  if (typeof config !== 'string' && (typeof config !== 'object' || config === null)) return null;
  // A Submittable (a cursor or a stream) runs itself: not ours to answer.
  if (typeof config === 'object' && typeof (config as { submit?: unknown }).submit === 'function') return null;
  const text = typeof config === 'string' ? config : String((config as { text?: unknown }).text ?? '');
  const separate = Array.isArray(values);
  const params = separate ? values : (config as { values?: unknown }).values;
  if (!Array.isArray(params) || !params.some(holdsNul)) return null;
  if (!onlyReads(text)) return { error: nulRefusal() };
  const safe = params.map(asNoMatch);
  if (separate) return { args: [config, safe, ...args.slice(2)] };
  return { args: [{ ...(config as object), values: safe }, ...args.slice(1)] };
}

const send = pg.Client.prototype.query as (this: pg.Client, ...args: unknown[]) => unknown;

/** node-postgres's Client with the check above in front of every query (the pool makes all its clients of it). */
export class NulSafeClient extends pg.Client {
  // node-postgres's query has a dozen overloads (promise or callback, text or config): this forwards them all.
  override query(...args: any[]): any {
    const check = nulCheck(args);
    if (!check) return send.apply(this, args);
    if ('args' in check) return send.apply(this, check.args);
    const callback = args.find((a, i) => i > 0 && typeof a === 'function') as ((err: Error) => void) | undefined;
    if (!callback) return Promise.reject(check.error);
    process.nextTick(() => callback(check.error));
    return undefined;
  }
}
