/**
 * The languages Triage Room speaks. North Wales councils must offer public services in Welsh as well as English
 * (Welsh Language Standards), so every screen, message, email and export exists in both.
 */
export const languages = ['en', 'cy'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'en';

export const isLanguage = (value: unknown): value is Language => value === 'en' || value === 'cy';

/** The BCP 47 locale each language formats dates and numbers with. */
export const locales: Record<Language, string> = { en: 'en-GB', cy: 'cy-GB' };


/**
 * Remembers the choice of someone not signed in (and on the sign-in screen). A preference, not a secret: readable by
 * the page, one year, whole site. A signed-in person's choice is stored on their account and wins.
 */
export const languageCookie = 'triage_lang';

/** The first supported language in an Accept-Language header ("cy-GB,cy;q=0.9,en;q=0.8" → cy), weights respected. */
export function languageFromAcceptHeader(header: string | undefined | null): Language | null {
  if (!header || header.length > 500) return null;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { primary: tag.trim().toLowerCase().split('-')[0], q: q === undefined ? 1 : Number(q), index };
    })
    .filter((r) => Number.isFinite(r.q) && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.map((r) => r.primary).find(isLanguage) ?? null;
}

/** The language in a Cookie header's `triage_lang`, if it names one we speak. */
export function languageFromCookieHeader(header: string | undefined | null): Language | null {
  if (!header || header.length > 8192) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === languageCookie) {
      const value = part.slice(eq + 1).trim();
      return isLanguage(value) ? value : null;
    }
  }
  return null;
}

/**
 * The language(s) a series writes its minutes in: English, Welsh, or both side by side (Welsh first, as Welsh public
 * bodies lay out bilingual documents). The language of the record, whatever language each reader uses the app in.
 */
export const minutesLanguages = ['en', 'cy', 'bilingual'] as const;
export type MinutesLanguage = (typeof minutesLanguages)[number];
export const defaultMinutesLanguage: MinutesLanguage = 'en';

/** The languages a document in `minutes` language is written in, in the order they are laid out (Welsh first). */
export const documentLanguages = (minutes: MinutesLanguage): Language[] => (minutes === 'bilingual' ? ['cy', 'en'] : [minutes]);
