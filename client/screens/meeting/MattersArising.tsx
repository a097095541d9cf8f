import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActionView } from '../../../shared/api-types';
import type { ActionStatus } from '../../../shared/minutes';
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
  const { t } = useTranslation(['room', 'domain']);
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
      announce(t('arising.statusChanged', { what: action.what, status: t(`domain:actionStatus.${status}`) }));
      load();
    } catch (err) {
      setError((err as Error).message);
    }
  };

  return (
    <section className="work-section" aria-labelledby="arising-heading">
      <h3 id="arising-heading">{t('arising.heading')}</h3>
      {error && <p className="govuk-error-message" role="alert">{error}</p>}
      {actions === null && !error && <p>{t('arising.loading')}</p>}
      {actions?.length === 0 && <p className="govuk-body-s app-secondary-text">{t('arising.none')}</p>}
      {actions && actions.length > 0 && (
        <ol className="actions" aria-label={t('arising.heading')}>
          {actions.map((a) => (
            <li key={a.id} className={`action status-${a.status}`}>
              <ActionFacts action={a} />
              <Select
                id={`arising-status-${a.id}`}
                label={t('arising.statusOf', { what: a.what })}
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
