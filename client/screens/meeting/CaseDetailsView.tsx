import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { roomLabelClass as small, Select, TextInput } from '../../components/Field';
import { RiskTag, Tag } from '../../components/Tag';
import { consentStatuses, riskLevels, type CaseDetails, type ConsentStatus, type RiskLevel } from '../../../shared/case-details';

/** Risk and consent as words with a symbol, never colour alone. */
export function CaseSummary({ details }: { details: CaseDetails }) {
  const { t } = useTranslation(['room', 'domain']);
  return (
    <span className="case-summary">
      {details.riskLevel && <RiskTag risk={details.riskLevel} />}
      {details.childrenInvolved && <Tag colour="purple">{t('caseDetails.childrenInvolved')}</Tag>}
      {details.repeatReferral && <Tag colour="yellow">{t('caseDetails.repeatReferral')}</Tag>}
      {details.consent && <Tag colour={details.consent === 'given' ? 'green' : 'orange'}>{t(`domain:consent.${details.consent}`)}</Tag>}
      {details.vulnerabilities.length > 0 && <span className="app-secondary-text">{details.vulnerabilities.join(', ')}</span>}
    </span>
  );
}

interface EditorProps {
  label: string;
  details: CaseDetails;
  onChange(patch: Partial<CaseDetails>): void;
}

const yes = 'yes';
const no = 'no';
const yesNo = (value: boolean | null) => (value === null ? '' : value ? yes : no);

/** Each field writes on change: the item's fields are separate in Yjs, so two people can fill in different ones. */
export function CaseDetailsEditor({ label, details, onChange }: EditorProps) {
  const needsBasis = details.consent === 'refused' || details.consent === 'not-sought';
  const id = useId();
  const { t } = useTranslation(['room', 'domain']);
  return (
    <details className="case-details">
      <summary>{t('caseDetails.summary', { label })}</summary>
      <div className="case-fields">
        <TextInput
          id={`${id}-referrer`}
          label={t('caseDetails.referrer')}
          labelClass={small}
          defaultValue={details.referringAgency ?? ''}
          onBlur={(e) => onChange({ referringAgency: e.target.value.trim() || null })}
        />
        <Select id={`${id}-risk`} label={t('caseDetails.risk')} labelClass={small} value={details.riskLevel ?? ''} onChange={(e) => onChange({ riskLevel: (e.target.value || null) as RiskLevel | null })}>
          <option value="">{t('caseDetails.notAssessed')}</option>
          {riskLevels.map((r) => (
            <option key={r} value={r}>
              {t(`domain:risk.${r}`)}
            </option>
          ))}
        </Select>
        <Select
          id={`${id}-children`}
          label={t('caseDetails.children')}
          labelClass={small}
          value={yesNo(details.childrenInvolved)}
          onChange={(e) => onChange({ childrenInvolved: e.target.value === '' ? null : e.target.value === yes })}
        >
          <option value="">{t('caseDetails.notKnown')}</option>
          <option value={yes}>{t('caseDetails.yes')}</option>
          <option value={no}>{t('caseDetails.no')}</option>
        </Select>
        <Select id={`${id}-consent`} label={t('caseDetails.consent')} labelClass={small} value={details.consent ?? ''} onChange={(e) => onChange({ consent: (e.target.value || null) as ConsentStatus | null })}>
          <option value="">{t('caseDetails.notRecorded')}</option>
          {consentStatuses.map((c) => (
            <option key={c} value={c}>
              {t(`domain:consent.${c}`)}
            </option>
          ))}
        </Select>
        {needsBasis && (
          <TextInput
            id={`${id}-basis`}
            label={t('caseDetails.lawfulBasis')}
            labelClass={small}
            className="wide"
            defaultValue={details.lawfulBasis}
            onBlur={(e) => onChange({ lawfulBasis: e.target.value })}
          />
        )}
        <TextInput
          id={`${id}-vulnerabilities`}
          label={t('caseDetails.vulnerabilities')}
          labelClass={small}
          className="wide"
          defaultValue={details.vulnerabilities.join(', ')}
          onBlur={(e) => onChange({ vulnerabilities: e.target.value.split(',').map((v) => v.trim()).filter(Boolean).slice(0, 20) })}
        />
        {/* No "repeat referral" box: the server sets it from the 12-month rule when a referral is matched to a case. */}
      </div>
    </details>
  );
}
