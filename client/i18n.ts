import i18next, { type BackendModule } from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { defaultLanguage, isLanguage, languageCookie, languageFromCookieHeader, type Language } from '../shared/i18n/languages';
import * as format from '../shared/i18n/format';
import { localise } from '../shared/i18n/message';

/**
 * Every string a person reads comes from shared/i18n/locales/<language>/<namespace>.json through i18next. Each
 * namespace of each language is its own small chunk, fetched the first time a screen asks for it (react-i18next
 * suspends the screen until then), so English readers never download the Welsh and the first screen stays small.
 */
const loaders = import.meta.glob<{ default: Record<string, unknown> }>('../shared/i18n/locales/*/*.json');

const backend: BackendModule = {
  type: 'backend',
  init() {},
  read(language, namespace, done) {
    const load = loaders[`../shared/i18n/locales/${language}/${namespace}.json`];
    if (!load) return done(new Error(`no ${language}/${namespace} translations`), false);
    load().then(
      (module) => done(null, module.default),
      (error: Error) => done(error, false),
    );
  },
};

/** The language to start in: the remembered choice, else a browser set to Welsh, else English. */
function initialLanguage(): Language {
  const remembered = languageFromCookieHeader(document.cookie);
  if (remembered) return remembered;
  return navigator.languages?.some((l) => l.toLowerCase().split('-')[0] === 'cy') ? 'cy' : defaultLanguage;
}

export async function initI18n(): Promise<void> {
  const lng = initialLanguage();
  document.documentElement.lang = lng;
  await i18next
    .use(backend)
    .use(initReactI18next)
    .init({
      lng,
      supportedLngs: ['en', 'cy'],
      // No fallback: test/unit/i18n-catalogue.test.ts keeps both languages complete, so nothing falls back silently.
      fallbackLng: false,
      ns: ['common', 'domain'],
      defaultNS: 'common',
      // React escapes what it renders.
      interpolation: { escapeValue: false },
      react: { useSuspense: true },
    });
}

export const currentLanguage = (): Language => (isLanguage(i18next.language) ? i18next.language : defaultLanguage);

/**
 * Switches the whole interface now and remembers it on this device (a cookie the server also reads, so emails and
 * error messages follow). A signed-in person's choice is also stored on their account by the caller.
 */
export async function switchLanguage(lng: Language): Promise<void> {
  document.cookie = `${languageCookie}=${lng}; Path=/; Max-Age=31536000; SameSite=Lax`;
  document.documentElement.lang = lng;
  await i18next.changeLanguage(lng);
}

/** Dates and numbers in the interface's language, re-rendering when it changes. */
export function useFormat() {
  const { i18n } = useTranslation();
  const lang = isLanguage(i18n.language) ? i18n.language : defaultLanguage;
  return {
    lang,
    day: (value: string | number | Date) => format.formatDay(lang, value),
    longDay: (value: string | number | Date) => format.formatLongDay(lang, value),
    dateTime: (value: string | number | Date) => format.formatDateTime(lang, value),
    shortDateTime: (value: string | number | Date) => format.formatShortDateTime(lang, value),
    time: (value: string | number | Date) => format.formatTime(lang, value),
    number: (value: number, options?: Intl.NumberFormatOptions) => format.formatNumber(lang, value, options),
  };
}

/** A message from the server or a shared schema (`msg(key, values)`, shared/i18n/message.ts) in the interface's language. */
export const localised = (text: string): string =>
  localise({ t: (key, values) => String(i18next.t(key as never, values as never)), exists: (key) => i18next.exists(key) }, text);
