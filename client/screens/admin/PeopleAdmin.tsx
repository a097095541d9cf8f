import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { apiGet, apiPatch, apiPost } from '../../api';
import { Button } from '../../components/Button';
import { ErrorSummary, errorFor, type FieldError } from '../../components/ErrorSummary';
import { Select, TextInput } from '../../components/Field';
import { errorsFrom } from '../series/form-errors';
import { errorText, globalRoles, type Agency, type GlobalRole, type Person, type SectionProps, ColumnHeads, runWrite } from './AdminPage';

const emptyForm = { name: '', email: '', jobTitle: '', agencyId: '', role: 'member' as GlobalRole, password: '' };

export function PeopleAdmin({ announce }: SectionProps) {
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
    if (form.name.trim().length < 2) missing.push({ href: 'person-name', text: 'Enter the person’s full name' });
    if (!/^[^@\s]+@[^@\s]+$/.test(form.email.trim())) missing.push({ href: 'person-email', text: 'Enter an email address like name@agency.gov.uk' });
    if (!form.agencyId) missing.push({ href: 'person-agencyId', text: 'Choose the person’s agency' });
    if (form.password && form.password.length < 12) missing.push({ href: 'person-password', text: 'The initial password must be at least 12 characters' });
    setErrors(missing);
    if (missing.length) return;
    setBusy(true);
    try {
      const { password, ...rest } = form;
      await apiPost('/admin/people', password ? form : rest);
      announce(`Added ${form.name}.`);
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
      <h2 id="people-heading">People</h2>
      {loadError && (
        <p role="alert" className="govuk-error-message">
          Could not load people: {loadError}
        </p>
      )}
      {!people && !loadError && <p>Loading people…</p>}
      {people && (
        <table className="govuk-table app-table--compact">
          <caption className="govuk-table__caption govuk-table__caption--s">People ({people.length}). Change an agency or role, then choose Save on that row.</caption>
          <ColumnHeads names={['Name', 'Email', 'Job title', 'Agency', 'Role', 'Actions']} />
          <tbody>
            {people.map((p) => (
              <PersonRow key={`${p.id}-${p.agencyId}-${p.role}`} person={p} agencies={agencies} announce={announce} onSaved={load} />
            ))}
          </tbody>
        </table>
      )}
      <form className="app-admin-form" aria-labelledby="add-person-heading" onSubmit={submit} noValidate>
        <h3 id="add-person-heading" className="govuk-heading-m">
          Add a person
        </h3>
        <ErrorSummary errors={errors} />
        <TextInput id="person-name" label="Full name" value={form.name} onChange={set('name')} maxLength={120} autoComplete="off" error={errorFor(errors, 'person-name')} />
        <TextInput
          id="person-email"
          label="Email"
          type="email"
          spellCheck={false}
          value={form.email}
          onChange={set('email')}
          maxLength={254}
          autoComplete="off"
          error={errorFor(errors, 'person-email')}
        />
        <TextInput id="person-jobTitle" label="Job title (optional)" value={form.jobTitle} onChange={set('jobTitle')} maxLength={120} error={errorFor(errors, 'person-jobTitle')} />
        <Select id="person-agencyId" label="Agency" value={form.agencyId} onChange={set('agencyId')} error={errorFor(errors, 'person-agencyId')}>
          <option value="">Choose an agency</option>
          {agencies.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </Select>
        <Select id="person-role" label="Role" value={form.role} onChange={set('role')} error={errorFor(errors, 'person-role')}>
          {globalRoles.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </Select>
        <TextInput
          id="person-password"
          label="Initial password (optional)"
          hint="At least 12 characters"
          type="password"
          value={form.password}
          onChange={set('password')}
          maxLength={200}
          autoComplete="new-password"
          error={errorFor(errors, 'person-password')}
        />
        <Button type="submit" disabled={busy}>
          Add person
        </Button>
      </form>
    </section>
  );
}

function PersonRow({ person, agencies, announce, onSaved }: { person: Person; agencies: Agency[]; onSaved(): Promise<void> } & SectionProps) {
  const [agencyId, setAgencyId] = useState(person.agencyId);
  const [role, setRole] = useState<GlobalRole>(person.role);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const changed = agencyId !== person.agencyId || role !== person.role;

  const save = () =>
    runWrite(setBusy, setError, async () => {
      await apiPatch(`/admin/people/${encodeURIComponent(person.id)}`, { agencyId, role });
      announce(`Saved ${person.name}: ${role}, ${agencies.find((a) => a.id === agencyId)?.name ?? agencyId}.`);
      await onSaved();
    });

  const setDisabled = (disabled: boolean) =>
    runWrite(setBusy, setError, async () => {
      await apiPost(`/admin/people/${encodeURIComponent(person.id)}/${disabled ? 'disable' : 'enable'}`);
      announce(disabled ? `Disabled ${person.name}: signed out everywhere.` : `Enabled ${person.name}.`);
      await onSaved();
    });

  return (
    <tr>
      <th scope="row" className="govuk-table__header">
        {person.name}
        {person.disabled && <span className="app-secondary-text"> (account disabled)</span>}
      </th>
      <td className="govuk-table__cell">{person.email}</td>
      <td className="govuk-table__cell">{person.jobTitle || '—'}</td>
      <td className="govuk-table__cell">
        <select className="govuk-select" aria-label={`Agency for ${person.name}`} value={agencyId} onChange={(e) => setAgencyId(e.target.value)}>
          {agencies.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </td>
      <td className="govuk-table__cell">
        <select className="govuk-select" aria-label={`Role for ${person.name}`} value={role} onChange={(e) => setRole(e.target.value as GlobalRole)}>
          {globalRoles.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </td>
      <td className="govuk-table__cell">
        <button className="govuk-button govuk-button--secondary app-button--small" type="button" onClick={() => void save()} disabled={busy || !changed} aria-label={`Save changes for ${person.name}`}>
          Save
        </button>
        {changed && <span className="app-secondary-text"> Unsaved changes</span>}{' '}
        <button className="govuk-button govuk-button--secondary app-button--small" type="button" onClick={() => void setDisabled(!person.disabled)} disabled={busy}>
          {person.disabled ? 'Enable account' : 'Disable account'}
          <span className="govuk-visually-hidden"> of {person.name}</span>
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
