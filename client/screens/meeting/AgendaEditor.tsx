import { useRef, useState, type FormEvent } from 'react';
import type * as Y from 'yjs';
import { itemKinds, itemKindLabels, isCaseKind, type ItemKind } from '../../../shared/domain';
import { limits } from '../../../shared/limits';
import { addAgendaItem, moveAgendaItem, orderByRisk, removeAgendaItem, renameAgendaItem, type AgendaItem } from '../../../shared/meeting-doc';
import { useSession } from '../../session';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { RemovedItems } from './RemovedItems';
import type { PresenceEntry } from '../../../shared/room-protocol';
import { AgendaItemRow } from './AgendaItemRow';
import { Button } from '../../components/Button';
import { Select, TextInput } from '../../components/Field';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SortableAgenda } from './SortableAgenda';

interface Props {
  doc: Y.Doc;
  items: AgendaItem[];
  /** May add, reorder, rename and remove items (the server's editAgenda ability, while the meeting can change). */
  canRestructure: boolean;
  loading: boolean;
  currentItemId: string | null;
  /** The item on this person's screen. */
  shownItemId: string | null;
  /** Other people in the room: each row says who is editing it. */
  editors: PresenceEntry[];
  onView(item: AgendaItem): void;
  /** Set for the chair of a live meeting: moves the room to an item. */
  onDiscuss: ((item: AgendaItem) => void) | null;
}

export function AgendaEditor({ doc, items, canRestructure, loading, currentItemId, shownItemId, editors, onView, onDiscuss }: Props) {
  const [kind, setKind] = useState<ItemKind>('new-referral');
  const [title, setTitle] = useState('');
  const [caseRef, setCaseRef] = useState('');
  const [announcement, setAnnouncement] = useState('');
  // One pending removal; `asks` counts Remove presses so pressing it again re-focuses the same question.
  const [removing, setRemoving] = useState<{ id: string; asks: number } | null>(null);
  const removedRef = useRef<HTMLElement>(null);
  const session = useSession();
  const pendingIndex = items.findIndex((i) => i.id === removing?.id);
  const pending = pendingIndex >= 0 && canRestructure ? items[pendingIndex] : null;

  const [titleError, setTitleError] = useState<string | null>(null);
  const onAdd = (event: FormEvent) => {
    event.preventDefault();
    setTitleError(title.trim() ? null : 'Enter a title for the item');
    if (!title.trim()) return;
    addAgendaItem(doc, { kind, title, caseRef: isCaseKind(kind) ? caseRef : null });
    setAnnouncement(`Added “${title.trim()}” to the agenda`);
    setTitle('');
    setCaseRef('');
  };

  return (
    <section aria-labelledby="agenda-heading" className="agenda agenda-rail">
      <div className="agenda-head">
        <h2 id="agenda-heading" className="govuk-heading-m">
          Agenda
        </h2>
        {canRestructure && items.length > 1 && (
          <Button
            variant="secondary"
            small
            onClick={() => {
              orderByRisk(doc);
              setAnnouncement('Case items ordered by risk: children and high risk first');
            }}
          >
            Order by risk
          </Button>
        )}
      </div>
      <p className="govuk-visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {loading ? (
        <p className="govuk-body-s">Loading the agenda…</p>
      ) : items.length === 0 ? (
        <p className="govuk-body-s">The agenda is empty.</p>
      ) : (
        <SortableAgenda
          items={items}
          onMove={(item, to) => {
            moveAgendaItem(doc, item.id, to);
            setAnnouncement(`Moved “${item.title}” to position ${to + 1}`);
          }}
        >
          <ol className="agenda-list" aria-label="Agenda items">
            {items.map((item, index) => (
              <AgendaItemRow
                key={item.id}
                item={item}
                number={index + 1}
                isFirst={index === 0}
                isLast={index === items.length - 1}
                canRestructure={canRestructure}
                isCurrent={item.id === currentItemId}
                isShown={item.id === shownItemId}
                editors={editors.filter((p) => p.editingItemId === item.id)}
                onView={() => onView(item)}
                onDiscuss={onDiscuss ? () => onDiscuss(item) : null}
                onRename={(next) => renameAgendaItem(doc, item.id, next)}
                onRemove={() => setRemoving((r) => ({ id: item.id, asks: (r?.asks ?? 0) + 1 }))}
                onMove={(delta) => {
                  moveAgendaItem(doc, item.id, index + delta);
                  setAnnouncement(`Moved “${item.title}” to position ${index + delta + 1}`);
                }}
              />
            ))}
          </ol>
        </SortableAgenda>
      )}
      {pending && (
        <ConfirmDialog
          key={pending.id}
          question={`Remove item ${pendingIndex + 1}, ${pending.title}?`}
          confirmLabel="Yes, remove it"
          asks={removing?.asks ?? 0}
          onConfirm={() => {
            removeAgendaItem(doc, pending.id, session?.user.name ?? '');
            setRemoving(null);
            setAnnouncement(`Removed “${pending.title}”. You can restore it from Removed items.`);
            // The list renders on the next commit; focus it then so the keyboard lands where Restore is.
            requestAnimationFrame(() => removedRef.current?.focus());
          }}
          onCancel={() => setRemoving(null)}
        >
          <p className="govuk-body-s">Its notes, decision and actions go with it. You can restore it from “Removed items” until the meeting ends.</p>
        </ConfirmDialog>
      )}
      {canRestructure && <RemovedItems ref={removedRef} doc={doc} onRestored={(t, problem) => setAnnouncement(t ? `Restored “${t}” to the agenda` : `Not restored: ${problem}`)} />}
      {canRestructure && (
        <form className="add-item" onSubmit={onAdd} aria-labelledby="add-item-heading" noValidate>
          <h3 id="add-item-heading" className="govuk-heading-s">
            Add an item
          </h3>
          <ErrorSummary errors={titleError ? [{ href: 'add-item-title', text: titleError }] : []} />
          <Select id="add-item-kind" label="Kind" value={kind} onChange={(e) => setKind(e.target.value as ItemKind)}>
            {itemKinds.map((k) => (
              <option key={k} value={k}>
                {itemKindLabels[k]}
              </option>
            ))}
          </Select>
          <TextInput id="add-item-title" label="Title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={limits.itemTitleLength} error={titleError} />
          {isCaseKind(kind) && (
            <TextInput
              id="add-item-case-ref"
              label="Case reference"
              hint="Pseudonymous reference only, never a name."
              value={caseRef}
              onChange={(e) => setCaseRef(e.target.value.toUpperCase())}
              maxLength={limits.caseRefLength}
              placeholder="RR-2026-014"
              spellCheck={false}
            />
          )}
          <Button type="submit" variant="secondary" small>
            Add item
          </Button>
        </form>
      )}
    </section>
  );
}
