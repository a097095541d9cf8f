import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roomEvents } from '../../../shared/room-protocol';
import type { Room } from '../../live/useRoom';

/**
 * Once the meeting is live, each person reads the confidentiality statement and acknowledges it; the server records
 * the time once. After that only a short line remains, so the statement never hides the work.
 */
export function Confidentiality({ room, acknowledged, statement }: { room: Room; acknowledged: boolean; statement?: string | null }) {
  const { t } = useTranslation(['room', 'domain']);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (acknowledged) {
    return (
      <p className="confidentiality-done">
        <span aria-hidden="true">✓ </span>
        {t('confidentiality.done')}
      </p>
    );
  }
  return (
    <section className="confidentiality" aria-labelledby="confidentiality-heading">
      <h2 id="confidentiality-heading">{t('confidentiality.heading')}</h2>
      <p>{statement || t('domain:defaultConfidentialityStatement')}</p>
      <button className="govuk-button govuk-button--secondary app-button--small"
        type="button"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(await room.send(roomEvents.acknowledge));
          setBusy(false);
        }}
      >
        {t('confidentiality.acknowledge')}
      </button>
      {error && <p role="alert">{t('confidentiality.notRecorded', { error })}</p>}
    </section>
  );
}
