import { useId } from 'react';
import { roomLabelClass as small, Select, TextInput } from '../../components/Field';
import { RiskTag, Tag } from '../../components/Tag';
import { consentLabels, consentStatuses, riskLabels, riskLevels, type CaseDetails, type ConsentStatus, type RiskLevel } from '../../../shared/case-details';

/** Risk and consent as words with a symbol, never colour alone. */
export function CaseSummary({ details }: { details: CaseDetails }) {
  return (
    <span className="case-summary">
      {details.riskLevel && <RiskTag risk={details.riskLevel} />}
      {details.childrenInvolved && <Tag colour="purple">Children involved</Tag>}
      {details.repeatReferral && <Tag colour="yellow">Repeat referral</Tag>}
      {details.consent && <Tag colour={details.consent === 'given' ? 'green' : 'orange'}>{consentLabels[details.consent]}</Tag>}
      {details.vulnerabilities.length > 0 && <span className="app-secondary-text">{details.vulnerabilities.join(', ')}</span>}
    </span>
  );
}

interface EditorProps {
  label: string;
  details: CaseDetails;
  onChange(patch: Partial<CaseDetails>): void;
}

const yesNo = (value: boolean | null) => (value === null ? '' : value ? 'yes' : 'no');

/** Each field writes on change: the item's fields are separate in Yjs, so two people can fill in different ones. */
export function CaseDetailsEditor({ label, details, onChange }: EditorProps) {
  const needsBasis = details.consent === 'refused' || details.consent === 'not-sought';
  const id = useId();
  return (
    <details className="case-details">
      <summary>Case details for {label}</summary>
      <div className="case-fields">
        <TextInput
          id={`${id}-referrer`}
          label="Referring agency"
          labelClass={small}
          defaultValue={details.referringAgency ?? ''}
          onBlur={(e) => onChange({ referringAgency: e.target.value.trim() || null })}
        />
        <Select id={`${id}-risk`} label="Risk level" labelClass={small} value={details.riskLevel ?? ''} onChange={(e) => onChange({ riskLevel: (e.target.value || null) as RiskLevel | null })}>
          <option value="">Not assessed</option>
          {riskLevels.map((r) => (
            <option key={r} value={r}>
              {riskLabels[r]}
            </option>
          ))}
        </Select>
        <Select
          id={`${id}-children`}
          label="Children involved"
          labelClass={small}
          value={yesNo(details.childrenInvolved)}
          onChange={(e) => onChange({ childrenInvolved: e.target.value === '' ? null : e.target.value === 'yes' })}
        >
          <option value="">Not known</option>
          <option value="yes">Yes</option>
          <option value="no">No</option>
        </Select>
        <Select id={`${id}-consent`} label="Consent to share" labelClass={small} value={details.consent ?? ''} onChange={(e) => onChange({ consent: (e.target.value || null) as ConsentStatus | null })}>
          <option value="">Not recorded</option>
          {consentStatuses.map((c) => (
            <option key={c} value={c}>
              {consentLabels[c]}
            </option>
          ))}
        </Select>
        {needsBasis && (
          <TextInput
            id={`${id}-basis`}
            label="Lawful basis for sharing without consent"
            labelClass={small}
            className="wide"
            defaultValue={details.lawfulBasis}
            onBlur={(e) => onChange({ lawfulBasis: e.target.value })}
          />
        )}
        <TextInput
          id={`${id}-vulnerabilities`}
          label="Vulnerabilities (comma separated)"
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
