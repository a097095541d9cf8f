import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { itemKinds, isCaseKind, type ItemKind } from '../../../shared/domain';
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

/** The shape of a case reference, shown as an example (the same in both languages). */
const caseRefExample = 'RR-2026-014';

export function AgendaEditor({ doc, items, canRestructure, loading, currentItemId, shownItemId, editors, onView, onDiscuss }: Props) {
  const { t } = useTranslation(['room', 'domain']);
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
    setTitleError(title.trim() ? null : t('agenda.titleRequired'));
    if (!title.trim()) return;
    addAgendaItem(doc, { kind, title, caseRef: isCaseKind(kind) ? caseRef : null });
    setAnnouncement(t('agenda.added', { title: title.trim() }));
    setTitle('');
    setCaseRef('');
  };

  return (
    <section aria-labelledby="agenda-heading" className="agenda agenda-rail">
      <div className="agenda-head">
        <h2 id="agenda-heading" className="govuk-heading-m">
          {t('agenda.heading')}
        </h2>
        {canRestructure && items.length > 1 && (
          <Button
            variant="secondary"
            small
            onClick={() => {
              orderByRisk(doc);
              setAnnouncement(t('agenda.orderedByRisk'));
            }}
          >
            {t('agenda.orderByRisk')}
          </Button>
        )}
      </div>
      <p className="govuk-visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {loading ? (
        <p className="govuk-body-s">{t('agenda.loading')}</p>
      ) : items.length === 0 ? (
        <p className="govuk-body-s">{t('agenda.empty')}</p>
      ) : (
        <SortableAgenda
          items={items}
          onMove={(item, to) => {
            moveAgendaItem(doc, item.id, to);
            setAnnouncement(t('agenda.moved', { title: item.title, position: to + 1 }));
          }}
        >
          <ol className="agenda-list" aria-label={t('agenda.items')}>
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
                  setAnnouncement(t('agenda.moved', { title: item.title, position: index + delta + 1 }));
                }}
              />
            ))}
          </ol>
        </SortableAgenda>
      )}
      {pending && (
        <ConfirmDialog
          key={pending.id}
          question={t('agenda.removeQuestion', { number: pendingIndex + 1, title: pending.title })}
          confirmLabel={t('agenda.removeConfirm')}
          asks={removing?.asks ?? 0}
          onConfirm={() => {
            removeAgendaItem(doc, pending.id, session?.user.name ?? '');
            setRemoving(null);
            setAnnouncement(t('agenda.removed', { title: pending.title }));
            // The list renders on the next commit; focus it then so the keyboard lands where Restore is.
            requestAnimationFrame(() => removedRef.current?.focus());
          }}
          onCancel={() => setRemoving(null)}
        >
          <p className="govuk-body-s">{t('agenda.removeExplained')}</p>
        </ConfirmDialog>
      )}
      {canRestructure && <RemovedItems ref={removedRef} doc={doc} onRestored={(restored, problem) => setAnnouncement(restored ? t('agenda.restored', { title: restored }) : t('agenda.notRestored', { problem }))} />}
      {canRestructure && (
        <form className="add-item" onSubmit={onAdd} aria-labelledby="add-item-heading" noValidate>
          <h3 id="add-item-heading" className="govuk-heading-s">
            {t('agenda.addHeading')}
          </h3>
          <ErrorSummary errors={titleError ? [{ href: 'add-item-title', text: titleError }] : []} />
          <Select id="add-item-kind" label={t('agenda.kind')} value={kind} onChange={(e) => setKind(e.target.value as ItemKind)}>
            {itemKinds.map((k) => (
              <option key={k} value={k}>
                {t(`domain:itemKind.${k}`)}
              </option>
            ))}
          </Select>
          <TextInput id="add-item-title" label={t('agenda.title')} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={limits.itemTitleLength} error={titleError} />
          {isCaseKind(kind) && (
            <TextInput
              id="add-item-case-ref"
              label={t('agenda.caseRef')}
              hint={t('agenda.caseRefHint')}
              value={caseRef}
              onChange={(e) => setCaseRef(e.target.value.toUpperCase())}
              maxLength={limits.caseRefLength}
              placeholder={caseRefExample}
              spellCheck={false}
            />
          )}
          <Button type="submit" variant="secondary" small>
            {t('agenda.add')}
          </Button>
        </form>
      )}
    </section>
  );
}
