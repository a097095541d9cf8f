import { useState, type FormEvent } from 'react';
import type * as Y from 'yjs';
import type { ActionStatus } from '../../../shared/minutes';
import { actionWhatText, addAction, moveAction, readActions, removeAction, updateAction, workLimits, type ActionDraft, type PersonRef } from '../../../shared/item-work';
import { useDocValue } from '../../live/useDocValue';
import { YTextArea } from '../../components/YTextArea';
import { ActionStatusOptions, ParticipantOptions } from '../../components/Options';

interface Props {
  doc: Y.Doc;
  itemId: string;
  people: PersonRef[];
  readOnly: boolean;
  announce(message: string): void;
}

function OwnerSelect({ label, value, people, disabled, onChange }: { label: string; value: PersonRef | null; people: PersonRef[]; disabled: boolean; onChange(p: PersonRef | null): void }) {
  return (
    <label>
      {label}
      <select value={value?.id ?? ''} disabled={disabled} onChange={(e) => onChange(people.find((p) => p.id === e.target.value) ?? null)}>
        <ParticipantOptions people={people} none="No owner yet" />
      </select>
    </label>
  );
}

function ActionRow({ doc, itemId, action, index, count, people, readOnly, announce }: Omit<Props, never> & { action: ActionDraft; index: number; count: number }) {
  const what = actionWhatText(doc, itemId, action.id);
  const n = index + 1;
  const move = (delta: -1 | 1) => {
    moveAction(doc, itemId, action.id, index + delta);
    announce(`Action ${n} moved to position ${n + delta}`);
  };
  return (
    <li className={`action status-${action.status}`}>
      <span className="action-number" aria-hidden="true">
        {n}.
      </span>
      <div className="action-fields">
        {what && <YTextArea text={what} label={`Action ${n}: what`} readOnly={readOnly} maxLength={workLimits.actionTextLength} rows={2} />}
        <OwnerSelect label={`Action ${n} owner`} value={action.owner} people={people} disabled={readOnly} onChange={(owner) => updateAction(doc, itemId, action.id, { owner })} />
        <label>
          Action {n} due
          <input type="date" value={action.due ?? ''} readOnly={readOnly} onChange={(e) => updateAction(doc, itemId, action.id, { due: e.target.value || null })} />
        </label>
        <label>
          Action {n} status
          <select value={action.status} disabled={readOnly} onChange={(e) => updateAction(doc, itemId, action.id, { status: e.target.value as ActionStatus })}>
            <ActionStatusOptions symbols />
          </select>
        </label>
      </div>
      {!readOnly && (
        <div className="item-actions">
          <button type="button" disabled={index === 0} onClick={() => move(-1)} aria-label={`Move action ${n} up`}>
            ↑
          </button>
          <button type="button" disabled={index === count - 1} onClick={() => move(1)} aria-label={`Move action ${n} down`}>
            ↓
          </button>
          <button
            type="button"
            onClick={() => {
              removeAction(doc, itemId, action.id);
              announce(`Action ${n} removed`);
            }}
            aria-label={`Remove action ${n}`}
          >
            Remove
          </button>
        </div>
      )}
    </li>
  );
}

/** The item's actions: what, owner (person and agency), due date and status, live for everyone. */
export function ActionsSection(props: Props) {
  const { doc, itemId, people, readOnly, announce } = props;
  const actions = useDocValue(doc, (d) => readActions(d, itemId), [itemId]);
  const [what, setWhat] = useState('');
  const [owner, setOwner] = useState<PersonRef | null>(null);
  const [due, setDue] = useState('');
  const add = (event: FormEvent) => {
    event.preventDefault();
    if (!what.trim()) return;
    addAction(doc, itemId, { what, owner, due: due || null });
    announce(`Action added: ${what.trim()}`);
    setWhat('');
    setOwner(null);
    setDue('');
  };
  return (
    <section className="work-section" aria-labelledby={`actions-${itemId}`}>
      <h3 id={`actions-${itemId}`}>Actions</h3>
      {actions.length === 0 ? (
        <p className="meta">No actions yet.</p>
      ) : (
        <ol className="actions" aria-label="Actions">
          {actions.map((action, index) => (
            <ActionRow key={action.id} {...props} action={action} index={index} count={actions.length} />
          ))}
        </ol>
      )}
      {!readOnly && (
        <form className="add-action" onSubmit={add}>
          <label className="wide">
            New action: what is to be done
            <input value={what} maxLength={workLimits.actionTextLength} onChange={(e) => setWhat(e.target.value)} />
          </label>
          <OwnerSelect label="Owner" value={owner} people={people} disabled={false} onChange={setOwner} />
          <label>
            Due
            <input type="date" value={due} onChange={(e) => setDue(e.target.value)} />
          </label>
          <button type="submit" disabled={!what.trim()}>
            Add action
          </button>
        </form>
      )}
    </section>
  );
}
