import { useTranslation } from 'react-i18next';
import type { ActionView } from '../../shared/api-types';
import { useFormat } from '../i18n';
import { Tag } from './Tag';

/** What an agreed action says, whose it is, when it is due (overdue in words, not colour alone) and its history. */
export function ActionFacts({ action: a }: { action: ActionView }) {
  const { t } = useTranslation(['common', 'domain']);
  const dayOf = useFormat().day;
  return (
    <div className="action-facts">
      <p className="action-what">
        <strong>{a.what}</strong>
        {a.caseRef && <span className="case-ref">{a.caseRef}</span>}
      </p>
      <p className="govuk-body-s app-secondary-text">
        {a.owner ? t('actionFacts.owner', { name: a.owner.name, agency: a.owner.agency }) : t('actionFacts.noOwner')} · {a.due ? t('actionFacts.due', { date: dayOf(a.due) }) : t('actionFacts.noDue')}
        {/* The comma is for screen readers: "due 28 Nov 2026, overdue", not "due 28 Nov 2026Overdue". */}
        {a.overdue && <span className="govuk-visually-hidden">, </span>}
        {a.overdue && (
          <Tag colour="red" className="app-tag--inline">
            <span aria-hidden="true">⚠ </span>
            {t('actionFacts.overdue')}
          </Tag>
        )}{' '}
        · {t(`domain:actionStatus.${a.status}`)} · {t('actionFacts.agreed', { date: dayOf(a.meeting.heldAt) })}
      </p>
      {a.history.length > 0 && (
        <ul className="action-history">
          {a.history.map((h, i) => (
            <li key={i}>
              {t('actionFacts.history', { date: dayOf(h.at), person: h.by, status: t(`domain:actionStatus.${h.status}`, { defaultValue: h.status }) })}
              {h.note ? ` — ${h.note}` : ''}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
