import type { ReactNode } from 'react';
import type { ActionStatus } from '../../shared/minutes';

export type TagColour = 'grey' | 'green' | 'turquoise' | 'blue' | 'light-blue' | 'purple' | 'pink' | 'red' | 'orange' | 'yellow';

/** A GOV.UK tag: its words carry the meaning, the colour only helps. */
export function Tag({ colour, children, className }: { colour?: TagColour; children: ReactNode; className?: string }) {
  return <strong className={['govuk-tag', colour && `govuk-tag--${colour}`, className].filter(Boolean).join(' ')}>{children}</strong>;
}

const riskColour: Record<string, TagColour> = { high: 'red', medium: 'orange', low: 'green' };

/** "High risk" etc. in words. */
export function RiskTag({ risk }: { risk: string }) {
  return (
    <Tag colour={riskColour[risk] ?? 'grey'} className="app-tag--risk">
      {risk[0].toUpperCase()}
      {risk.slice(1)} risk
    </Tag>
  );
}

const statusColour: Record<ActionStatus, TagColour> = { open: 'blue', done: 'green', 'not-possible': 'grey', 'not-done': 'red' };

export function ActionStatusTag({ status, label }: { status: ActionStatus; label: string }) {
  return <Tag colour={statusColour[status]}>{label}</Tag>;
}
