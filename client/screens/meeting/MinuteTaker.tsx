import { useState } from 'react';
import type { MeetingDetailView } from '../../../shared/api-types';
import { apiPut, ApiError } from '../../api';
import { ParticipantOptions } from '../../components/Options';

/** Who takes the minutes: the chair picks (until the meeting ends); everyone else reads it. */
export function MinuteTaker({ meeting, ended }: { meeting: MeetingDetailView; /** Ended while this screen was open. */ ended: boolean }) {
  const [takerId, setTakerId] = useState(meeting.minuteTakerId);
  const [message, setMessage] = useState('');
  const taker = meeting.participants.find((p) => p.id === takerId);
  if (!meeting.abilities.chair || meeting.status === 'ended' || ended) {
    return taker ? <p className="meta">Minutes taken by {taker.name} ({taker.agencyName})</p> : null;
  }
  const choose = async (personId: string | null) => {
    try {
      await apiPut(`/meetings/${meeting.id}/minute-taker`, { personId });
      setTakerId(personId);
      setMessage(personId ? 'Minute-taker saved' : 'Minute-taker cleared');
    } catch (err) {
      setMessage(err instanceof ApiError ? err.message : 'Could not save the minute-taker');
    }
  };
  return (
    <p className="meta minute-taker">
      <label>
        Minutes taken by{' '}
        <select className="govuk-select" value={takerId ?? ''} onChange={(e) => void choose(e.target.value || null)}>
          <ParticipantOptions people={meeting.participants} none="Not chosen yet" />
        </select>
      </label>{' '}
      <span aria-live="polite">{message}</span>
    </p>
  );
}
