import { useEffect, useRef, useState } from 'react';

interface Props {
  /** Case items still without a decision outcome: the chair is told before confirming. */
  undecided: string[];
  /** Sends the end command; resolves once the server has answered. */
  onEnd(): Promise<void>;
}

/**
 * The chair's End button and its one confirmation, in the page (not window.confirm): pressing End again while the
 * question is open only brings focus back to it, and once confirmed the command is sent once while it runs.
 */
export function EndMeeting({ undecided, onEnd }: Props) {
  const [asking, setAsking] = useState(0);
  const [ending, setEnding] = useState(false);
  const sent = useRef(false);
  const question = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) question.current?.focus();
  }, [asking]);

  const cancel = () => {
    setAsking(0);
    button.current?.focus();
  };
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

  if (ending) return <p className="ending">Ending the meeting…</p>;
  return (
    <>
      <button ref={button} type="button" className="govuk-button govuk-button--warning app-button--small" aria-expanded={asking > 0} onClick={() => setAsking((n) => n + 1)}>
        End the meeting
      </button>
      {asking > 0 && (
        <div
          ref={question}
          tabIndex={-1}
          role="alertdialog"
          aria-labelledby="end-meeting-question"
          aria-describedby="end-meeting-consequence"
          className="confirm-end notice"
          onKeyDown={(e) => e.key === 'Escape' && cancel()}
        >
          <h3 id="end-meeting-question">End the meeting?</h3>
          <div id="end-meeting-consequence">
            <p>The minutes are written now and the record becomes read-only for everyone.</p>
            {undecided.length > 0 && <p>No decision outcome yet for: {undecided.join('; ')}.</p>}
          </div>
          <div className="button-row">
            <button type="button" className="govuk-button govuk-button--warning app-button--small" onClick={() => void confirm()}>
              Yes, end the meeting
            </button>
            <button className="govuk-button govuk-button--secondary app-button--small" type="button" onClick={cancel}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </>
  );
}
