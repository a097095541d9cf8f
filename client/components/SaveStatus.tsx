import { useTranslation } from 'react-i18next';
import type { SaveStatus as Status } from '../live/useMeetingDoc';

const labels = {
  connecting: { key: 'connecting', icon: '⋯' },
  offline: { key: 'offline', icon: '⚠' },
  reconnecting: { key: 'reconnecting', icon: '↻' },
  unsaved: { key: 'unsaved', icon: '↻' },
  saved: { key: 'saved', icon: '✓' },
  'read-only': { key: 'readOnly', icon: '🔒' },
  'save-failed': { key: 'saveFailed', icon: '⚠' },
  refused: { key: 'refused', icon: '✕' },
} as const satisfies Record<Status, { key: string; icon: string }>;

/** Text plus icon, never colour alone; announced politely as it changes. `of` names the document when a page has two. */
export function SaveStatus({ status, of }: { status: Status; of?: string }) {
  const { t } = useTranslation();
  const { key, icon } = labels[status];
  const text = t(`saveStatus.${key}`);
  return (
    <p className={`app-save-status app-save-status--${status}`} role="status" aria-live="polite" data-status={status}>
      <span aria-hidden="true">{icon}</span> {of ? t('saveStatus.of', { document: of, status: text }) : text}
    </p>
  );
}
