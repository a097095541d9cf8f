/** The minutes' words in one language, from the catalogues (shared/i18n/locales/<lang>/minutesDoc.json). */
import type { MinutesWords } from '../../../shared/minutes-house-style.js';
import { documentLanguages, type Language, type MinutesLanguage } from '../../../shared/i18n/languages.js';
import type { MinutesView } from '../../../shared/minutes.js';
import { translator } from '../../i18n.js';

// The server's translator is typed for the default namespace; these words name their namespaces in every key.
export const minutesWords = (lang: Language): MinutesWords => ({ lang, t: translator(lang) as unknown as MinutesWords['t'] });

/** The language(s) `view` is written in: the series' setting (English for minutes presented without one). */
export const viewLanguage = (view: MinutesView): MinutesLanguage => view.language ?? 'en';

/** Words for formats that are one stream of text: the first of the document's languages (Welsh in a bilingual series). */
export const primaryWords = (view: MinutesView): MinutesWords => minutesWords(documentLanguages(viewLanguage(view))[0]!);

/** One line in each of the document's languages, Welsh first: "Drafft – heb eu cytuno eto / Draft – not yet agreed". */
export const inEachLanguage = (view: MinutesView, line: (w: MinutesWords) => string): string =>
  documentLanguages(viewLanguage(view))
    .map((lang) => line(minutesWords(lang)))
    .join(' / ');
