import { useState } from 'react';
import { defaultConfidentialityStatement } from '../../../shared/domain';
import { roomEvents } from '../../../shared/room-protocol';
import type { Room } from '../../live/useRoom';

/**
 * Once the meeting is live, each person reads the confidentiality statement and acknowledges it; the server records
 * the time once. After that only a short line remains, so the statement never hides the work.
 */
export function Confidentiality({ room, acknowledged, statement }: { room: Room; acknowledged: boolean; statement?: string | null }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (acknowledged) {
    return (
      <p className="confidentiality-done">
        <span aria-hidden="true">✓ </span>You have acknowledged the confidentiality statement.
      </p>
    );
  }
  return (
    <section className="confidentiality" aria-labelledby="confidentiality-heading">
      <h2 id="confidentiality-heading">Confidentiality</h2>
      <p>{statement || defaultConfidentialityStatement}</p>
      <button className="govuk-button govuk-button--secondary app-button--small"
        type="button"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(await room.send(roomEvents.acknowledge));
          setBusy(false);
        }}
      >
        I acknowledge
      </button>
      {error && <p role="alert">Not recorded: {error}</p>}
    </section>
  );
}
