import type { ErrorBody, ErrorCode, FieldErrors } from '../shared/protocol.js';
import { closeCodes } from '../shared/protocol.js';
import type { Language } from '../shared/i18n/languages.js';
import { localiserFor, translator } from './i18n.js';
import { isMessage, msg as encodeMessage } from '../shared/i18n/message.js';

/**
 * What an error says, as a catalogue key and its values (shared/i18n/locales/<lang>/errors.json), so each door can
 * say it in the reader's language. A value may itself be a message (e.g. a field's message inside a sentence).
 * A string is either a message encoded by shared/i18n/message.ts `msg()` (shared code and schemas write those) or
 * words already in the reader's language.
 */
export interface Msg {
  key: `errors:${ErrorKey}`;
  vars?: Record<string, string | number | Date | Msg>;
  /** A library's own English words for this (zod's, say): English readers get them as they are. */
  english?: string;
}
type Catalogue = typeof import('../shared/i18n/locales/en/errors.json');
type Nested<K extends keyof Catalogue> = `${K & string}.${keyof Catalogue[K] & string}`;
type ErrorKey = Exclude<keyof Catalogue, 'default'> | Nested<'storage'> | Nested<'origin'> | Nested<'schema'> | Nested<'meetingStatusWord'> | Nested<'referralStateWord'> | Nested<'caseStatusWord'>;
export type Text = string | Msg;

export const msg = (key: Msg['key'], vars?: Msg['vars']): Msg => ({ key, ...(vars ? { vars } : {}) });

/** Messages per field, gathered before one 422 is thrown. */
export type FieldTexts = Record<string, Text>;

/**
 * A schema's message: a catalogue message where we wrote one ("errors:…", or shared/i18n/message.ts's encoded
 * `msg()`), else a library's own English words (zod's, for a malformed value), which Welsh readers get as a plain
 * "this value is not valid".
 */
export const textOf = (message: string): Text =>
  /^errors:[\w.]+$/.test(message) ? { key: message as Msg['key'] } : isMessage(message) ? message : { key: 'errors:invalidValue', english: message };

/** The words of a message in a language. */
export function render(lang: Language, text: Text): string {
  // A string is an encoded catalogue message (translated here) or text written as it should be read.
  if (typeof text === 'string') return localiserFor(lang)(text);
  if (text.english !== undefined && lang === 'en') return text.english;
  const vars: Record<string, string | number | Date> = {};
  // A value may be a message: a Msg, or a string encoded by shared/i18n/message.ts (a schema's message in a sentence).
  for (const [k, v] of Object.entries(text.vars ?? {})) vars[k] = typeof v === 'object' && !(v instanceof Date) ? render(lang, v) : typeof v === 'string' && isMessage(v) ? render(lang, v) : v;
  // Keys are checked where a Msg is made (its `key` type); here any of them is looked up.
  const t = translator(lang) as unknown as (key: string, vars: Record<string, string | number | Date>) => string;
  return t(text.key, vars);
}

function encode(text: Text): string {
  if (typeof text === 'string') return text;
  if (text.english !== undefined) return encodeMessage(text.key);
  const values: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(text.vars ?? {})) values[k] = v instanceof Date ? v.getTime() : typeof v === 'object' ? encode(v) : v;
  return encodeMessage(text.key, Object.keys(values).length ? values : undefined);
}

/** The one error type services throw; every door maps it from here, in the reader's language. */
export class AppError extends Error {
  /** For `validation_failed`: a message per field (in English), so a form can show each beside its field. */
  readonly fields?: FieldErrors;
  constructor(
    readonly code: ErrorCode,
    readonly text: Text,
    readonly fieldTexts?: Record<string, Text>,
  ) {
    // English in `message` (logs, tests); `in(lang)` for what a person reads.
    super(render('en', text));
    if (fieldTexts) this.fields = Object.fromEntries(Object.entries(fieldTexts).map(([k, v]) => [k, render('en', v)]));
  }

  /**
   * The message as a catalogue key with its values (shared/i18n/message.ts's encoding), for a door whose client
   * translates on the screen (the live room's acks): the screen says it in whatever language it shows now.
   */
  encoded(): string {
    return encode(this.text);
  }

  in(lang: Language): { message: string; fields?: FieldErrors } {
    if (lang === 'en') return { message: this.message, ...(this.fields ? { fields: this.fields } : {}) };
    return {
      message: render(lang, this.text),
      ...(this.fieldTexts ? { fields: Object.fromEntries(Object.entries(this.fieldTexts).map(([k, v]) => [k, render(lang, v)])) } : {}),
    };
  }
}

/** A 422 naming each field that is wrong; the message is the first field's, for clients that show only one line. */
export const invalidFields = (fields: Record<string, Text>): AppError => new AppError('validation_failed', Object.values(fields)[0] ?? msg('errors:invalidInput'), fields);

const httpStatus: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 422,
  unauthorised: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  payload_too_large: 413,
  unavailable: 503,
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
          : code === 'unavailable' || code === 'internal'
            ? closeCodes.serverShuttingDown
            : closeCodes.malformedMessage;

export const errorBody = (code: ErrorCode, message: string, fields?: FieldErrors): ErrorBody => ({ error: { code, message, ...(fields ? { fields } : {}) } });

/**
 * SQLite result codes that mean "the storage cannot take a write right now" rather than a bug: another connection
 * holds the write lock past the busy timeout, or the disk (or the database's size cap) is full. The transaction was
 * rolled back, so the same request can simply be tried again later.
 */
const storageFaults: Record<string, Msg> = {
  SQLITE_BUSY: msg('errors:storage.busy'),
  SQLITE_LOCKED: msg('errors:storage.busy'),
  SQLITE_FULL: msg('errors:storage.full'),
  SQLITE_IOERR: msg('errors:storage.ioError'),
  // PostgreSQL's faults, already classified by the pg stores (server/db/pg/faults.ts).
  PG_UNAVAILABLE: msg('errors:storage.unreachable'),
  PG_BUSY: msg('errors:storage.busy'),
  PG_FULL: msg('errors:storage.dbFull'),
};

/** The storage fault behind an error (better-sqlite3's `SqliteError.code`, e.g. `SQLITE_BUSY_SNAPSHOT`, or a PgStorageFault's), or null. */
export function storageFaultOf(err: unknown): string | null {
  // Drizzle wraps what a query threw ("Failed query: …", the driver's error as `cause`): a fault under it is a fault.
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code !== 'string') continue;
    const base = Object.keys(storageFaults).find((k) => code === k || code.startsWith(`${k}_`));
    if (base) return base;
  }
  return null;
}

/**
 * The AppError an error is or wraps: Drizzle wraps what a query threw ("Failed query: …", the thrown error as
 * cause), so a refusal raised under a query (server/db/pg/nul-keys.ts) still answers as itself.
 */
export function appErrorWithin(err: unknown): AppError | null {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof AppError) return e;
  }
  return null;
}

export function toAppError(err: unknown): AppError {
  const within = appErrorWithin(err);
  if (within) return within;
  const fault = storageFaultOf(err);
  if (fault) return new AppError('unavailable', storageFaults[fault]);
  return new AppError('internal', msg('errors:somethingWentWrongOnTheServer'));
}
