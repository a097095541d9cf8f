import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiPost } from '../../api';
import { navigate } from '../../router';
import { Button } from '../../components/Button';

export function AcceptInvite({ token }: { token: string }) {
  const { t } = useTranslation(['invite', 'common']);
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
        {t('accept.heading')}
      </h1>
      <p className="govuk-body">{t('accept.intro')}</p>
      {error && (
        <p className="govuk-error-message" role="alert">
          <span className="govuk-visually-hidden">{t('common:errorPrefix')}</span> {error}
        </p>
      )}
      <Button onClick={() => void accept()}>{t('accept.button')}</Button>
    </section>
  );
}
