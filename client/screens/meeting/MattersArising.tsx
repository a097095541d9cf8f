import { useCallback, useEffect, useState } from 'react';
import type { ActionView } from '../../../shared/api-types';
import { actionStatusLabels, type ActionStatus } from '../../../shared/minutes';
import { apiGet, apiPost } from '../../api';
import { ActionFacts } from '../../components/ActionFacts';
import { ActionStatusOptions } from '../../components/Options';
import { roomLabelClass, Select } from '../../components/Field';

/** Event the room hook raises when someone changed an action under matters arising. */
export const actionsChangedEvent = 'triage:actions-changed';

/**
 * Open actions from the series' earlier meetings. A status changed here is written to the original action, with a
 * history line saying it was updated at this meeting; everyone in the room sees it at once.
 */
export function MattersArising({ meetingId, readOnly, announce }: { meetingId: string; readOnly: boolean; announce(m: string): void }) {
  const [actions, setActions] = useState<ActionView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    apiGet<{ actions: ActionView[] }>(`/meetings/${meetingId}/matters-arising`).then(
      (body) => setActions(body.actions),
      (err: Error) => setError(err.message),
    );
  }, [meetingId]);
  useEffect(() => {
    load();
    window.addEventListener(actionsChangedEvent, load);
    return () => window.removeEventListener(actionsChangedEvent, load);
  }, [load]);

  const setStatus = async (action: ActionView, status: ActionStatus) => {
    try {
      await apiPost(`/actions/${action.id}/status`, { status, meetingId });
      announce(`Action “${action.what}” is now ${actionStatusLabels[status]}`);
      load();
    } catch (err) {
      setError((err as Error).message);
    }
  };

  return (
    <section className="work-section" aria-labelledby="arising-heading">
      <h3 id="arising-heading">Actions from earlier meetings</h3>
      {error && <p className="govuk-error-message" role="alert">{error}</p>}
      {actions === null && !error && <p>Loading actions…</p>}
      {actions?.length === 0 && <p className="govuk-body-s app-secondary-text">No open actions from earlier meetings.</p>}
      {actions && actions.length > 0 && (
        <ol className="actions" aria-label="Actions from earlier meetings">
          {actions.map((a) => (
            <li key={a.id} className={`action status-${a.status}`}>
              <ActionFacts action={a} />
              <Select
                id={`arising-status-${a.id}`}
                label={`Status of “${a.what}”`}
                labelClass={roomLabelClass}
                className="govuk-!-margin-bottom-0"
                value={a.status}
                disabled={readOnly}
                onChange={(e) => void setStatus(a, e.target.value as ActionStatus)}
              >
                <ActionStatusOptions />
              </Select>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
