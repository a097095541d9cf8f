import { useState } from 'react';
import { apiPost } from '../../api';
import { navigate } from '../../router';

export function AcceptInvite({ token }: { token: string }) {
  const [error, setError] = useState<string | null>(null);
  const accept = async () => {
    try {
      const { meetingId } = await apiPost<{ meetingId: string }>(`/invites/${token}/accept`);
      navigate(`/meetings/${meetingId}`);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <section aria-labelledby="invite-heading">
      <h1 id="invite-heading" tabIndex={-1}>
        Join a meeting
      </h1>
      <p>You have been invited to a triage meeting. The link works once and expires.</p>
      {error && <p role="alert">{error}</p>}
      <button className="govuk-button govuk-button--secondary app-button--small" type="button" onClick={() => void accept()}>
        Accept the invite
      </button>
    </section>
  );
}
