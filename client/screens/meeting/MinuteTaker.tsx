import { useState } from 'react';
import type { MeetingDetailView } from '../../../shared/api-types';
import { apiPut, ApiError } from '../../api';
import { roomLabelClass, Select } from '../../components/Field';
import { ParticipantOptions } from '../../components/Options';

/** Who takes the minutes: the chair picks (until the meeting ends); everyone else reads it. */
export function MinuteTaker({ meeting, ended }: { meeting: MeetingDetailView; /** Ended while this screen was open. */ ended: boolean }) {
  const [takerId, setTakerId] = useState(meeting.minuteTakerId);
  const [message, setMessage] = useState('');
  const taker = meeting.participants.find((p) => p.id === takerId);
  if (!meeting.abilities.chair || meeting.status === 'ended' || ended) {
    return taker ? <p className="govuk-body-s">Minutes taken by {taker.name} ({taker.agencyName})</p> : null;
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
    <div className="app-minute-taker">
      <Select
        id="minute-taker"
        label="Minutes taken by"
        labelClass={roomLabelClass}
        className="govuk-!-margin-bottom-1"
        selectClass="app-full-width"
        value={takerId ?? ''}
        onChange={(e) => void choose(e.target.value || null)}
      >
        <ParticipantOptions people={meeting.participants} none="Not chosen yet" />
      </Select>
      <p className="govuk-body-s" aria-live="polite">
        {message}
      </p>
    </div>
  );
}
