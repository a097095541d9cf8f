import { useState } from 'react';
import { apiPost } from '../../api';
import { navigate } from '../../router';
import { Button } from '../../components/Button';

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
      <h1 id="invite-heading" className="govuk-heading-l" tabIndex={-1}>
        Join a meeting
      </h1>
      <p className="govuk-body">You have been invited to a triage meeting. The link works once and expires.</p>
      {error && (
        <p className="govuk-error-message" role="alert">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      )}
      <Button onClick={() => void accept()}>Accept the invite</Button>
    </section>
  );
}
