import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import i18next from 'i18next';
import type * as Y from 'yjs';
import type { ActionStatus } from '../../../shared/minutes';
import { actionWhatText, addAction, moveAction, readActions, removeAction, updateAction, workLimits, type ActionDraft, type PersonRef } from '../../../shared/item-work';
import { useDocValue } from '../../live/useDocValue';
import { YTextArea } from '../../components/YTextArea';
import { ActionStatusOptions, ParticipantOptions } from '../../components/Options';
import { Button } from '../../components/Button';
import { DateInput, dateParts, emptyDate, partsToIso, type DateParts } from '../../components/DateInput';
import { ErrorSummary, errorFor, type FieldError } from '../../components/ErrorSummary';
import { Select, SingleCheckbox, TextInput } from '../../components/Field';
import { MenuButton } from '../../components/Menu';
import { todayIso } from '../../format';

interface Props {
  doc: Y.Doc;
  itemId: string;
  people: PersonRef[];
  readOnly: boolean;
  announce(message: string): void;
}

/** A due date typed in place: saved once the three boxes make a real date; a past date is refused with a message. */
function DueCell({ doc, itemId, action, n, readOnly }: { doc: Y.Doc; itemId: string; action: ActionDraft; n: number; readOnly: boolean }) {
  const { t } = useTranslation('room');
  const [parts, setParts] = useState<DateParts>(dateParts(action.due));
  const [error, setError] = useState<string | null>(null);
  // Someone else's change shows here unless this person is typing a different date.
  useEffect(() => setParts(dateParts(action.due)), [action.due]);
  const commit = () => {
    const parsed = partsToIso(parts, t('actions.dueWhat'));
    if ('error' in parsed) {
      if (action.due === null && parts.day + parts.month + parts.year === '') return setError(null);
      return setError(parsed.error);
    }
    if (parsed.iso === action.due) return setError(null);
    if (parsed.iso < todayIso()) return setError(t('actions.dueNotPast'));
    setError(null);
    updateAction(doc, itemId, action.id, { due: parsed.iso });
  };
  return <DateInput id={`action-${action.id}-due`} legend={t('actions.dueLegend', { number: n })} value={parts} onChange={setParts} onBlur={commit} error={error} disabled={readOnly} compact />;
}

function ActionRow({ doc, itemId, action, index, count, people, readOnly, announce }: Props & { action: ActionDraft; index: number; count: number }) {
  const { t } = useTranslation('room');
  const what = actionWhatText(doc, itemId, action.id);
  const n = index + 1;
  const move = (delta: -1 | 1) => {
    moveAction(doc, itemId, action.id, index + delta);
    announce(t('actions.moved', { number: n, position: n + delta }));
  };
  // Short visible labels ("Owner", "Status"); screen readers hear which action they belong to.
  const fieldLabel = (word: string) => (
    <>
      <span className="govuk-visually-hidden">{t('actions.actionHidden', { number: n })}</span>
      {word}
    </>
  );
  return (
    <li className={`app-action-row status-${action.status}`}>
      <span className="action-number" aria-hidden="true">
        {n}
      </span>
      <div className="app-action-row__main">
        {what && <YTextArea text={what} label={t('actions.what', { number: n })} labelHidden readOnly={readOnly} maxLength={workLimits.actionTextLength} rows={2} />}
        <div className="app-action-row__fields">
          <div>
            <Select
              id={`action-${action.id}-owner`}
              label={fieldLabel(t('actions.owner'))}
              className="app-cell-field"
              value={action.owner?.id ?? ''}
              disabled={readOnly}
              onChange={(e) => updateAction(doc, itemId, action.id, { owner: people.find((p) => p.id === e.target.value) ?? null })}
            >
              <ParticipantOptions people={people} none={t('actions.noOwnerYet')} />
            </Select>
            <span className="app-cell-note">{action.owner ? action.owner.agencyName : t('actions.noAgency')}</span>
          </div>
          <DueCell doc={doc} itemId={itemId} action={action} n={n} readOnly={readOnly} />
          <Select
            id={`action-${action.id}-status`}
            label={fieldLabel(t('actions.status'))}
            className="app-cell-field"
            value={action.status}
            disabled={readOnly}
            onChange={(e) => updateAction(doc, itemId, action.id, { status: e.target.value as ActionStatus })}
          >
            <ActionStatusOptions symbols />
          </Select>
        </div>
      </div>
      {!readOnly && (
        <MenuButton
          label={<span aria-hidden="true">⋯</span>}
          ariaLabel={t('actions.change', { number: n })}
          choices={[
            { label: t('actions.moveUp'), ariaLabel: t('actions.moveUpLabel', { number: n }), disabled: index === 0, onSelect: () => move(-1) },
            { label: t('actions.moveDown'), ariaLabel: t('actions.moveDownLabel', { number: n }), disabled: index === count - 1, onSelect: () => move(1) },
            {
              label: t('actions.remove'),
              ariaLabel: t('actions.removeLabel', { number: n }),
              warning: true,
              onSelect: () => {
                removeAction(doc, itemId, action.id);
                announce(t('actions.removed', { number: n }));
              },
            },
          ]}
        />
      )}
    </li>
  );
}

/** Owner and due date are required; a past due date needs the explicit "already late" choice. Worded in the interface's language. */
export function validateNewAction(input: { what: string; owner: PersonRef | null; due: DateParts; late: boolean }, today: string, prefix: string): { errors: FieldError[]; due: string | null } {
  const t = i18next.t;
  const errors: FieldError[] = [];
  if (!input.what.trim()) errors.push({ href: `${prefix}-what`, text: t('room:actions.enterWhat') });
  if (!input.owner) errors.push({ href: `${prefix}-owner`, text: t('room:actions.chooseOwner') });
  const parsed = partsToIso(input.due, t('room:actions.dueWhat'));
  if ('error' in parsed) errors.push({ href: `${prefix}-due`, text: parsed.error });
  else if (parsed.iso < today && !input.late) {
    errors.push({ href: `${prefix}-due`, text: t('room:actions.dueNotPastOrLate') });
  }
  return { errors, due: 'iso' in parsed ? parsed.iso : null };
}

/** The item's actions: one compact row each (what; owner and agency, due, status), edited in place, live for everyone. */
export function ActionsSection(props: Props) {
  const { doc, itemId, people, readOnly, announce } = props;
  const { t } = useTranslation('room');
  const actions = useDocValue(doc, (d) => readActions(d, itemId), [itemId]);
  const [what, setWhat] = useState('');
  const [owner, setOwner] = useState<PersonRef | null>(null);
  const [due, setDue] = useState<DateParts>(emptyDate);
  const [late, setLate] = useState(false);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const prefix = `new-action-${itemId}`;
  const add = (event: FormEvent) => {
    event.preventDefault();
    const checked = validateNewAction({ what, owner, due, late }, todayIso(), prefix);
    setErrors(checked.errors);
    if (checked.errors.length) return;
    addAction(doc, itemId, { what, owner, due: checked.due });
    announce(t('actions.added', { what: what.trim() }));
    setWhat('');
    setOwner(null);
    setDue(emptyDate);
    setLate(false);
  };
  return (
    <section className="work-section" aria-labelledby={`actions-${itemId}`}>
      <h3 id={`actions-${itemId}`} className="govuk-heading-s">
        {t('actions.heading')}
      </h3>
      {actions.length === 0 ? (
        <p className="govuk-body-s">{t('actions.none')}</p>
      ) : (
        <ol className="app-action-list" aria-label={t('actions.heading')}>
          {actions.map((action, index) => (
            <ActionRow key={action.id} {...props} action={action} index={index} count={actions.length} />
          ))}
        </ol>
      )}
      {!readOnly && (
        <form className="add-action" onSubmit={add} noValidate aria-label={t('actions.addForm')}>
          <ErrorSummary errors={errors} />
          <TextInput
            id={`${prefix}-what`}
            label={t('actions.newWhat')}
            value={what}
            maxLength={workLimits.actionTextLength}
            onChange={(e) => setWhat(e.target.value)}
            error={errorFor(errors, `${prefix}-what`)}
            className="add-action__what"
          />
          <Select
            id={`${prefix}-owner`}
            label={t('actions.owner')}
            value={owner?.id ?? ''}
            onChange={(e) => setOwner(people.find((p) => p.id === e.target.value) ?? null)}
            error={errorFor(errors, `${prefix}-owner`)}
          >
            <ParticipantOptions people={people} none={t('actions.chooseTheOwner')} />
          </Select>
          <div>
            <DateInput id={`${prefix}-due`} legend={t('actions.due')} hint={t('actions.dueHint')} value={due} onChange={setDue} error={errorFor(errors, `${prefix}-due`)} />
            <SingleCheckbox id={`${prefix}-late`} label={t('actions.late')} checked={late} onChange={setLate} />
          </div>
          <Button type="submit" variant="secondary" small className="add-action__submit">
            {t('actions.add')}
          </Button>
        </form>
      )}
    </section>
  );
}
