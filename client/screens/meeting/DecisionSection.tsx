import type * as Y from 'yjs';
import { Trans, useTranslation } from 'react-i18next';
import type { DecisionOutcome } from '../../../shared/minutes';
import { decisionText, readDecision, setDecisionOutcome, workLimits } from '../../../shared/item-work';
import { useDocValue } from '../../live/useDocValue';
import { YTextArea } from '../../components/YTextArea';
import { DecisionOutcomeOptions } from '../../components/Options';
import { Select } from '../../components/Field';
import { useMeetingEnd } from './meeting-end';

/** The item's decision: an outcome everyone sees change at once, and two texts several people can write together. */
export function DecisionSection({ doc, itemId, itemLabel, readOnly }: { doc: Y.Doc; itemId: string; itemLabel: string; readOnly: boolean }) {
  const { t } = useTranslation('room');
  const decision = useDocValue(doc, (d) => readDecision(d, itemId), [itemId]);
  const { ended, decisionNumbers } = useMeetingEnd();
  const number = decisionNumbers[itemId];
  return (
    <section className="work-section" aria-labelledby={`decision-${itemId}`}>
      <h3 id={`decision-${itemId}`}>{t('decision.heading')}</h3>
      {number ? (
        <p className="decision-number">
          <Trans t={t} i18nKey="decision.number" values={{ number }} components={{ strong: <strong /> }} />
        </p>
      ) : ended ? (
        <p className="govuk-hint govuk-!-font-size-16">{t('decision.noNumber')}</p>
      ) : (
        <p className="govuk-hint govuk-!-font-size-16">{t('decision.numberLater')}</p>
      )}
      <Select
        id={`decision-outcome-${itemId}`}
        label={t('decision.outcomeFor', { label: itemLabel })}
        className="outcome"
        value={decision.outcome ?? ''}
        disabled={readOnly}
        onChange={(e) => setDecisionOutcome(doc, itemId, (e.target.value || null) as DecisionOutcome | null)}
      >
        <DecisionOutcomeOptions none={t('decision.notDecided')} />
      </Select>
      <YTextArea text={decisionText(doc, itemId, 'text')} label={t('decision.text')} readOnly={readOnly} maxLength={workLimits.decisionTextLength} />
      <YTextArea text={decisionText(doc, itemId, 'reasons')} label={t('decision.reasons')} readOnly={readOnly} maxLength={workLimits.decisionTextLength} />
    </section>
  );
}
