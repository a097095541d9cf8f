/**
 * The screens' i18next instance, loaded with the real catalogues (both languages, every namespace) for unit tests
 * that call client code outside a browser: what `client/i18n.ts` fetches chunk by chunk, read from disk at once.
 * `useClientLanguage('cy')` switches it for a test.
 */
import fs from 'node:fs';
import path from 'node:path';
import i18next, { type Resource } from 'i18next';
import type { Language } from '../../shared/i18n/languages.js';

const root = path.resolve(__dirname, '../../shared/i18n/locales');
const resources: Resource = {};
for (const lang of ['en', 'cy']) {
  resources[lang] = {};
  for (const file of fs.readdirSync(path.join(root, lang))) {
    if (file.endsWith('.json')) resources[lang][file.slice(0, -5)] = JSON.parse(fs.readFileSync(path.join(root, lang, file), 'utf8'));
  }
}

if (!i18next.isInitialized) {
  void i18next.init({ resources, lng: 'en', fallbackLng: false, ns: Object.keys(resources.en), defaultNS: 'common', initAsync: false, interpolation: { escapeValue: false } });
}

export const useClientLanguage = (lang: Language): Promise<unknown> => i18next.changeLanguage(lang);
