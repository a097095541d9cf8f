import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { apiGet, apiPatch, apiPost } from '../../api';
import { errorText, globalRoles, type Agency, type GlobalRole, type Person, type SectionProps, ColumnHeads, runWrite } from './AdminPage';

const emptyForm = { name: '', email: '', jobTitle: '', agencyId: '', role: 'member' as GlobalRole, password: '' };

export function PeopleAdmin({ announce }: SectionProps) {
  const [people, setPeople] = useState<Person[] | null>(null);
  const [agencies, setAgencies] = useState<Agency[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
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
    await runWrite(setBusy, setFormError, async () => {
      const { password, ...rest } = form;
      await apiPost('/admin/people', password ? form : rest);
      announce(`Added ${form.name}.`);
      setForm(emptyForm);
      await load();
    });
  };

  return (
    <section aria-labelledby="people-heading">
      <h2 id="people-heading">People</h2>
      {loadError && (
        <p role="alert" className="error">
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
      <form className="add-item" aria-labelledby="add-person-heading" onSubmit={submit}>
        <h3 id="add-person-heading">Add a person</h3>
        {formError && (
          <p role="alert" className="govuk-error-message app-full-width">
            Could not add the person: {formError}
          </p>
        )}
        <label>
          Full name
          <input className="govuk-input" value={form.name} onChange={set('name')} required minLength={2} maxLength={120} autoComplete="off" />
        </label>
        <label>
          Email
          <input className="govuk-input" type="email" value={form.email} onChange={set('email')} required maxLength={254} autoComplete="off" />
        </label>
        <label>
          Job title <span className="hint">(optional)</span>
          <input className="govuk-input" value={form.jobTitle} onChange={set('jobTitle')} maxLength={120} />
        </label>
        <label>
          Agency
          <select className="govuk-select" value={form.agencyId} onChange={set('agencyId')} required>
            <option value="">Choose an agency</option>
            {agencies.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Role
          <select className="govuk-select" value={form.role} onChange={set('role')}>
            {globalRoles.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <label>
          Initial password <span className="hint">(optional, at least 12 characters)</span>
          <input className="govuk-input" type="password" value={form.password} onChange={set('password')} minLength={12} maxLength={200} autoComplete="new-password" />
        </label>
        <button className="govuk-button app-button--small" type="submit" disabled={busy}>
          Add person
        </button>
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
        {person.disabled && <span className="hint"> (account disabled)</span>}
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
        {changed && <span className="hint"> Unsaved changes</span>}{' '}
        <button className="govuk-button govuk-button--secondary app-button--small" type="button" onClick={() => void setDisabled(!person.disabled)} disabled={busy}>
          {person.disabled ? 'Enable account' : 'Disable account'}
          <span className="govuk-visually-hidden"> of {person.name}</span>
        </button>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
      </td>
    </tr>
  );
}
