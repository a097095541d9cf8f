import type { SaveStatus as Status } from '../live/useMeetingDoc';

const labels: Record<Status, { text: string; icon: string }> = {
  connecting: { text: 'Connecting…', icon: '⋯' },
  offline: { text: 'Offline: changes kept on this device', icon: '⚠' },
  reconnecting: { text: 'Reconnecting… changes kept on this device', icon: '↻' },
  unsaved: { text: 'Saving…', icon: '↻' },
  saved: { text: 'All changes saved', icon: '✓' },
  'read-only': { text: 'Read only', icon: '🔒' },
  'save-failed': { text: 'Server cannot save: retrying', icon: '⚠' },
  refused: { text: 'Connection refused', icon: '✕' },
};

/** Text plus icon, never colour alone; announced politely as it changes. `of` names the document when a page has two. */
export function SaveStatus({ status, of }: { status: Status; of?: string }) {
  const { text, icon } = labels[status];
  return (
    <p className={`app-save-status app-save-status--${status}`} role="status" aria-live="polite" data-status={status}>
      <span aria-hidden="true">{icon}</span> {of ? `${of}: ${text}` : text}
    </p>
  );
}
