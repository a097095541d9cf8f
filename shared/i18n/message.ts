/**
 * A message written once in code and read in each reader's language. Services and shared validation schemas return
 * `msg('series:errors.nameRequired')` (a catalogue key, with its values) where they used to return English; an
 * AppError's message and field messages stay plain strings, so the key and its values travel as one string and are
 * translated where a person reads them: at the HTTP door in the request's language (server/http/errors.ts) or on a
 * screen (client/i18n.ts `localised`). A value may itself be a message (a weekday name inside a sentence).
 */

/** Separates the key from its JSON values: an invisible character nobody types into a form. */
const mark = '\u2063';
const keyPattern = /^[a-z][A-Za-z]*:[A-Za-z0-9_.-]+$/;

export type MessageValues = Record<string, string | number>;

/** `msg('cases:errors.summary')`, `msg('series:errors.prefixTaken', { prefix, name })`. */
export const msg = (key: string, values?: MessageValues): string => (values ? `${key}${mark}${JSON.stringify(values)}` : key);

/** What a translate function must offer (i18next's `t` and `exists`). */
export interface Translator {
  t(key: string, values?: Record<string, unknown>): string;
  exists(key: string): boolean;
}

function parse(text: string): { key: string; values: MessageValues } | null {
  const at = text.indexOf(mark);
  const key = at === -1 ? text : text.slice(0, at);
  if (!keyPattern.test(key)) return null;
  if (at === -1) return { key, values: {} };
  try {
    const values = JSON.parse(text.slice(at + 1)) as unknown;
    return values && typeof values === 'object' && !Array.isArray(values) ? { key, values: values as MessageValues } : null;
  } catch {
    return null;
  }
}

/** Whether a string is an encoded catalogue message (a key, with or without values). */
export const isMessage = (text: string): boolean => parse(text) !== null;

/**
 * The message in the translator's language; any other text (a person's own words, a message not yet on the
 * catalogues) comes back unchanged. A validation summary's "field.path: message" keeps its field path.
 */
export function localise(tr: Translator, text: string): string {
  const whole = parse(text);
  if (whole && tr.exists(whole.key)) {
    const values: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(whole.values)) values[name] = typeof value === 'string' ? localise(tr, value) : value;
    return tr.t(whole.key, values);
  }
  const prefixed = /^([\w.]+: )([\s\S]+)$/.exec(text);
  if (prefixed && parse(prefixed[2])) return `${prefixed[1]}${localise(tr, prefixed[2])}`;
  return text;
}
