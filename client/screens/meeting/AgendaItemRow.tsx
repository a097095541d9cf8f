import { useState, type FormEvent } from 'react';
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { isCaseKind, itemKindLabels } from '../../../shared/domain';
import { limits } from '../../../shared/limits';
import type { AgendaItem } from '../../../shared/meeting-doc';
import type { PresenceEntry } from '../../../shared/room-protocol';
import { CaseSummary } from './CaseDetailsView';

interface Props {
  item: AgendaItem;
  number: number;
  isFirst: boolean;
  isLast: boolean;
  readOnly: boolean;
  isCurrent: boolean;
  /** This item is on this person's screen. */
  isShown: boolean;
  /** Other people whose focus is in this item's editing area. */
  editors: PresenceEntry[];
  onView(): void;
  onDiscuss: (() => void) | null;
  onRename(title: string): void;
  onRemove(): void;
  onMove(delta: -1 | 1): void;
}

export function AgendaItemRow({ item, number, isFirst, isLast, readOnly, isCurrent, isShown, editors, onView, onDiscuss, onRename, onRemove, onMove }: Props) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(item.title);
  const label = `item ${number}, ${item.title}`;
  const sortable = useSortable({ id: item.id, disabled: readOnly || editing });

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (draft.trim()) onRename(draft);
    setEditing(false);
  };

  return (
    <li
      ref={sortable.setNodeRef}
      style={{ transform: CSS.Translate.toString(sortable.transform), transition: sortable.transition }}
      className={`agenda-item${isCurrent ? ' current' : ''}${isShown ? ' shown' : ''}${sortable.isDragging ? ' dragging' : ''}`}
      data-item-id={item.id}
      aria-current={isCurrent ? 'step' : undefined}
    >
      <span className="item-number" aria-hidden="true">
        {number}.
      </span>
      {editing ? (
        <form onSubmit={save} className="rename-form">
          <label>
            New title for {label}
            <input
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              maxLength={limits.itemTitleLength}
              autoFocus
              onKeyDown={(e) => e.key === 'Escape' && setEditing(false)}
            />
          </label>
          <button type="submit">Save</button>
          <button type="button" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <span className="item-body">
          <span className="item-kind">{itemKindLabels[item.kind]}</span>
          <span className="item-title">{item.title}</span>
          {item.caseRef && <span className="case-ref">Case {item.caseRef}</span>}
          {isCurrent && <span className="now-badge">Now discussing</span>}
          {isShown && <span className="shown-badge">On your screen</span>}
          {isCaseKind(item.kind) && <CaseSummary details={item.details} />}
          {editors.length > 0 && (
            <span className="item-editors">
              <span aria-hidden="true">✎ </span>
              Editing: {editors.map((p) => `${p.name} (${p.agency ?? 'no agency'})`).join(', ')}
            </span>
          )}
        </span>
      )}
      {!editing && (
        <span className="item-actions">
          {!isShown && (
            <button type="button" onClick={onView} aria-label={`View ${label}`}>
              View
            </button>
          )}
          {onDiscuss && !isCurrent && (
            <button type="button" onClick={onDiscuss} aria-label={`Discuss now: ${label}`}>
              Discuss now
            </button>
          )}
        </span>
      )}
      {!readOnly && !editing && (
        <span className="item-actions">
          <button
            type="button"
            className="drag-handle"
            ref={sortable.setActivatorNodeRef}
            {...sortable.attributes}
            {...sortable.listeners}
            aria-label={`Drag to reorder ${label}`}
          >
            <span aria-hidden="true">⠿</span>
          </button>
          <button type="button" onClick={() => onMove(-1)} disabled={isFirst} aria-label={`Move ${label} up`}>
            ↑
          </button>
          <button type="button" onClick={() => onMove(1)} disabled={isLast} aria-label={`Move ${label} down`}>
            ↓
          </button>
          <button type="button" onClick={() => (setDraft(item.title), setEditing(true))} aria-label={`Rename ${label}`}>
            Rename
          </button>
          <button type="button" onClick={onRemove} aria-label={`Remove ${label}`}>
            Remove
          </button>
        </span>
      )}
    </li>
  );
}
