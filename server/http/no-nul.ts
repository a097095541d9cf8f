/**
 * Refuses a JSON body holding the NUL character (U+0000) anywhere, in a value or a key. No form of ours can send it,
 * it means nothing in a name or a note, and PostgreSQL's text and jsonb cannot store it: on PostgreSQL the write
 * would fail halfway into a command as a 500, on SQLite it would be stored and exported. One check at the door, for
 * every route, says which fields, in the validation shape the forms already show. The same goes for an address
 * holding %00: no id or name can hold NUL, and PostgreSQL refuses even to compare text with it (a 500 where SQLite
 * would find nothing), so the address is refused before any route reads it.
 */
import type { RequestHandler } from 'express';
import { AppError, msg } from '../errors.js';

const nul = '\u0000';

/** The dotted paths of every string (value or key) holding NUL, at most `max` of them. */
function pathsWithNul(value: unknown, at: string, found: string[], max = 20): void {
  if (found.length >= max) return;
  if (typeof value === 'string') {
    if (value.includes(nul)) found.push(at || '(body)');
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => pathsWithNul(item, at ? `${at}.${i}` : String(i), found, max));
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const path = at ? `${at}.${key}` : key;
      if (key.includes(nul)) found.push(path.replaceAll(nul, '\\0'));
      else pathsWithNul(item, path, found, max);
    }
  }
}

export const refuseNulCharacters: RequestHandler = (req, _res, next) => {
  const found: string[] = [];
  pathsWithNul(req.body, '', found);
  if (found.length === 0) return next();
  next(new AppError('validation_failed', msg('errors:textHoldsNul'), Object.fromEntries(found.map((path) => [path, msg('errors:fieldHoldsNul')]))));
};

/** %00 anywhere in the path or the query (the only way NUL reaches a URL: the HTTP parser refuses it raw). */
const nulInAddress = /%00/;

export const refuseNulInAddress: RequestHandler = (req, _res, next) => {
  if (nulInAddress.test(req.originalUrl)) return next(new AppError('bad_request', msg('errors:addressHoldsNul')));
  next();
};
