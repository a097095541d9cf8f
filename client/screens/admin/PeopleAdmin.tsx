import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { apiGet, apiPatch, apiPost } from '../../api';
import { Button } from '../../components/Button';
import { ErrorSummary, errorFor, type FieldError } from '../../components/ErrorSummary';
import { Select, TextInput } from '../../components/Field';
import { errorsFrom } from '../series/form-errors';
import { errorText, globalRoles, type Agency, type GlobalRole, type Person, type SectionProps, ColumnHeads, runWrite } from './AdminPage';

const emptyForm = { name: '', email: '', jobTitle: '', agencyId: '', role: 'member' as GlobalRole, password: '' };

export function PeopleAdmin({ announce }: SectionProps) {
  const { t } = useTranslation(['admin', 'domain']);
  const [people, setPeople] = useState<Person[] | null>(null);
  const [agencies, setAgencies] = useState<Agency[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [form, setForm] = useState(emptyForm);
  const [busy, setBusy] = useState(false);

  const load = useCallback(
    () =>
      Promise.all([apiGet<{ people: Person[] }>('/admin/people'), apiGet<{ agencies: Agency[] }>('/admin/agencies')]).then(
        ([p, a]) => {
          setPeople(p.people);
          setAgencies(a.agencies);
        },
        (err: unknown) => setLoadError(errorText(err)),
      ),
    [],
  );
  useEffect(() => void load(), [load]);

  const set = (field: keyof typeof emptyForm) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [field]: e.target.value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing: FieldError[] = [];
    if (form.name.trim().length < 2) missing.push({ href: 'person-name', text: t('admin:people.enterName') });
    if (!/^[^@\s]+@[^@\s]+$/.test(form.email.trim())) missing.push({ href: 'person-email', text: t('admin:people.enterEmail') });
    if (!form.agencyId) missing.push({ href: 'person-agencyId', text: t('admin:people.chooseAgencyError') });
    if (form.password && form.password.length < 12) missing.push({ href: 'person-password', text: t('admin:people.passwordTooShort') });
    setErrors(missing);
    if (missing.length) return;
    setBusy(true);
    try {
      const { password, ...rest } = form;
      await apiPost('/admin/people', password ? form : rest);
      announce(t('admin:people.added', { name: form.name }));
      setForm(emptyForm);
      await load();
    } catch (err) {
      // A 422 names each field; anything else goes with the first field.
      setErrors(errorsFrom(err, 'person', 'person-name'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="people-heading">
      <h2 id="people-heading">{t('admin:people.heading')}</h2>
      {loadError && (
        <p role="alert" className="govuk-error-message">
          {t('admin:people.couldNotLoad', { error: loadError })}
        </p>
      )}
      {!people && !loadError && <p>{t('admin:people.loading')}</p>}
      {people && (
        <table className="govuk-table app-table--compact">
          <caption className="govuk-table__caption govuk-table__caption--s">{t('admin:people.caption', { count: people.length })}</caption>
          <ColumnHeads names={(['name', 'email', 'jobTitle', 'agency', 'role', 'actions'] as const).map((c) => t(`admin:columns.${c}`))} />
          <tbody>
            {people.map((p) => (
              <PersonRow key={`${p.id}-${p.agencyId}-${p.role}`} person={p} agencies={agencies} announce={announce} onSaved={load} />
            ))}
          </tbody>
        </table>
      )}
      <form className="app-admin-form" aria-labelledby="add-person-heading" onSubmit={submit} noValidate>
        <h3 id="add-person-heading" className="govuk-heading-m">
          {t('admin:people.add')}
        </h3>
        <ErrorSummary errors={errors} />
        <TextInput id="person-name" label={t('admin:people.fullName')} value={form.name} onChange={set('name')} maxLength={120} autoComplete="off" error={errorFor(errors, 'person-name')} />
        <TextInput
          id="person-email"
          label={t('admin:people.email')}
          type="email"
          spellCheck={false}
          value={form.email}
          onChange={set('email')}
          maxLength={254}
          autoComplete="off"
          error={errorFor(errors, 'person-email')}
        />
        <TextInput id="person-jobTitle" label={t('admin:people.jobTitle')} value={form.jobTitle} onChange={set('jobTitle')} maxLength={120} error={errorFor(errors, 'person-jobTitle')} />
        <Select id="person-agencyId" label={t('admin:people.agency')} value={form.agencyId} onChange={set('agencyId')} error={errorFor(errors, 'person-agencyId')}>
          <option value="">{t('admin:people.chooseAgency')}</option>
          {agencies.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </Select>
        <Select id="person-role" label={t('admin:people.role')} value={form.role} onChange={set('role')} error={errorFor(errors, 'person-role')}>
          {globalRoles.map((r) => (
            <option key={r} value={r}>
              {t(`domain:globalRole.${r}`)}
            </option>
          ))}
        </Select>
        <TextInput
          id="person-password"
          label={t('admin:people.password')}
          hint={t('admin:people.passwordHint')}
          type="password"
          value={form.password}
          onChange={set('password')}
          maxLength={200}
          autoComplete="new-password"
          error={errorFor(errors, 'person-password')}
        />
        <Button type="submit" disabled={busy}>
          {t('admin:people.submit')}
        </Button>
      </form>
    </section>
  );
}

function PersonRow({ person, agencies, announce, onSaved }: { person: Person; agencies: Agency[]; onSaved(): Promise<void> } & SectionProps) {
  const { t } = useTranslation(['admin', 'domain', 'common']);
  const [agencyId, setAgencyId] = useState(person.agencyId);
  const [role, setRole] = useState<GlobalRole>(person.role);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const changed = agencyId !== person.agencyId || role !== person.role;

  const save = () =>
    runWrite(setBusy, setError, async () => {
      await apiPatch(`/admin/people/${encodeURIComponent(person.id)}`, { agencyId, role });
      announce(t('admin:people.saved', { name: person.name, role: t(`domain:globalRole.${role}`).toLocaleLowerCase(), agency: agencies.find((a) => a.id === agencyId)?.name ?? agencyId }));
      await onSaved();
    });

  const setDisabled = (disabled: boolean) =>
    runWrite(setBusy, setError, async () => {
      await apiPost(`/admin/people/${encodeURIComponent(person.id)}/${disabled ? 'disable' : 'enable'}`);
      announce(t(disabled ? 'admin:people.disabled' : 'admin:people.enabled', { name: person.name }));
      await onSaved();
    });

  return (
    <tr>
      <th scope="row" className="govuk-table__header">
        {person.name}
        {person.disabled && <span className="app-secondary-text">{t('admin:people.accountDisabled')}</span>}
      </th>
      <td className="govuk-table__cell">{person.email}</td>
      <td className="govuk-table__cell">{person.jobTitle || '—'}</td>
      <td className="govuk-table__cell">
        <select className="govuk-select" aria-label={t('admin:people.agencyFor', { name: person.name })} value={agencyId} onChange={(e) => setAgencyId(e.target.value)}>
          {agencies.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </td>
      <td className="govuk-table__cell">
        <select className="govuk-select" aria-label={t('admin:people.roleFor', { name: person.name })} value={role} onChange={(e) => setRole(e.target.value as GlobalRole)}>
          {globalRoles.map((r) => (
            <option key={r} value={r}>
              {t(`domain:globalRole.${r}`)}
            </option>
          ))}
        </select>
      </td>
      <td className="govuk-table__cell">
        <button className="govuk-button govuk-button--secondary app-button--small" type="button" onClick={() => void save()} disabled={busy || !changed} aria-label={t('admin:people.saveFor', { name: person.name })}>
          {t('common:save')}
        </button>
        {changed && <span className="app-secondary-text">{t('admin:people.unsaved')}</span>}{' '}
        <button className="govuk-button govuk-button--secondary app-button--small" type="button" onClick={() => void setDisabled(!person.disabled)} disabled={busy}>
          {t(person.disabled ? 'admin:people.enable' : 'admin:people.disable')}
          <span className="govuk-visually-hidden">{t('admin:people.ofPerson', { name: person.name })}</span>
        </button>
        {error && (
          <p role="alert" className="govuk-error-message">
            {error}
          </p>
        )}
      </td>
    </tr>
  );
}
