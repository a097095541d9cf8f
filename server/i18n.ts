/**
 * Server-side text (error messages, emails, exports) in the reader's language, from the same catalogues the screens
 * use (shared/i18n/locales). Loaded once, synchronously, at start: a few kB of JSON.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Request, Response } from 'express';
import i18next, { type CustomTypeOptions, type i18n as I18n, type Resource, type TFunction } from 'i18next';
import { defaultLanguage, isLanguage, languageFromAcceptHeader, languageFromCookieHeader, languages, type Language } from '../shared/i18n/languages.js';
import { projectRoot } from './paths.js';
import type { Logger } from './logger.js';
import type { Actor } from './policies/index.js';
import { isMessage, localise, type Translator } from '../shared/i18n/message.js';
import { formatLongDateTime } from '../shared/i18n/format.js';

const localesDir = path.join(projectRoot, 'shared', 'i18n', 'locales');

function loadResources(): Resource {
  const resources: Resource = {};
  for (const lang of languages) {
    resources[lang] = {};
    for (const file of fs.readdirSync(path.join(localesDir, lang))) {
      if (file.endsWith('.json')) resources[lang][file.slice(0, -5)] = JSON.parse(fs.readFileSync(path.join(localesDir, lang, file), 'utf8'));
    }
  }
  return resources;
}

/** Every namespace, so `t('email:dear')` type-checks against the English catalogue whatever the namespace. */
type AllNamespaces = (keyof CustomTypeOptions['resources'])[];

/**
 * The catalogues are read and i18next set up on first use, not at start: that was ~12 ms of every start (timed per
 * bundle module), and a start translates nothing before it is ready to serve.
 */
let made: { instance: I18n; allNamespaces: AllNamespaces } | null = null;
function i18n(): { instance: I18n; allNamespaces: AllNamespaces } {
  if (made) return made;
  const resources = loadResources();
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    lng: defaultLanguage,
    supportedLngs: [...languages],
    fallbackLng: false,
    ns: Object.keys(resources.en),
    defaultNS: 'common',
    initAsync: false,
    // Emails and exports escape where they render HTML; plain text must not carry entities.
    interpolation: { escapeValue: false },
  });
  /**
   * `{{when, meetingTime}}`: a meeting's London date and time ("1 December 2026 at 10:00" / "1 Rhagfyr 2026 am 10:00"),
   * so a message can carry the instant (ms) and each reader gets it in their own language.
   */
  instance.services.formatter?.add('meetingTime', (value, lng) =>
    formatLongDateTime(isLanguage(lng) ? lng : defaultLanguage, Number(value)),
  );
  made = { instance, allNamespaces: Object.keys(resources.en) as AllNamespaces };
  return made;
}

/** A second after listening (server/app.ts): a broken install's catalogues are logged then, not at the first request. */
export function warmUpTranslations(logger: Logger): void {
  try {
    i18n();
  } catch (err) {
    logger.error({ err: (err as Error).message }, 'translations unavailable: messages, emails and exports will fail');
  }
}

/** The translate function for one language: `translator('cy')('email:dear', { name })`. */
export const translator = (lang: Language): TFunction<AllNamespaces> => {
  const { instance, allNamespaces } = i18n();
  return instance.getFixedT(lang, allNamespaces) as TFunction<AllNamespaces>;
};

/**
 * The language to answer a request in: the signed-in person's choice, else the device's remembered choice (the
 * `triage_lang` cookie the language switch sets), else the browser's Accept-Language, else English.
 */
export function requestLanguage(req: Request, res?: Response): Language {
  const actor = (res?.locals.actor as Actor | null | undefined) ?? null;
  return actor?.language ?? languageFromCookieHeader(req.headers.cookie) ?? languageFromAcceptHeader(req.headers['accept-language']) ?? defaultLanguage;
}

/** The language to write to a person in (emails, digests): their choice, else English. */
export const personLanguage = (person: { language?: Language | null }): Language => person.language ?? defaultLanguage;

/** Messages written as `msg(key, values)` (shared/i18n/message.ts) in one language: for HTTP errors and the like. */
export function localiserFor(lang: Language): (text: string) => string {
  let tr: Translator | null = null;
  return (text) => {
    if (!tr) {
      const t = translator(lang);
      const { instance } = i18n();
      tr = { t: (key, values) => String(t(key as never, values as never)), exists: (key) => instance.exists(key, { lng: lang }) };
    }
    return localise(tr, text);
  };
}

/**
 * English for what is stored or sent with no reader yet (the series' stored cadence wording, the API's
 * `cadenceText`); screens build their own sentence from the cadence in the reader's language.
 */
export const englishText = localiserFor(defaultLanguage);

/**
 * A response body with every stored catalogue message in it (a value made by shared/i18n/message.ts `msg()`, e.g. a
 * case's closing reason) said in `lang`; everything else, people's own words included, exactly as it was.
 */
export function localiseDeep<T>(value: T, say: (text: string) => string): T {
  if (typeof value === 'string') return (isMessage(value) ? say(value) : value) as T;
  if (Array.isArray(value)) return value.map((v) => localiseDeep(v, say)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, localiseDeep(v, say)])) as T;
  }
  return value;
}
