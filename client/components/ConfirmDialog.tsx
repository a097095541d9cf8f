import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, ButtonGroup } from './Button';

interface Props {
  /** The question, e.g. "End the meeting?": the dialog's accessible name. */
  question: ReactNode;
  /** What happens if the person says yes: the dialog's description. */
  children: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  /**
   * How many times the person has asked (pressed End, Remove, …). The parent keeps one dialog open, so asking again
   * never stacks a second question: each new ask only brings focus back to this one.
   */
  asks?: number;
  /** The room's dense buttons, or GOV.UK's full-size ones on a page of their own. */
  small?: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/**
 * One question before a step that is hard to undo, shown in the page (not window.confirm). Focus moves into it so a
 * keyboard or screen-reader user answers it next; Escape or Cancel closes it and puts focus back where the person
 * asked from.
 */
export function ConfirmDialog({ question, children, confirmLabel, cancelLabel, asks = 1, small = true, onConfirm, onCancel }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const ref = useRef<HTMLDivElement>(null);
  // The control that asked: a cancel hands the keyboard back to it.
  const asker = useRef<Element | null>(null);
  useEffect(() => {
    const active = document.activeElement;
    if (active && !ref.current?.contains(active)) asker.current = active;
    ref.current?.focus();
  }, [asks]);
  const cancel = () => {
    onCancel();
    if (asker.current instanceof HTMLElement && asker.current.isConnected) asker.current.focus();
  };
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="alertdialog"
      aria-labelledby={`${id}-question`}
      aria-describedby={`${id}-consequence`}
      className="app-confirm-dialog"
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.stopPropagation();
        cancel();
      }}
    >
      <h3 id={`${id}-question`} className="govuk-heading-s">
        {question}
      </h3>
      <div id={`${id}-consequence`} className="app-confirm-dialog__consequence">
        {children}
      </div>
      <ButtonGroup className={small ? 'app-button-group--tight' : undefined}>
        <Button variant="warning" small={small} onClick={onConfirm}>
          {confirmLabel}
        </Button>
        <Button variant="secondary" small={small} onClick={cancel}>
          {cancelLabel ?? t('cancel')}
        </Button>
      </ButtonGroup>
    </div>
  );
}
