/**
 * A message written once in code and read in each reader's language. Services and shared validation schemas return
 * `msg('series:errors.name')` (a catalogue key, with its values) where they used to return English; an AppError's
 * message and field messages stay plain strings, so the key and its values travel as one string and are translated
 * where a person reads them: at the HTTP door in the request's language (server/http/errors.ts) or on a screen
 * (client/i18n.ts `localised`). A value may itself be a message (a weekday's name inside a cadence sentence); any
 * other value (a series' name, a reference) is shown exactly as given, never looked up.
 */

/** Starts a message and separates its key from its JSON values: an invisible character nobody types into a form. */
const mark = '\u2063';
const keyPattern = /^[a-z][A-Za-z]*:[A-Za-z0-9_.-]+$/;

export type MessageValues = Record<string, string | number>;

/** `msg('cases:errors.summary')`, `msg('series:errors.prefixTaken', { prefix, name })`. */
export const msg = (key: string, values?: MessageValues): string => (values ? `${mark}${key}${mark}${JSON.stringify(values)}` : `${mark}${key}`);

/** What a translate function must offer (i18next's `t` and `exists`). */
export interface Translator {
  t(key: string, values?: Record<string, unknown>): string;
  exists(key: string): boolean;
}

function parse(text: string): { key: string; values: MessageValues } | null {
  if (!text.startsWith(mark)) return null;
  const at = text.indexOf(mark, 1);
  const key = at === -1 ? text.slice(1) : text.slice(1, at);
  if (!keyPattern.test(key)) return null;
  if (at === -1) return { key, values: {} };
  try {
    const values = JSON.parse(text.slice(at + 1)) as unknown;
    if (!values || typeof values !== 'object' || Array.isArray(values)) return null;
    return Object.values(values).every((v) => typeof v === 'string' || typeof v === 'number') ? { key, values: values as MessageValues } : null;
  } catch {
    return null;
  }
}

/** True for a string made by `msg`. */
export const isMessage = (text: string): boolean => parse(text) !== null;

/**
 * The message in the translator's language; any other text (a person's own words, a message not on the catalogues)
 * comes back unchanged. A validation summary's "field.path: message" keeps its field path.
 */
export function localise(tr: Translator, text: string): string {
  const whole = parse(text);
  if (whole) {
    // A key missing from the catalogues is a bug the catalogue test should have caught: show the key, not the marks.
    if (!tr.exists(whole.key)) return whole.key;
    const values: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(whole.values)) values[name] = typeof value === 'string' && isMessage(value) ? localise(tr, value) : value;
    return tr.t(whole.key, values);
  }
  const at = text.indexOf(mark);
  if (at > 0 && /^[\w.]+: $/.test(text.slice(0, at)) && isMessage(text.slice(at))) return `${text.slice(0, at)}${localise(tr, text.slice(at))}`;
  return text;
}
