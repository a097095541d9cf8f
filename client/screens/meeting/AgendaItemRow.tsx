import { useState, type FormEvent } from 'react';
import { isCaseKind, itemKindLabels } from '../../../shared/domain';
import { limits } from '../../../shared/limits';
import type { AgendaItem } from '../../../shared/meeting-doc';
import type { CaseDetails } from '../../../shared/case-details';
import { CaseDetailsEditor, CaseSummary } from './CaseDetailsView';

interface Props {
  item: AgendaItem;
  number: number;
  isFirst: boolean;
  isLast: boolean;
  readOnly: boolean;
  isCurrent: boolean;
  onDiscuss: (() => void) | null;
  onRename(title: string): void;
  onRemove(): void;
  onMove(delta: -1 | 1): void;
  onDetails(patch: Partial<CaseDetails>): void;
}

export function AgendaItemRow({ item, number, isFirst, isLast, readOnly, isCurrent, onDiscuss, onRename, onRemove, onMove, onDetails }: Props) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(item.title);
  const label = `item ${number}, ${item.title}`;

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (draft.trim()) onRename(draft);
    setEditing(false);
  };

  return (
    <li className={`agenda-item${isCurrent ? ' current' : ''}`} data-item-id={item.id} aria-current={isCurrent ? 'step' : undefined}>
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
          {isCaseKind(item.kind) && <CaseSummary details={item.details} />}
        </span>
      )}
      {onDiscuss && !isCurrent && !editing && (
        <button type="button" onClick={onDiscuss} aria-label={`Discuss now: ${label}`}>
          Discuss now
        </button>
      )}
      {!readOnly && !editing && (
        <span className="item-actions">
          <button type="button" onClick={() => (setDraft(item.title), setEditing(true))} aria-label={`Rename ${label}`}>
            Rename
          </button>
          <button type="button" onClick={() => onMove(-1)} disabled={isFirst} aria-label={`Move ${label} up`}>
            ↑
          </button>
          <button type="button" onClick={() => onMove(1)} disabled={isLast} aria-label={`Move ${label} down`}>
            ↓
          </button>
          <button type="button" onClick={onRemove} aria-label={`Remove ${label}`}>
            Remove
          </button>
        </span>
      )}
      {isCaseKind(item.kind) && !readOnly && !editing && <CaseDetailsEditor label={label} details={item.details} onChange={onDetails} />}
    </li>
  );
}
