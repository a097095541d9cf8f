import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';

interface Props {
  /** Case items still without a decision outcome: the chair is told before confirming. */
  undecided: string[];
  /** Sends the end command; resolves once the server has answered. */
  onEnd(): Promise<void>;
}

/**
 * The chair's End button and its one confirmation: pressing End again while the question is open only brings focus
 * back to it, and once confirmed the command is sent once while it runs.
 */
export function EndMeeting({ undecided, onEnd }: Props) {
  const { t } = useTranslation('room');
  const [asking, setAsking] = useState(0);
  const [ending, setEnding] = useState(false);
  const sent = useRef(false);

  const confirm = async () => {
    if (sent.current) return;
    sent.current = true;
    setEnding(true);
    setAsking(0);
    await onEnd();
    // Still here means the server refused (the room shows why): the chair may try again.
    sent.current = false;
    setEnding(false);
  };

  if (ending) return <p className="govuk-body-s">{t('end.ending')}</p>;
  return (
    <>
      <Button variant="warning" small aria-expanded={asking > 0} onClick={() => setAsking((n) => n + 1)}>
        {t('end.button')}
      </Button>
      {asking > 0 && (
        <ConfirmDialog question={t('end.question')} confirmLabel={t('end.confirm')} asks={asking} onConfirm={() => void confirm()} onCancel={() => setAsking(0)}>
          <p className="govuk-body-s">{t('end.explained')}</p>
          {undecided.length > 0 && <p className="govuk-body-s">{t('end.undecided', { items: undecided.join('; ') })}</p>}
        </ConfirmDialog>
      )}
    </>
  );
}
