import { useTranslation } from 'react-i18next';
import { minutesLanguages, type MinutesLanguage } from '../../../shared/i18n/languages';
import { Radios } from '../../components/Field';

/**
 * The series' minutes language: English, Welsh, or both side by side. North Wales councils offer their records in
 * Welsh as well as English, so a series chooses once and every export of its minutes and agendas follows.
 */
export function MinutesLanguageField({ id, value, error, onChange }: { id: string; value: MinutesLanguage; error?: string | null; onChange(value: MinutesLanguage): void }) {
  const { t } = useTranslation('minutesDoc');
  return (
    <>
      <h2 className="govuk-heading-m">{t('setting.heading')}</h2>
      <Radios
        id={id}
        name="minutes-language"
        legend={t('setting.legend')}
        hint={t('setting.hint')}
        value={value}
        error={error}
        onChange={(v) => onChange(v as MinutesLanguage)}
        choices={minutesLanguages.map((l) => ({ value: l, label: t(`setting.choices.${l}`), hint: t(`setting.hints.${l}`) }))}
      />
    </>
  );
}
