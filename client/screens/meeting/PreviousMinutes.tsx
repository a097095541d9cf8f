import { useCallback, useEffect, useState } from 'react';
import type { PreviousMinutesView } from '../../../shared/api-types';
import { longDate } from '../../../shared/minutes-house-style';
import { apiGet, apiPost } from '../../api';
import { Link } from '../../components/Link';
import { AgreeWithAmendments } from './AgreeWithAmendments';

/**
 * The standing item "Minutes of the last meeting": the previous minutes (link and summary) and, for this meeting's
 * chair once it is live, "Agree as a correct record" or "Agree with amendments" (a short form: why, and what changed).
 */
export function PreviousMinutes({ meetingId, live, announce }: { meetingId: string; live: boolean; announce(m: string): void }) {
  const [previous, setPrevious] = useState<PreviousMinutesView | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [amending, setAmending] = useState(false);
  const load = useCallback(() => {
    apiGet<{ previous: PreviousMinutesView | null }>(`/meetings/${meetingId}/previous-minutes`).then(
      (body) => setPrevious(body.previous),
      (err: Error) => setError(err.message),
    );
  }, [meetingId]);
  useEffect(load, [load, live]);

  const agree = async () => {
    if (!previous) return;
    setBusy(true);
    try {
      await apiPost(`/meetings/${previous.meetingId}/minutes/agree`, { atMeetingId: meetingId });
      announce('The minutes of the last meeting are agreed as a correct record');
      load();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="work-section" aria-labelledby="previous-minutes-heading">
      <h3 id="previous-minutes-heading">Minutes of the last meeting</h3>
      {error && <p role="alert">{error}</p>}
      {previous === undefined && !error && <p>Loading the last minutes…</p>}
      {previous === null && <p className="govuk-body-s app-secondary-text">There are no earlier minutes in this series.</p>}
      {previous && (
        <>
          <p>
            <Link to={`/meetings/${previous.meetingId}/minutes`}>Minutes of the meeting held on {longDate(previous.heldAt)}</Link> (version {previous.version}):{' '}
            {previous.summary.items} items, {previous.summary.decisions} decisions, {previous.summary.actions} actions, {previous.summary.present} present.
          </p>
          <p className={previous.agreed ? 'minutes-agreed' : 'minutes-draft'}>
            <strong>{previous.status}</strong>
          </p>
          {previous.canAgree && !amending && (
            <div className="govuk-button-group">
              <button className="govuk-button govuk-button--secondary app-button--small" type="button" disabled={busy} onClick={() => void agree()}>
                Agree as a correct record
              </button>
              <button className="govuk-button govuk-button--secondary app-button--small" type="button" aria-expanded={false} onClick={() => setAmending(true)}>
                Agree with amendments
              </button>
            </div>
          )}
          {previous.canAgree && amending && (
            <AgreeWithAmendments
              previousMeetingId={previous.meetingId}
              atMeetingId={meetingId}
              onCancel={() => setAmending(false)}
              onAgreed={() => {
                setAmending(false);
                announce('The minutes of the last meeting are amended and agreed as a correct record');
                load();
              }}
            />
          )}
        </>
      )}
    </section>
  );
}
