import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { apiGet, apiPost } from '../../api';
import { errorText, type Agency, type SectionProps, ColumnHeads } from './AdminPage';
import { Button } from '../../components/Button';
import { ErrorSummary, errorFor, type FieldError } from '../../components/ErrorSummary';
import { TextInput } from '../../components/Field';
import { errorsFrom } from '../series/form-errors';

export function AgenciesAdmin({ announce }: SectionProps) {
  const { t } = useTranslation(['admin']);
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
    if (name.trim().length < 2) missing.push({ href: 'agency-name', text: t('admin:agencies.enterName') });
    if (shortName.trim().length < 2) missing.push({ href: 'agency-shortName', text: t('admin:agencies.enterShortName') });
    setErrors(missing);
    if (missing.length) return;
    setBusy(true);
    try {
      await apiPost('/admin/agencies', { name, shortName });
      announce(t('admin:agencies.added', { name }));
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
      <h2 id="agencies-heading">{t('admin:agencies.heading')}</h2>
      {loadError && (
        <p role="alert" className="govuk-error-message">
          {t('admin:agencies.couldNotLoad', { error: loadError })}
        </p>
      )}
      {!agencies && !loadError && <p>{t('admin:agencies.loading')}</p>}
      {agencies && (
        <table className="govuk-table app-table--compact">
          <caption className="govuk-table__caption govuk-table__caption--s">{t('admin:agencies.caption', { count: agencies.length })}</caption>
          <ColumnHeads names={[t('admin:columns.name'), t('admin:columns.shortName')]} />
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
          {t('admin:agencies.add')}
        </h3>
        <ErrorSummary errors={errors} />
        <TextInput id="agency-name" label={t('admin:agencies.name')} value={name} onChange={(e) => setName(e.target.value)} maxLength={120} error={errorFor(errors, 'agency-name')} />
        <TextInput
          id="agency-shortName"
          label={t('admin:agencies.shortName')}
          hint={t('admin:agencies.shortNameHint')}
          inputClass="govuk-input--width-10"
          value={shortName}
          onChange={(e) => setShortName(e.target.value)}
          maxLength={12}
          error={errorFor(errors, 'agency-shortName')}
        />
        <Button type="submit" disabled={busy}>
          {t('admin:agencies.submit')}
        </Button>
      </form>
    </section>
  );
}
