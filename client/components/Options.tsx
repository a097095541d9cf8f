/** Option lists several forms share, so each choice reads the same wherever it is offered. */
import type { MeetingDetailView } from '../../shared/api-types';
import { actionStatusLabels, actionStatuses, decisionOutcomeLabels, decisionOutcomes } from '../../shared/minutes';

/** The four action statuses; `symbols` adds a shape so status never rests on colour or position alone. */
export function ActionStatusOptions({ symbols = false }: { symbols?: boolean }) {
  const symbol = { open: '○', done: '✓', 'not-possible': '–', 'not-done': '✗' } as const;
  return (
    <>
      {actionStatuses.map((s) => (
        <option key={s} value={s}>
          {symbols ? `${symbol[s]} ` : ''}
          {actionStatusLabels[s]}
        </option>
      ))}
    </>
  );
}

export function DecisionOutcomeOptions({ none }: { none: string }) {
  return (
    <>
      <option value="">{none}</option>
      {decisionOutcomes.map((o) => (
        <option key={o} value={o}>
          {decisionOutcomeLabels[o]}
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
