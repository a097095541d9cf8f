import type * as Y from 'yjs';
import { useTranslation } from 'react-i18next';
import { contributionParts, contributionText, joinContribution, readContributions, workLimits, type PersonRef } from '../../../shared/item-work';
import { useDocValue } from '../../live/useDocValue';
import { YTextArea } from '../../components/YTextArea';

interface Props {
  doc: Y.Doc;
  itemId: string;
  me: PersonRef;
  readOnly: boolean;
}

/**
 * What each agency brings to a case: what it knows, the risks it sees, its view — attributed to the agency and to
 * everyone who wrote in it. People write in their own agency's contribution and read everyone else's.
 */
export function ContributionsSection({ doc, itemId, me, readOnly }: Props) {
  const { t } = useTranslation(['room', 'domain']);
  const contributions = useDocValue(doc, (d) => readContributions(d, itemId), [itemId]);
  const mine = contributions.find((c) => c.agencyId === me.agencyId);
  return (
    <section className="work-section" aria-labelledby={`contrib-${itemId}`}>
      <h3 id={`contrib-${itemId}`}>{t('contributions.heading')}</h3>
      {contributions.length === 0 && <p className="govuk-body-s app-secondary-text">{t('contributions.none')}</p>}
      <ul className="contributions">
        {contributions.map((c) => (
          <li key={c.agencyId} className="contribution">
            <h4>
              {c.agencyName}
              {c.authors.length > 0 && <span className="app-secondary-text">{t('contributions.by', { names: c.authors.join(', ') })}</span>}
            </h4>
            {c.agencyId === me.agencyId && !readOnly ? (
              contributionParts.map((part) => (
                <YTextArea
                  key={part}
                  text={contributionText(doc, itemId, c.agencyId, part)}
                  label={t('contributions.partLabel', { part: t(`domain:contributionPart.${part}`), agency: c.agencyName })}
                  readOnly={false}
                  maxLength={workLimits.contributionLength}
                  onFirstEdit={() => joinContribution(doc, itemId, me)}
                />
              ))
            ) : (
              <dl className="contribution-parts">
                {contributionParts.map((part) => (
                  <div key={part}>
                    <dt>{t(`domain:contributionPart.${part}`)}</dt>
                    <dd>{c.parts[part].trim() || <span className="app-secondary-text">{t('contributions.nothingYet')}</span>}</dd>
                  </div>
                ))}
              </dl>
            )}
          </li>
        ))}
      </ul>
      {!mine && !readOnly && (
        <button className="govuk-button govuk-button--secondary app-button--small" type="button" onClick={() => joinContribution(doc, itemId, me)}>
          {t('contributions.add', { agency: me.agencyName })}
        </button>
      )}
    </section>
  );
}
