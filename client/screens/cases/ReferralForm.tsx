import { useState, type ChangeEvent, type FormEvent } from 'react';
import { referralBody } from '../../../shared/api-schemas';
import { consentLabels, consentStatuses, needsLawfulBasis, riskLabels, riskLevels, type ConsentStatus } from '../../../shared/domain';
import type { ReferralView } from '../../../shared/api-types';
import { apiPost } from '../../api';
import { Button } from '../../components/Button';
import { ErrorSummary, errorFor, type FieldError } from '../../components/ErrorSummary';
import { Radios, Select, SingleCheckbox, Textarea, TextInput } from '../../components/Field';
import { Link } from '../../components/Link';
import { useSession } from '../../session';
import { CasesNav, errorsFrom, useLoad } from './shared';

const noNames = 'Never write a name, address or date of birth: the case gets a reference from the system.';

const emptyForm = { agencyId: '', reason: '', riskLevel: '', childrenInvolved: '', consent: '', lawfulBasis: '', vulnerabilities: '', summary: '', urgent: false };
/** The form's fields held as text (all but the urgent tick). */
type TextField = Exclude<keyof typeof emptyForm, 'urgent'>;
const yesNo = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];

/** Any member agency refers a case: the facts the panel triages on, never a name. */
export function ReferralForm({ seriesId }: { seriesId: string }) {
  const session = useSession();
  const agencies = useLoad<{ agencies: { id: string; name: string }[] }>('/agencies');
  const [form, setForm] = useState({ ...emptyForm, agencyId: session?.user.agency.id ?? '' });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [sent, setSent] = useState<{ ref: string; referral: ReferralView } | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (field: keyof typeof form) => (value: string | boolean) => setForm((f) => ({ ...f, [field]: value }));
  // Each field's id is `referral-<field>` (the error summary links there) and it shows its own inline error.
  const wired = (field: TextField) => ({ id: `referral-${field}`, value: form[field], error: errorFor(errors, `referral-${field}`) });
  /** A text, textarea or select control bound to one field of the form. */
  const typed = (field: TextField) => ({ ...wired(field), onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => set(field)(e.target.value) });
  /** A group of radios bound to one field of the form. */
  const chosen = (field: TextField) => ({ ...wired(field), name: field, onChange: set(field) });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = {
      ...form,
      riskLevel: form.riskLevel || undefined,
      childrenInvolved: form.childrenInvolved === '' ? undefined : form.childrenInvolved === 'yes',
      consent: form.consent || undefined,
      vulnerabilities: form.vulnerabilities
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    };
    // The shared schema checks on this side first, so every field's error shows at once without a round trip.
    const parsed = referralBody.safeParse(body);
    if (!parsed.success) {
      const seen = new Set<string>();
      setErrors(
        parsed.error.issues
          .filter((i) => !seen.has(String(i.path[0])) && seen.add(String(i.path[0])))
          .map((i) => ({ href: `referral-${String(i.path[0] ?? 'reason')}`, text: i.message })),
      );
      return;
    }
    setBusy(true);
    try {
      setSent(await apiPost<{ ref: string; referral: ReferralView }>(`/series/${seriesId}/referrals`, parsed.data));
      setErrors([]);
    } catch (err) {
      setErrors(errorsFrom(err, 'referral', 'reason'));
    } finally {
      setBusy(false);
    }
  };

  if (sent) {
    return (
      <section aria-labelledby="referral-sent">
        <div className="govuk-panel govuk-panel--confirmation">
          <h1 id="referral-sent" className="govuk-panel__title" tabIndex={-1}>
            Referral sent
          </h1>
          <div className="govuk-panel__body">
            Case reference
            <br />
            <strong>{sent.ref}</strong>
          </div>
        </div>
        <p className="govuk-body">The coordinator will list it on a meeting, ask you for more information, or decline it with a reason.</p>
        <p className="govuk-body">
          <Link className="govuk-link" to={`/series/${seriesId}/referrals`}>
            See my referrals
          </Link>
        </p>
      </section>
    );
  }

  const consent = form.consent as ConsentStatus | '';
  return (
    <section aria-labelledby="referral-heading">
      <h1 id="referral-heading" className="govuk-heading-l" tabIndex={-1}>
        Refer a case
      </h1>
      <CasesNav seriesId={seriesId} runsQueue={session?.user.role === 'coordinator' || session?.user.role === 'chair'} />
      <ErrorSummary errors={errors} />
      <div className="govuk-warning-text">
        <span className="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong className="govuk-warning-text__text">
          <span className="govuk-visually-hidden">Warning</span>
          {noNames}
        </strong>
      </div>
      <form onSubmit={submit} noValidate>
        <Select {...typed('agencyId')} label="Referring agency">
          <option value="">Choose an agency</option>
          {(agencies.data?.agencies ?? []).map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </Select>
        <Textarea {...typed('reason')} label="Why are you referring?" hint={noNames} />
        <Textarea {...typed('summary')} label="Short summary" hint={`For example “Mother, 24, third pregnancy”. ${noNames}`} rows={2} />
        <Radios {...chosen('riskLevel')} legend="Risk level" inline choices={riskLevels.map((r) => ({ value: r, label: riskLabels[r] }))} />
        <Radios {...chosen('childrenInvolved')} legend="Are children involved (including an unborn child)?" inline choices={yesNo} />
        <Radios {...chosen('consent')} legend="Consent to share" choices={consentStatuses.map((c) => ({ value: c, label: consentLabels[c] }))} />
        {consent !== '' && needsLawfulBasis(consent) && (
          <Textarea {...typed('lawfulBasis')} label="Lawful basis for sharing without consent" hint="For example “Safeguarding a child at risk of significant harm”." rows={2} />
        )}
        <TextInput {...typed('vulnerabilities')} label="Vulnerabilities (optional)" hint="Separate them with commas, for example “housing, mental health”." />
        <div className="govuk-form-group">
          <SingleCheckbox id="referral-urgent" label="Urgent: list it on the next meeting if possible" checked={form.urgent} onChange={set('urgent')} />
        </div>
        <Button type="submit" disabled={busy}>
          Send referral
        </Button>
      </form>
    </section>
  );
}
