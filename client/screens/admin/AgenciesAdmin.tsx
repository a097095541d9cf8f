import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { apiGet, apiPost } from '../../api';
import { errorText, type Agency, type SectionProps, ColumnHeads } from './AdminPage';
import { Button } from '../../components/Button';
import { ErrorSummary, errorFor, type FieldError } from '../../components/ErrorSummary';
import { TextInput } from '../../components/Field';
import { errorsFrom } from '../series/form-errors';

export function AgenciesAdmin({ announce }: SectionProps) {
  const [agencies, setAgencies] = useState<Agency[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
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
    const missing: FieldError[] = [];
    if (name.trim().length < 2) missing.push({ href: 'agency-name', text: 'Enter the agency’s name' });
    if (shortName.trim().length < 2) missing.push({ href: 'agency-shortName', text: 'Enter a short name of 2 to 12 characters' });
    setErrors(missing);
    if (missing.length) return;
    setBusy(true);
    try {
      await apiPost('/admin/agencies', { name, shortName });
      announce(`Added agency ${name}.`);
      setName('');
      setShortName('');
      await load();
    } catch (err) {
      // A 422 names each field; anything else goes with the first field.
      setErrors(errorsFrom(err, 'agency', 'agency-name'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="agencies-heading">
      <h2 id="agencies-heading">Agencies</h2>
      {loadError && (
        <p role="alert" className="govuk-error-message">
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
      <form className="app-admin-form" aria-labelledby="add-agency-heading" onSubmit={submit} noValidate>
        <h3 id="add-agency-heading" className="govuk-heading-m">
          Add an agency
        </h3>
        <ErrorSummary errors={errors} />
        <TextInput id="agency-name" label="Agency name" value={name} onChange={(e) => setName(e.target.value)} maxLength={120} error={errorFor(errors, 'agency-name')} />
        <TextInput
          id="agency-shortName"
          label="Short name"
          hint="2 to 12 characters, as it appears in the minutes"
          inputClass="govuk-input--width-10"
          value={shortName}
          onChange={(e) => setShortName(e.target.value)}
          maxLength={12}
          error={errorFor(errors, 'agency-shortName')}
        />
        <Button type="submit" disabled={busy}>
          Add agency
        </Button>
      </form>
    </section>
  );
}
