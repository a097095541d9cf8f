import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { readRemovedItems, restoreAgendaItem } from '../../../shared/meeting-doc';
import { useDocValue } from '../../live/useDocValue';
import { useFormat } from '../../i18n';

interface Props {
  doc: Y.Doc;
  /** Called with the restored title, or with null and why it could not be restored. */
  onRestored(title: string | null, problem?: string): void;
}

/**
 * Items removed in this meeting, each with a Restore button; they come back in place with their notes, decision and
 * actions. Shown only while the agenda can change: once the meeting ends the document is frozen and removals stand.
 */
export const RemovedItems = forwardRef<HTMLElement, Props>(function RemovedItems({ doc, onRestored }, ref) {
  const { t } = useTranslation('room');
  const format = useFormat();
  const removed = useDocValue(doc, readRemovedItems, []);
  if (removed.length === 0) return null;
  return (
    <section ref={ref} tabIndex={-1} aria-labelledby="removed-items-heading" className="removed-items">
      <h3 id="removed-items-heading">{t('removedItems.heading')}</h3>
      <ul>
        {removed.map((item) => (
          <li key={item.id}>
            <span className="item-title">{item.title}</span>{' '}
            <span className="app-secondary-text">
              {item.removedBy
                ? t('removedItems.removedByAt', { name: item.removedBy, time: format.time(item.removedAt) })
                : t('removedItems.removedAt', { time: format.time(item.removedAt) })}
            </span>{' '}
            <button className="govuk-button govuk-button--secondary app-button--small"
              type="button"
              aria-label={t('removedItems.restoreLabel', { title: item.title })}
              onClick={() => {
                try {
                  restoreAgendaItem(doc, item.id);
                  onRestored(item.title);
                } catch (err) {
                  onRestored(null, (err as Error).message);
                }
              }}
            >
              {t('removedItems.restore')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
});
