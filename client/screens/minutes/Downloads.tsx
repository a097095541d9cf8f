import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MinutesView } from '../../../shared/minutes';
import { Select } from '../../components/Field';

const formats = ['docx', 'pdf', 'html', 'md', 'csv', 'json'] as const;

/** Download links for one version: the whole minutes in each format, or one agency's extract. */
export function Downloads({ meetingId, view, recipients }: { meetingId: string; view: MinutesView; /** Agencies on record party to the minutes (the server's list). */ recipients: string[] }) {
  const { t } = useTranslation(['minutes']);
  const [agency, setAgency] = useState('');
  const agencies = recipients;
  const href = (format: string) => {
    const query = new URLSearchParams({ version: String(view.version.number) });
    if (agency) query.set('agency', agency);
    return `/api/meetings/${meetingId}/minutes.${format}?${query}`;
  };
  return (
    <section className="work-section" aria-labelledby="downloads-heading">
      <h2 id="downloads-heading">{t('minutes:downloads.heading', { version: view.version.number })}</h2>
      <Select id="download-copy-for" label={t('minutes:downloads.copyFor')} labelClass="govuk-label--s" value={agency} onChange={(e) => setAgency(e.target.value)}>
        <option value="">{t('minutes:downloads.everyone')}</option>
        {agencies.map((a) => (
          <option key={a} value={a}>
            {t('minutes:downloads.agencyOnly', { agency: a })}
          </option>
        ))}
      </Select>
      <ul className="download-list">
        {formats.map((format) => (
          <li key={format}>
            <a href={href(format)} download>
              {agency ? t('minutes:downloads.extract', { label: t(`minutes:downloads.formats.${format}`), agency }) : t(`minutes:downloads.formats.${format}`)}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
