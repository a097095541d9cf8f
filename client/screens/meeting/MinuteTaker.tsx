import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingDetailView } from '../../../shared/api-types';
import { apiPut, ApiError } from '../../api';
import { roomLabelClass, Select } from '../../components/Field';
import { ParticipantOptions } from '../../components/Options';

/** Who takes the minutes: the chair picks (until the meeting ends); everyone else reads it. */
export function MinuteTaker({ meeting, ended }: { meeting: MeetingDetailView; /** Ended while this screen was open. */ ended: boolean }) {
  const { t } = useTranslation('room');
  const [takerId, setTakerId] = useState(meeting.minuteTakerId);
  const [message, setMessage] = useState('');
  const taker = meeting.participants.find((p) => p.id === takerId);
  if (!meeting.abilities.chair || meeting.status === 'ended' || ended) {
    return taker ? <p className="govuk-body-s">{t('minuteTaker.takenBy', { name: taker.name, agency: taker.agencyName })}</p> : null;
  }
  const choose = async (personId: string | null) => {
    try {
      await apiPut(`/meetings/${meeting.id}/minute-taker`, { personId });
      setTakerId(personId);
      setMessage(personId ? t('minuteTaker.saved') : t('minuteTaker.cleared'));
    } catch (err) {
      setMessage(err instanceof ApiError ? err.message : t('minuteTaker.couldNotSave'));
    }
  };
  return (
    <div className="app-minute-taker">
      <Select
        id="minute-taker"
        label={t('minuteTaker.label')}
        labelClass={roomLabelClass}
        className="govuk-!-margin-bottom-1"
        selectClass="app-full-width"
        value={takerId ?? ''}
        onChange={(e) => void choose(e.target.value || null)}
      >
        <ParticipantOptions people={meeting.participants} none={t('minuteTaker.notChosen')} />
      </Select>
      <p className="govuk-body-s" aria-live="polite">
        {message}
      </p>
    </div>
  );
}
