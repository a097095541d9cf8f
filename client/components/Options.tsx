/** Option lists several forms share, so each choice reads the same wherever it is offered. */
import { useTranslation } from 'react-i18next';
import type { MeetingDetailView } from '../../shared/api-types';
import { actionStatuses, decisionOutcomes } from '../../shared/minutes';

/** The four action statuses; `symbols` adds a shape so status never rests on colour or position alone. */
export function ActionStatusOptions({ symbols = false }: { symbols?: boolean }) {
  const { t } = useTranslation(['domain']);
  const symbol = { open: '○', done: '✓', 'not-possible': '–', 'not-done': '✗' } as const;
  return (
    <>
      {actionStatuses.map((s) => (
        <option key={s} value={s}>
          {symbols ? `${symbol[s]} ` : ''}
          {t(`domain:actionStatus.${s}`)}
        </option>
      ))}
    </>
  );
}

export function DecisionOutcomeOptions({ none }: { none: string }) {
  const { t } = useTranslation(['domain']);
  return (
    <>
      <option value="">{none}</option>
      {decisionOutcomes.map((o) => (
        <option key={o} value={o}>
          {t(`domain:decisionOutcome.${o}`)}
        </option>
      ))}
    </>
  );
}

/** Everyone who may take part, as "Name (Agency)", after an optional empty choice. */
export function ParticipantOptions({ people, none }: { people: MeetingDetailView['participants']; none?: string }) {
  return (
    <>
      {none !== undefined && <option value="">{none}</option>}
      {people.map((p) => (
        <option key={p.id} value={p.id}>
          {p.name} ({p.agencyName})
        </option>
      ))}
    </>
  );
}
