import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActionStatus } from '../../shared/minutes';
import type { RiskLevel } from '../../shared/case-details';

export type TagColour = 'grey' | 'green' | 'turquoise' | 'blue' | 'light-blue' | 'purple' | 'pink' | 'red' | 'orange' | 'yellow';

/** A GOV.UK tag: its words carry the meaning, the colour only helps. */
export function Tag({ colour, children, className }: { colour?: TagColour; children: ReactNode; className?: string }) {
  return <strong className={['govuk-tag', colour && `govuk-tag--${colour}`, className].filter(Boolean).join(' ')}>{children}</strong>;
}

const riskColour: Record<RiskLevel, TagColour> = { high: 'red', medium: 'orange', standard: 'grey' };

/** "High risk" etc. in words; `small` for the agenda rail's dense rows. */
export function RiskTag({ risk, small }: { risk: RiskLevel; small?: boolean }) {
  const { t } = useTranslation('domain');
  return (
    <Tag colour={riskColour[risk]} className={small ? 'app-tag--small' : undefined}>
      {t(`risk.${risk}`)}
    </Tag>
  );
}

const statusColour: Record<ActionStatus, TagColour> = { open: 'blue', done: 'green', 'not-possible': 'grey', 'not-done': 'red' };

export function ActionStatusTag({ status, label }: { status: ActionStatus; label: string }) {
  return <Tag colour={statusColour[status]}>{label}</Tag>;
}
