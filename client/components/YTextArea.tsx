/**
 * A plain textarea bound to a Y.Text, so several people can type in it at once without losing each other's words.
 * Local input becomes the smallest delete + insert (common prefix and suffix kept); remote changes are applied to the
 * textarea directly with the caret and selection moved through them, so nobody's cursor jumps while others type.
 */
import { useEffect, useId, useRef } from 'react';
import type * as Y from 'yjs';
import { diffText, mapIndexThroughDelta, type TextDelta } from '../live/text-delta';

interface Props {
  text: Y.Text;
  label: string;
  readOnly: boolean;
  maxLength: number;
  rows?: number;
  hint?: string;
  /** The label is read by screen readers only (the control sits in a labelled table column). */
  labelHidden?: boolean;
  /** Called before the first local change lands (e.g. to record who is writing). */
  onFirstEdit?: () => void;
  onFocusChange?: (focused: boolean) => void;
}

export function YTextArea({ text, label, readOnly, maxLength, rows = 3, hint, labelHidden, onFirstEdit, onFocusChange }: Props) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const hintId = useId();
  const edited = useRef(false);

  useEffect(() => {
    const area = ref.current;
    if (!area) return;
    area.value = text.toString();
    const onRemote = (event: Y.YTextEvent, transaction: Y.Transaction) => {
      if (transaction.local && transaction.origin === area) return;
      const delta = event.changes.delta as TextDelta;
      const [start, end] = [area.selectionStart, area.selectionEnd];
      area.value = text.toString();
      // Restored even when the field is not focused: assigning `value` puts the caret at the end, and a person who
      // tabbed away mid-sentence and comes back must find it where they left it, not after everyone else's words.
      area.setSelectionRange(mapIndexThroughDelta(start, delta), mapIndexThroughDelta(end, delta));
    };
    text.observe(onRemote);
    return () => text.unobserve(onRemote);
  }, [text]);

  const onInput = () => {
    const area = ref.current;
    if (!area || !text.doc) return;
    const change = diffText(text.toString(), area.value);
    if (!edited.current) {
      edited.current = true;
      onFirstEdit?.();
    }
    text.doc.transact(() => {
      if (change.remove) text.delete(change.index, change.remove);
      if (change.insert) text.insert(change.index, change.insert);
    }, area);
  };

  return (
    <label className="ytext govuk-form-group">
      <span className={`govuk-label ytext-label${labelHidden ? ' govuk-visually-hidden' : ''}`}>{label}</span>
      {hint && (
        <span className="govuk-hint" id={hintId}>
          {hint}
        </span>
      )}
      <textarea
        className="govuk-textarea"
        ref={ref}
        rows={rows}
        maxLength={maxLength}
        readOnly={readOnly}
        aria-describedby={hint ? hintId : undefined}
        onInput={onInput}
        onFocus={() => onFocusChange?.(true)}
        onBlur={() => onFocusChange?.(false)}
      />
    </label>
  );
}
