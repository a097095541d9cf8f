import { useCallback, useEffect, useState } from 'react';
import type { ActionView } from '../../../shared/api-types';
import { actionStatusLabels, type ActionStatus } from '../../../shared/minutes';
import { apiGet, apiPost } from '../../api';
import { Link } from '../../components/Link';
import { ActionFacts } from '../../components/ActionFacts';
import { ActionStatusOptions } from '../../components/Options';
import '../minutes/minutes.css';
import { Reminders } from './Reminders';

type State = 'open' | 'overdue' | 'all';

/** Every action agreed in a series: open and overdue first, filterable by agency and person. */
export function ActionTracker({ seriesId }: { seriesId: string }) {
  const [state, setState] = useState<State>('open');
  const [agencyId, setAgencyId] = useState('');
  const [personId, setPersonId] = useState('');
  const [actions, setActions] = useState<ActionView[] | null>(null);
  const [everyone, setEveryone] = useState<ActionView[]>([]);
  const [canUpdate, setCanUpdate] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState('');

  const load = useCallback(() => {
    const query = new URLSearchParams({ state });
    if (agencyId) query.set('agencyId', agencyId);
    if (personId) query.set('personId', personId);
    apiGet<{ actions: ActionView[]; canUpdate: boolean }>(`/series/${seriesId}/actions?${query}`).then(
      (body) => {
        setActions(body.actions);
        setCanUpdate(body.canUpdate);
      },
      (err: Error) => setError(err.message),
    );
  }, [seriesId, state, agencyId, personId]);
  useEffect(load, [load]);
  useEffect(() => {
    apiGet<{ actions: ActionView[] }>(`/series/${seriesId}/actions?state=all`).then((b) => setEveryone(b.actions), () => undefined);
  }, [seriesId]);

  const owners = everyone.flatMap((a) => (a.owner ? [a.owner] : []));
  const agencies = [...new Map(owners.filter((o) => o.agencyId).map((o) => [o.agencyId!, o.agency])).entries()].sort((a, b) => a[1].localeCompare(b[1]));
  const people = [...new Map(owners.filter((o) => o.id).map((o) => [o.id!, `${o.name} (${o.agency})`])).entries()].sort((a, b) => a[1].localeCompare(b[1]));

  const setStatus = async (action: ActionView, status: ActionStatus) => {
    try {
      await apiPost(`/actions/${action.id}/status`, { status });
      setNotice(`“${action.what}” is now ${actionStatusLabels[status]}`);
      load();
    } catch (err) {
      setError((err as Error).message);
    }
  };

  return (
    <section aria-labelledby="tracker-heading">
      <p className="breadcrumb">
        <Link to="/">Meetings</Link>
      </p>
      <h1 id="tracker-heading" tabIndex={-1}>
        Action tracker
      </h1>
      <p className="visually-hidden" aria-live="polite">
        {notice}
      </p>
      <form className="add-action" aria-label="Filter actions" onSubmit={(e) => e.preventDefault()}>
        <label>
          Show
          <select value={state} onChange={(e) => setState(e.target.value as State)}>
            <option value="open">Open actions</option>
            <option value="overdue">Overdue actions</option>
            <option value="all">All actions</option>
          </select>
        </label>
        <label>
          Agency
          <select value={agencyId} onChange={(e) => setAgencyId(e.target.value)}>
            <option value="">All agencies</option>
            {agencies.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Person
          <select value={personId} onChange={(e) => setPersonId(e.target.value)}>
            <option value="">Everyone</option>
            {people.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </label>
      </form>
      {error && <p role="alert">{error}</p>}
      {actions === null && !error && <p>Loading actions…</p>}
      {actions && (
        <p aria-live="polite">
          {actions.length} {actions.length === 1 ? 'action' : 'actions'}
        </p>
      )}
      {actions && actions.length > 0 && (
        <ol className="actions work-section" aria-label="Actions">
          {actions.map((a) => (
            <li key={a.id} className={`action status-${a.status}`}>
              <ActionFacts action={a} />
              {canUpdate && (
                <label>
                  Status of “{a.what}”
                  <select value={a.status} onChange={(e) => void setStatus(a, e.target.value as ActionStatus)}>
                    <ActionStatusOptions />
                  </select>
                </label>
              )}
              <Link to={`/meetings/${a.meeting.id}/minutes`}>Minutes of the meeting that agreed it</Link>
            </li>
          ))}
        </ol>
      )}
      {canUpdate && <Reminders seriesId={seriesId} />}
    </section>
  );
}
