import { useEffect, useRef } from 'react';
import type { AgendaItem } from '../../../shared/meeting-doc';

interface Props {
  item: AgendaItem;
  number: number;
  /** How many times Remove was pressed: each press brings focus back to this question. */
  asks: number;
  onConfirm(): void;
  onCancel(): void;
}

/**
 * Asks once before an agenda item is removed. One pending removal at a time (the editor holds it), so pressing
 * Remove again never stacks a second question. Focus moves here so a keyboard user answers it next.
 */
export function RemoveItemConfirm({ item, number, asks, onConfirm, onCancel }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  // The Remove button that asked: a cancel puts the keyboard back there.
  const asker = useRef<Element | null>(null);
  useEffect(() => {
    asker.current = document.activeElement;
    ref.current?.focus();
  }, [item.id, asks]);
  const cancel = () => {
    onCancel();
    if (asker.current instanceof HTMLElement) asker.current.focus();
  };
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="alertdialog"
      aria-labelledby="remove-item-question"
      aria-describedby="remove-item-consequence"
      className="confirm-remove notice"
      onKeyDown={(e) => e.key === 'Escape' && cancel()}
    >
      <h3 id="remove-item-question">
        Remove item {number}, {item.title}?
      </h3>
      <p id="remove-item-consequence">Its notes, decision and actions go with it. You can restore it from “Removed items” until the meeting ends.</p>
      <div className="button-row">
        <button type="button" className="govuk-button govuk-button--warning app-button--small" onClick={onConfirm}>
          Yes, remove it
        </button>
        <button className="govuk-button govuk-button--secondary app-button--small" type="button" onClick={cancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
