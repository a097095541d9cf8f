import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { referralBody } from '../../../shared/api-schemas';
import { consentStatuses, needsLawfulBasis, riskLevels, type ConsentStatus } from '../../../shared/domain';
import type { ReferralView } from '../../../shared/api-types';
import { apiPost } from '../../api';
import { localised } from '../../i18n';
import { Button } from '../../components/Button';
import { ErrorSummary, errorFor, type FieldError } from '../../components/ErrorSummary';
import { Radios, Select, SingleCheckbox, Textarea, TextInput } from '../../components/Field';
import { Link } from '../../components/Link';
import { useSession } from '../../session';
import { CasesNav, errorsFrom, useLoad } from './shared';

const emptyForm = { agencyId: '', reason: '', riskLevel: '', childrenInvolved: '', consent: '', lawfulBasis: '', vulnerabilities: '', summary: '', urgent: false };
/** The form's fields held as text (all but the urgent tick). */
type TextField = Exclude<keyof typeof emptyForm, 'urgent'>;

/** Any member agency refers a case: the facts the panel triages on, never a name. */
export function ReferralForm({ seriesId }: { seriesId: string }) {
  const { t } = useTranslation(['cases', 'domain']);
  const noNames = t('cases:referral.noNames');
  const yesNo = [
    { value: 'yes', label: t('cases:referral.yes') },
    { value: 'no', label: t('cases:referral.no') },
  ];
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
          .map((i) => ({ href: `referral-${String(i.path[0] ?? 'reason')}`, text: localised(i.message) })),
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
            {t('cases:referral.sent')}
          </h1>
          <div className="govuk-panel__body">
            {t('cases:referral.caseReference')}
            <br />
            <strong>{sent.ref}</strong>
          </div>
        </div>
        <p className="govuk-body">{t('cases:referral.whatNext')}</p>
        <p className="govuk-body">
          <Link className="govuk-link" to={`/series/${seriesId}/referrals`}>
            {t('cases:referral.seeMine')}
          </Link>
        </p>
      </section>
    );
  }

  const consent = form.consent as ConsentStatus | '';
  return (
    <section aria-labelledby="referral-heading">
      <h1 id="referral-heading" className="govuk-heading-l" tabIndex={-1}>
        {t('cases:referral.heading')}
      </h1>
      <CasesNav seriesId={seriesId} runsQueue={session?.user.role === 'coordinator' || session?.user.role === 'chair'} />
      <ErrorSummary errors={errors} />
      <div className="govuk-warning-text">
        <span className="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong className="govuk-warning-text__text">
          <span className="govuk-visually-hidden">{t('cases:referral.warning')}</span>
          {noNames}
        </strong>
      </div>
      <form onSubmit={submit} noValidate>
        <Select {...typed('agencyId')} label={t('cases:referral.agency')}>
          <option value="">{t('cases:referral.chooseAgency')}</option>
          {(agencies.data?.agencies ?? []).map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </Select>
        <Textarea {...typed('reason')} label={t('cases:referral.reason')} hint={noNames} />
        <Textarea {...typed('summary')} label={t('cases:referral.summary')} hint={t('cases:referral.summaryHint', { noNames })} rows={2} />
        <Radios {...chosen('riskLevel')} legend={t('cases:referral.risk')} inline choices={riskLevels.map((r) => ({ value: r, label: t(`domain:risk.${r}`) }))} />
        <Radios {...chosen('childrenInvolved')} legend={t('cases:referral.children')} inline choices={yesNo} />
        <Radios {...chosen('consent')} legend={t('cases:referral.consent')} choices={consentStatuses.map((c) => ({ value: c, label: t(`domain:consent.${c}`) }))} />
        {consent !== '' && needsLawfulBasis(consent) && (
          <Textarea {...typed('lawfulBasis')} label={t('cases:referral.lawfulBasis')} hint={t('cases:referral.lawfulBasisHint')} rows={2} />
        )}
        <TextInput {...typed('vulnerabilities')} label={t('cases:referral.vulnerabilities')} hint={t('cases:referral.vulnerabilitiesHint')} />
        <div className="govuk-form-group">
          <SingleCheckbox id="referral-urgent" label={t('cases:referral.urgent')} checked={form.urgent} onChange={set('urgent')} />
        </div>
        <Button type="submit" disabled={busy}>
          {t('cases:referral.send')}
        </Button>
      </form>
    </section>
  );
}
