import type * as Y from 'yjs';
import type { DecisionOutcome } from '../../../shared/minutes';
import { decisionText, readDecision, setDecisionOutcome, workLimits } from '../../../shared/item-work';
import { useDocValue } from '../../live/useDocValue';
import { YTextArea } from '../../components/YTextArea';
import { DecisionOutcomeOptions } from '../../components/Options';
import { roomLabelClass, Select } from '../../components/Field';
import { useMeetingEnd } from './meeting-end';

/** The item's decision: an outcome everyone sees change at once, and two texts several people can write together. */
export function DecisionSection({ doc, itemId, itemLabel, readOnly }: { doc: Y.Doc; itemId: string; itemLabel: string; readOnly: boolean }) {
  const decision = useDocValue(doc, (d) => readDecision(d, itemId), [itemId]);
  const { ended, decisionNumbers } = useMeetingEnd();
  const number = decisionNumbers[itemId];
  return (
    <section className="work-section" aria-labelledby={`decision-${itemId}`}>
      <h3 id={`decision-${itemId}`}>Decision</h3>
      {number ? (
        <p className="decision-number">
          Decision number: <strong>{number}</strong>
        </p>
      ) : ended ? (
        <p className="govuk-hint govuk-!-font-size-16">Meeting ended: no decision number was given to this item.</p>
      ) : (
        <p className="govuk-hint govuk-!-font-size-16">The decision number (NNN/YYYY) is given when the chair ends the meeting and the minutes are written.</p>
      )}
      <Select
        id={`decision-outcome-${itemId}`}
        label={`Outcome for ${itemLabel}`}
        labelClass={roomLabelClass}
        className="outcome"
        value={decision.outcome ?? ''}
        disabled={readOnly}
        onChange={(e) => setDecisionOutcome(doc, itemId, (e.target.value || null) as DecisionOutcome | null)}
      >
        <DecisionOutcomeOptions none="Not decided yet" />
      </Select>
      <YTextArea text={decisionText(doc, itemId, 'text')} label="Decision" readOnly={readOnly} maxLength={workLimits.decisionTextLength} />
      <YTextArea text={decisionText(doc, itemId, 'reasons')} label="Reasons" readOnly={readOnly} maxLength={workLimits.decisionTextLength} />
    </section>
  );
}
