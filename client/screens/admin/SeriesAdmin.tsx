import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { apiDelete, apiGet, apiPut } from '../../api';
import { Button } from '../../components/Button';
import { ErrorSummary, errorFor, type FieldError } from '../../components/ErrorSummary';
import { Select } from '../../components/Field';
import { errorsFrom } from '../series/form-errors';
import { errorText, seriesRoles, type Agency, type Person, type SectionProps, type SeriesRole, ColumnHeads, runWrite } from './AdminPage';

interface Series {
  id: string;
  name: string;
  cadence: string;
}
interface Member {
  seriesId: string;
  personId: string;
  role: SeriesRole;
}
interface Data {
  series: Series[];
  members: Member[];
  people: Person[];
  agencies: Agency[];
}

export function SeriesAdmin({ announce }: SectionProps) {
  const { t } = useTranslation(['admin']);
  const [data, setData] = useState<Data | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const load = useCallback(
    () =>
      Promise.all([
        apiGet<{ series: Series[]; members: Member[] }>('/admin/series'),
        apiGet<{ people: Person[] }>('/admin/people'),
        apiGet<{ agencies: Agency[] }>('/admin/agencies'),
      ]).then(
        ([s, p, a]) => setData({ series: s.series, members: s.members, people: p.people, agencies: a.agencies }),
        (err: unknown) => setLoadError(errorText(err)),
      ),
    [],
  );
  useEffect(() => void load(), [load]);

  return (
    <section aria-labelledby="series-heading">
      <h2 id="series-heading">{t('admin:series.heading')}</h2>
      {loadError && (
        <p role="alert" className="govuk-error-message">
          {t('admin:series.couldNotLoad', { error: loadError })}
        </p>
      )}
      {!data && !loadError && <p>{t('admin:series.loading')}</p>}
      {data && data.series.length === 0 && <p>{t('admin:series.none')}</p>}
      {data?.series.map((s) => <SeriesMembers key={s.id} series={s} data={data} announce={announce} reload={load} />)}
    </section>
  );
}

function SeriesMembers({ series, data, announce, reload }: { series: Series; data: Data; reload(): Promise<void> } & SectionProps) {
  const { t } = useTranslation(['admin', 'domain']);
  const roleName = (r: SeriesRole) => t(`domain:seriesRole.${r}`).toLocaleLowerCase();
  const [error, setError] = useState<string | null>(null);
  // The add form's errors, each linked to its field; `error` stays for the table's row actions.
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [personId, setPersonId] = useState('');
  const [role, setRole] = useState<SeriesRole>('member');
  const [busy, setBusy] = useState(false);
  const members = data.members.filter((m) => m.seriesId === series.id);
  const personOf = (id: string) => data.people.find((p) => p.id === id);
  const agencyName = (id: string | undefined) => data.agencies.find((a) => a.id === id)?.name ?? '—';
  const nonMembers = data.people.filter((p) => !members.some((m) => m.personId === p.id));
  const path = (pid: string) => `/admin/series/${encodeURIComponent(series.id)}/members/${encodeURIComponent(pid)}`;

  const run = (action: () => Promise<unknown>, success: string) =>
    runWrite(setBusy, setError, async () => {
      await action();
      announce(success);
      await reload();
    });
  const setMember = (pid: string, r: SeriesRole) => run(() => apiPut(path(pid), { role: r }), t('admin:series.nowRole', { name: personOf(pid)?.name ?? pid, role: roleName(r), series: series.name }));
  const headingId = `series-${series.id}-heading`;
  // Ids unique per series: the page holds one add form for each series.
  const form = `member-${series.id}`;
  const personField = `${form}-personId`;
  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (!personId) {
      setErrors([{ href: personField, text: t('admin:series.choosePerson', { series: series.name }) }]);
      return;
    }
    setErrors([]);
    setBusy(true);
    try {
      await apiPut(path(personId), { role });
      announce(t('admin:series.nowRole', { name: personOf(personId)?.name ?? personId, role: roleName(role), series: series.name }));
      setPersonId('');
      await reload();
    } catch (err) {
      // A 422 names its field (role); anything else (no such person, separation of duties) goes with the person.
      setErrors(errorsFrom(err, form, personField));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId}>
        {series.name} <span className="app-secondary-text">({series.cadence})</span>
      </h3>
      {error && (
        <p role="alert" className="govuk-error-message">
          {error}
        </p>
      )}
      <table className="govuk-table app-table--compact">
        <caption className="govuk-table__caption govuk-table__caption--s">
          {t('admin:series.caption', { series: series.name, count: members.length })}
        </caption>
        <ColumnHeads names={(['name', 'agency', 'role', 'actions'] as const).map((c) => t(`admin:columns.${c}`))} />
        <tbody>
          {members.map((m) => (
            <MemberRow
              key={`${m.personId}-${m.role}`}
              member={m}
              name={personOf(m.personId)?.name ?? m.personId}
              agency={agencyName(personOf(m.personId)?.agencyId)}
              seriesName={series.name}
              busy={busy}
              onSave={(r) => void setMember(m.personId, r)}
              onRemove={(name) => void run(() => apiDelete(path(m.personId)), t('admin:series.removed', { name, series: series.name }))}
            />
          ))}
        </tbody>
      </table>
      <form className="app-admin-form" aria-labelledby={`${headingId}-add`} onSubmit={add} noValidate>
        <h4 id={`${headingId}-add`} className="govuk-heading-s">
          {t('admin:series.add', { series: series.name })}
        </h4>
        <ErrorSummary errors={errors} />
        <Select id={personField} label={t('admin:series.person')} value={personId} onChange={(e) => setPersonId(e.target.value)} error={errorFor(errors, personField)}>
          <option value="">{t('admin:series.choosePersonOption')}</option>
          {nonMembers.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({agencyName(p.agencyId)})
            </option>
          ))}
        </Select>
        <Select id={`${form}-role`} label={t('admin:series.role')} value={role} onChange={(e) => setRole(e.target.value as SeriesRole)} error={errorFor(errors, `${form}-role`)}>
          {seriesRoles.map((r) => (
            <option key={r} value={r}>
              {t(`domain:seriesRole.${r}`)}
            </option>
          ))}
        </Select>
        <Button type="submit" disabled={busy}>
          {t('admin:series.submit')}
        </Button>
      </form>
    </section>
  );
}

interface RowProps {
  member: Member;
  name: string;
  agency: string;
  seriesName: string;
  busy: boolean;
  onSave(role: SeriesRole): void;
  onRemove(name: string): void;
}

/** The role is chosen first and saved with a button, so arrowing through the options never saves by accident. */
function MemberRow({ member, name, agency, seriesName, busy, onSave, onRemove }: RowProps) {
  const { t } = useTranslation(['admin', 'domain']);
  const [role, setRole] = useState<SeriesRole>(member.role);
  return (
    <tr>
      <th scope="row" className="govuk-table__header">
        {name}
      </th>
      <td className="govuk-table__cell">{agency}</td>
      <td className="govuk-table__cell">
        <select className="govuk-select" aria-label={t('admin:series.roleOf', { name, series: seriesName })} value={role} onChange={(e) => setRole(e.target.value as SeriesRole)}>
          {seriesRoles.map((r) => (
            <option key={r} value={r}>
              {t(`domain:seriesRole.${r}`)}
            </option>
          ))}
        </select>{' '}
        <button className="govuk-button govuk-button--secondary app-button--small" type="button" disabled={busy || role === member.role} aria-label={t('admin:series.saveRoleFor', { name, series: seriesName })} onClick={() => onSave(role)}>
          {t('admin:series.saveRole')}
        </button>
      </td>
      <td className="govuk-table__cell">
        <button className="govuk-button govuk-button--secondary app-button--small" type="button" disabled={busy} aria-label={t('admin:series.removeFrom', { name, series: seriesName })} onClick={() => onRemove(name)}>
          {t('admin:series.remove')}
        </button>
      </td>
    </tr>
  );
}
