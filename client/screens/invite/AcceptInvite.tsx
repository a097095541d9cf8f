import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiPost } from '../../api';
import { navigate } from '../../router';

export function AcceptInvite({ token }: { token: string }) {
  const { t } = useTranslation('room');
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
        {t('invite.heading')}
      </h1>
      <p>{t('invite.text')}</p>
      {error && <p role="alert">{error}</p>}
      <button className="govuk-button govuk-button--secondary app-button--small" type="button" onClick={() => void accept()}>
        {t('invite.accept')}
      </button>
    </section>
  );
}
