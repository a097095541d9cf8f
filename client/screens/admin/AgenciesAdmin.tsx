import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { apiGet, apiPost } from '../../api';
import { errorText, type Agency, type SectionProps, ColumnHeads, runWrite } from './AdminPage';

export function AgenciesAdmin({ announce }: SectionProps) {
  const [agencies, setAgencies] = useState<Agency[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [shortName, setShortName] = useState('');
  const [busy, setBusy] = useState(false);

  const load = useCallback(
    () =>
      apiGet<{ agencies: Agency[] }>('/admin/agencies').then(
        (body) => setAgencies(body.agencies),
        (err: unknown) => setLoadError(errorText(err)),
      ),
    [],
  );
  useEffect(() => void load(), [load]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await runWrite(setBusy, setFormError, async () => {
      await apiPost('/admin/agencies', { name, shortName });
      announce(`Added agency ${name}.`);
      setName('');
      setShortName('');
      await load();
    });
  };

  return (
    <section aria-labelledby="agencies-heading">
      <h2 id="agencies-heading">Agencies</h2>
      {loadError && (
        <p role="alert" className="error">
          Could not load agencies: {loadError}
        </p>
      )}
      {!agencies && !loadError && <p>Loading agencies…</p>}
      {agencies && (
        <table className="govuk-table app-table--compact">
          <caption className="govuk-table__caption govuk-table__caption--s">Agencies ({agencies.length})</caption>
          <ColumnHeads names={['Name', 'Short name']} />
          <tbody>
            {agencies.map((a) => (
              <tr key={a.id}>
                <th scope="row" className="govuk-table__header">
                  {a.name}
                </th>
                <td className="govuk-table__cell">{a.shortName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="add-item" aria-labelledby="add-agency-heading" onSubmit={submit}>
        <h3 id="add-agency-heading">Add an agency</h3>
        {formError && (
          <p role="alert" className="govuk-error-message app-full-width">
            Could not add the agency: {formError}
          </p>
        )}
        <label>
          Agency name
          <input className="govuk-input" value={name} onChange={(e) => setName(e.target.value)} required minLength={2} maxLength={120} />
        </label>
        <label>
          Short name
          <input className="govuk-input" value={shortName} onChange={(e) => setShortName(e.target.value)} required minLength={2} maxLength={12} />
        </label>
        <button className="govuk-button app-button--small" type="submit" disabled={busy}>
          Add agency
        </button>
      </form>
    </section>
  );
}
