import { useState } from 'react';
import type { MinutesView } from '../../../shared/minutes';
import { Select } from '../../components/Field';

const formats = [
  ['docx', 'Word (.docx)'],
  ['pdf', 'PDF'],
  ['html', 'Printable web page'],
  ['md', 'Markdown'],
  ['csv', 'Actions (CSV)'],
  ['json', 'JSON'],
] as const;

/** Download links for one version: the whole minutes in each format, or one agency's extract. */
export function Downloads({ meetingId, view, recipients }: { meetingId: string; view: MinutesView; /** Agencies on record party to the minutes (the server's list). */ recipients: string[] }) {
  const [agency, setAgency] = useState('');
  const agencies = recipients;
  const href = (format: string) => {
    const query = new URLSearchParams({ version: String(view.version.number) });
    if (agency) query.set('agency', agency);
    return `/api/meetings/${meetingId}/minutes.${format}?${query}`;
  };
  return (
    <section className="work-section" aria-labelledby="downloads-heading">
      <h2 id="downloads-heading">Download version {view.version.number}</h2>
      <Select id="download-copy-for" label="Copy for" labelClass="govuk-label--s" value={agency} onChange={(e) => setAgency(e.target.value)}>
        <option value="">Everyone (full minutes)</option>
        {agencies.map((a) => (
          <option key={a} value={a}>
            {a} only (extract)
          </option>
        ))}
      </Select>
      <ul className="download-list">
        {formats.map(([format, label]) => (
          <li key={format}>
            <a href={href(format)} download>
              {label}
              {agency ? ` – ${agency} extract` : ''}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
