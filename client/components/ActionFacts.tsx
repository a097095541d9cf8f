import type { ActionView } from '../../shared/api-types';
import { actionStatusLabels } from '../../shared/minutes';
import { Tag } from './Tag';

const day = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium' });
const dayOf = (iso: string) => day.format(new Date(iso));

/** What an agreed action says, whose it is, when it is due (overdue in words, not colour alone) and its history. */
export function ActionFacts({ action: a }: { action: ActionView }) {
  return (
    <div className="action-facts">
      <p className="action-what">
        <strong>{a.what}</strong>
        {a.caseRef && <span className="case-ref">{a.caseRef}</span>}
      </p>
      <p className="govuk-body-s app-secondary-text">
        {a.owner ? `${a.owner.name} (${a.owner.agency})` : 'No owner'} · {a.due ? `due ${dayOf(a.due)}` : 'no due date'}
        {/* The comma is for screen readers: "due 28 Nov 2026, overdue", not "due 28 Nov 2026Overdue". */}
        {a.overdue && <span className="govuk-visually-hidden">, </span>}
        {a.overdue && (
          <Tag colour="red" className="app-tag--inline">
            <span aria-hidden="true">⚠ </span>Overdue
          </Tag>
        )}{' '}
        · {actionStatusLabels[a.status]} · agreed {dayOf(a.meeting.heldAt)}
      </p>
      {a.history.length > 0 && (
        <ul className="action-history">
          {a.history.map((h, i) => (
            <li key={i}>
              {dayOf(h.at)}: {h.by} set {actionStatusLabels[h.status as keyof typeof actionStatusLabels] ?? h.status}
              {h.note ? ` — ${h.note}` : ''}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
