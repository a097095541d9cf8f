import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { isCaseKind } from '../../../shared/domain';
import { limits } from '../../../shared/limits';
import type { AgendaItem } from '../../../shared/meeting-doc';
import type { PresenceEntry } from '../../../shared/room-protocol';
import { Button } from '../../components/Button';
import { ErrorSummary, errorFor, type FieldError } from '../../components/ErrorSummary';
import { TextInput } from '../../components/Field';
import { MenuButton } from '../../components/Menu';
import { RiskTag } from '../../components/Tag';

interface Props {
  item: AgendaItem;
  number: number;
  isFirst: boolean;
  isLast: boolean;
  /** May change the agenda's shape (chair and coordinator, from the server's abilities) while it is live. */
  canRestructure: boolean;
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

/**
 * One compact row per agenda item: number, kind, title (one line, the full title in its accessible name and
 * tooltip), case reference, risk, who is editing. The title opens the item; the structure controls sit in one menu,
 * shown only to those who may use them; the chair also gets "Discuss now".
 */
export function AgendaItemRow({ item, number, isFirst, isLast, canRestructure, isCurrent, isShown, editors, onView, onDiscuss, onRename, onRemove, onMove }: Props) {
  const { t } = useTranslation(['room', 'domain', 'common']);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(item.title);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const label = t('stage.itemLabel', { number, title: item.title });
  const kindLabel = t(`domain:itemKind.${item.kind}`);
  const sortable = useSortable({ id: item.id, disabled: !canRestructure || editing });
  const risk = isCaseKind(item.kind) ? item.details.riskLevel : null;

  const fieldId = `rename-${item.id}`;
  const startEditing = () => {
    setDraft(item.title);
    setErrors([]);
    setEditing(true);
  };
  const save = (event: FormEvent) => {
    event.preventDefault();
    // A blank title would leave the item nameless on everyone's agenda: say so, and keep the form open.
    if (!draft.trim()) {
      setErrors([{ href: fieldId, text: t('row.titleRequired', { number }) }]);
      return;
    }
    onRename(draft);
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
      {canRestructure && !editing && (
        <button
          type="button"
          className="drag-handle"
          ref={sortable.setActivatorNodeRef}
          {...sortable.attributes}
          {...sortable.listeners}
          aria-label={t('row.drag', { label })}
        >
          <span aria-hidden="true">⠿</span>
        </button>
      )}
      <span className="item-number" aria-hidden="true">
        {number}
      </span>
      {editing ? (
        <form onSubmit={save} className="rename-form" aria-label={t('row.rename', { label })} noValidate>
          <ErrorSummary errors={errors} />
          <TextInput
            id={fieldId}
            label={t('row.newTitle', { label })}
            labelClass="govuk-!-font-size-16"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            maxLength={limits.itemTitleLength}
            autoFocus
            onKeyDown={(e) => e.key === 'Escape' && setEditing(false)}
            error={errorFor(errors, fieldId)}
          />
          <div className="govuk-button-group app-button-group--tight">
            <Button type="submit" small>
              {t('common:save')}
            </Button>
            <Button variant="secondary" small onClick={() => setEditing(false)}>
              {t('common:cancel')}
            </Button>
          </div>
        </form>
      ) : (
        <div className="item-body">
          <button type="button" className="item-title" title={item.title} onClick={onView} aria-label={t('row.view', { label })}>
            {item.title}
          </button>
          <span className="item-facts">
            {/* "Now" and risk first, the kind last: on a narrow rail the line is cut from the end. */}
            {isCurrent && (
              <strong className="item-now">
                {t('row.now')}
                <span className="govuk-visually-hidden">{t('row.nowHidden')}</span>
              </strong>
            )}
            {risk && <RiskTag risk={risk} small />}
            {item.caseRef && (
              <span className="app-case-ref">
                <span className="govuk-visually-hidden">{t('row.caseHidden')}</span>
                {item.caseRef}
              </span>
            )}
            {/* "Apologies" under "Apologies" says nothing: the kind shows only when the title does not already say it. */}
            {kindLabel !== item.title && <span className="item-kind">{kindLabel}</span>}
            {isShown && !isCurrent && <span className="govuk-visually-hidden">{t('row.onYourScreen')}</span>}
          </span>
          {editors.length > 0 && (
            <span className="item-editors" title={editors.map((p) => p.name).join(', ')}>
              <span aria-hidden="true">✎ </span>
              {t('row.editing', { names: editors.map((p) => t('row.editor', { name: p.name, agency: p.agency ?? t('row.noAgency') })).join(', ') })}
            </span>
          )}
        </div>
      )}
      {!editing && (onDiscuss && !isCurrent || canRestructure) && (
        <span className="item-actions">
          {onDiscuss && !isCurrent && (
            <Button variant="secondary" small onClick={onDiscuss} aria-label={t('row.discussNow', { label })}>
              {t('row.discuss')}
            </Button>
          )}
          {canRestructure && (
            <MenuButton
              label={<span aria-hidden="true">⋯</span>}
              ariaLabel={t('row.change', { label })}
              choices={[
                { label: t('row.moveUp'), ariaLabel: t('row.moveUpLabel', { label }), disabled: isFirst, onSelect: () => onMove(-1) },
                { label: t('row.moveDown'), ariaLabel: t('row.moveDownLabel', { label }), disabled: isLast, onSelect: () => onMove(1) },
                { label: t('row.renameChoice'), ariaLabel: t('row.rename', { label }), onSelect: startEditing },
                { label: t('row.remove'), ariaLabel: t('row.removeLabel', { label }), warning: true, onSelect: onRemove },
              ]}
            />
          )}
        </span>
      )}
    </li>
  );
}
