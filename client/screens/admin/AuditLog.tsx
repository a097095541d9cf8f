import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { apiGet } from '../../api';
import { useFormat } from '../../i18n';
import { errorText, type Person, ColumnHeads } from './AdminPage';
import { Select, TextInput } from '../../components/Field';

interface Entry {
  id: number;
  at: number;
  actorId: string | null;
  actorName: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  detail: Record<string, unknown> | null;
  ip: string | null;
}

const dayStart = (date: string) => new Date(`${date}T00:00:00`).getTime();
const dayEnd = (date: string) => new Date(`${date}T23:59:59.999`).getTime();

export function AuditLog() {
  const { t } = useTranslation(['admin']);
  const { shortDateTime } = useFormat();
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [people, setPeople] = useState<Person[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [action, setAction] = useState('');
  const [actorId, setActorId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');

  const search = useCallback((filter: { action: string; actorId: string; from: string; to: string }) => {
    const query = new URLSearchParams();
    if (filter.action.trim()) query.set('action', filter.action.trim());
    if (filter.actorId) query.set('actorId', filter.actorId);
    if (filter.from) query.set('from', String(dayStart(filter.from)));
    if (filter.to) query.set('to', String(dayEnd(filter.to)));
    setError(null);
    return apiGet<{ entries: Entry[] }>(`/admin/audit?${query.toString()}`).then(
      (body) => setEntries(body.entries),
      (err: unknown) => setError(errorText(err)),
    );
  }, []);

  useEffect(() => {
    void search({ action: '', actorId: '', from: '', to: '' });
    apiGet<{ people: Person[] }>('/admin/people').then(
      (body) => setPeople(body.people),
      (err: unknown) => setError(errorText(err)),
    );
  }, [search]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void search({ action, actorId, from, to });
  };

  return (
    <section aria-labelledby="audit-heading">
      <h2 id="audit-heading">{t('admin:audit.heading')}</h2>
      <form className="add-item" aria-labelledby="audit-filter-heading" onSubmit={submit}>
        <h3 id="audit-filter-heading">{t('admin:audit.filter')}</h3>
        <TextInput id="audit-action" label={t('admin:audit.action')} hint={t('admin:audit.actionHint')} value={action} onChange={(e) => setAction(e.target.value)} maxLength={64} />
        <Select id="audit-person" label={t('admin:audit.person')} value={actorId} onChange={(e) => setActorId(e.target.value)}>
          <option value="">{t('admin:audit.anyone')}</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </Select>
        <TextInput id="audit-from" label={t('admin:audit.from')} type="date" inputClass="govuk-input--width-10" value={from} onChange={(e) => setFrom(e.target.value)} />
        <TextInput id="audit-to" label={t('admin:audit.to')} type="date" inputClass="govuk-input--width-10" value={to} onChange={(e) => setTo(e.target.value)} />
        <button className="govuk-button app-button--small" type="submit">
          {t('admin:audit.apply')}
        </button>
      </form>
      {error && (
        <p role="alert" className="govuk-error-message">
          {t('admin:audit.couldNotLoad', { error })}
        </p>
      )}
      {!entries && !error && <p>{t('admin:audit.loading')}</p>}
      {entries && (
        <table className="govuk-table app-table--compact">
          <caption className="govuk-table__caption govuk-table__caption--s">{t('admin:audit.caption', { count: entries.length })}</caption>
          <ColumnHeads names={(['time', 'person', 'action', 'target', 'detail', 'ip'] as const).map((c) => t(`admin:audit.columns.${c}`))} />
          <tbody>
            {entries.length === 0 && (
              <tr>
                <td colSpan={6} className="govuk-table__cell">
                  {t('admin:audit.none')}
                </td>
              </tr>
            )}
            {entries.map((e) => (
              <tr key={e.id}>
                <td className="govuk-table__cell">
                  <time dateTime={new Date(e.at).toISOString()}>{shortDateTime(e.at)}</time>
                </td>
                <td className="govuk-table__cell">{e.actorName ?? e.actorId ?? t('admin:audit.system')}</td>
                <td className="govuk-table__cell">
                  <code>{e.action}</code>
                </td>
                <td className="govuk-table__cell">{e.targetType || e.targetId ? `${e.targetType ?? ''} ${e.targetId ?? ''}`.trim() : '—'}</td>
                <td className="govuk-table__cell app-audit-detail">
                  {e.detail ? JSON.stringify(e.detail) : '—'}
                </td>
                <td className="govuk-table__cell">{e.ip ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
