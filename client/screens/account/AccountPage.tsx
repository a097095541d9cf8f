/** A person's own settings: the language of screens and emails, and whether they get the daily digest of their actions. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { languages, type Language } from '../../../shared/i18n/languages';
import type { PreferencesView } from '../../../shared/reminders';
import { apiGet, apiPatch } from '../../api';
import { Button } from '../../components/Button';
import { Radios, SingleCheckbox } from '../../components/Field';
import { NotificationBanner } from '../../components/NotificationBanner';
import { currentLanguage, switchLanguage } from '../../i18n';
import { useSession } from '../../session';

export function AccountPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [prefs, setPrefs] = useState<PreferencesView | null>(null);
  const [digests, setDigests] = useState(true);
  const [language, setLanguage] = useState<Language>(currentLanguage());
  // The key, not the words: a language change re-renders the message in the language just chosen.
  const [saved, setSaved] = useState<'account.languageSaved' | 'account.digestsOn' | 'account.digestsOff' | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    apiGet<PreferencesView>('/me/preferences').then(
      (p) => {
        setPrefs(p);
        setDigests(p.digests);
        if (p.language) setLanguage(p.language);
      },
      (e: Error) => setError(e.message),
    );
  }, []);

  async function save() {
    setSaved(null);
    setError(null);
    try {
      const p = await apiPatch<PreferencesView>('/me/preferences', { digests, language });
      setPrefs(p);
      const changedLanguage = p.language !== null && p.language !== currentLanguage();
      if (p.language && changedLanguage) await switchLanguage(p.language);
      setSaved(changedLanguage ? 'account.languageSaved' : p.digests ? 'account.digestsOn' : 'account.digestsOff');
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <section aria-labelledby="account-heading">
      <h1 id="account-heading" className="govuk-heading-l" tabIndex={-1}>
        {t('account.heading')}
      </h1>
      {saved && <NotificationBanner type="success">{t(saved)}</NotificationBanner>}
      {error && (
        <p className="govuk-error-message" role="alert">
          {error}
        </p>
      )}
      {session && <p className="govuk-body">{t('account.who', { name: session.user.name, agency: session.user.agency.name, email: session.user.email })}</p>}
      {prefs && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <Radios
            id="language"
            name="language"
            legend={t('account.languageHeading')}
            hint={t('account.languageHint')}
            choices={languages.map((l) => ({ value: l, label: <span lang={l}>{t(`languageName.${l}`)}</span> }))}
            value={language}
            onChange={(v) => setLanguage(v as Language)}
          />
          <h2 className="govuk-heading-m">{t('account.remindersHeading')}</h2>
          <SingleCheckbox id="digests" label={t('account.digestsLabel')} hint={t('account.digestsHint')} checked={digests} onChange={setDigests} />
          <Button type="submit" className="govuk-!-margin-top-4">
            {t('save')}
          </Button>
        </form>
      )}
    </section>
  );
}
