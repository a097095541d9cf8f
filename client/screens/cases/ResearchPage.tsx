import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingCasesView, ResearchView } from '../../../shared/api-types';
import { contributionParts, type ContributionPart } from '../../../shared/item-work';
import { apiPut } from '../../api';
import { Button } from '../../components/Button';
import { ErrorSummary, errorFor, type FieldError } from '../../components/ErrorSummary';
import { Textarea } from '../../components/Field';
import { Link } from '../../components/Link';
import { NotificationBanner } from '../../components/NotificationBanner';
import { useSession } from '../../session';
import { errorsFrom, useLoad } from './shared';

/** One case's research by the person's agency: what it knows, the risks it sees, its view. */
function CaseResearch({ meetingId, caseRef }: { meetingId: string; caseRef: string }) {
  const { t } = useTranslation(['cases', 'domain']);
  const path = `/cases/${encodeURIComponent(caseRef)}/research?meetingId=${encodeURIComponent(meetingId)}`;
  const { data } = useLoad<{ research: ResearchView | null }>(path);
  const [parts, setParts] = useState<Record<ContributionPart, string>>({ knows: '', risks: '', view: '' });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [saved, setSaved] = useState<ResearchView | null>(null);
  useEffect(() => {
    if (data?.research) setParts({ knows: data.research.knows, risks: data.research.risks, view: data.research.view });
  }, [data]);
  const prefix = `research-${caseRef}`;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      setSaved((await apiPut<{ research: ResearchView }>(path, parts)).research);
      setErrors([]);
    } catch (err) {
      setErrors(errorsFrom(err, prefix, 'knows'));
    }
  };
  const authors = (saved ?? data?.research)?.authors ?? [];
  return (
    <form onSubmit={submit} noValidate aria-labelledby={`${prefix}-heading`} className="govuk-!-margin-bottom-8">
      <h2 id={`${prefix}-heading`} className="govuk-heading-m">
        {caseRef}
      </h2>
      {saved && (
        <p className="govuk-body" role="status">
          {t('cases:research.saved', { ref: caseRef })}
        </p>
      )}
      {authors.length > 0 && <p className="govuk-body-s">{t('cases:research.writtenBy', { names: authors.join(', ') })}</p>}
      <ErrorSummary errors={errors} />
      {contributionParts.map((part) => (
        <Textarea
          key={part}
          id={`${prefix}-${part}`}
          label={t('cases:research.part', { part: t(`domain:contributionPart.${part}`), ref: caseRef })}
          hint={part === 'knows' ? t('cases:research.knowsHint') : undefined}
          rows={3}
          value={parts[part]}
          error={errorFor(errors, `${prefix}-${part}`)}
          onChange={(e) => setParts((p) => ({ ...p, [part]: e.target.value }))}
        />
      ))}
      <Button type="submit">{t('cases:research.save', { ref: caseRef })}</Button>
    </form>
  );
}

/** Each agency researches every case on a published agenda before the meeting. */
export function ResearchPage({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation('cases');
  const session = useSession();
  const { data, error } = useLoad<MeetingCasesView>(`/meetings/${meetingId}/cases`);
  return (
    <section aria-labelledby="research-heading">
      <h1 id="research-heading" className="govuk-heading-l" tabIndex={-1}>
        {t('research.heading')}
      </h1>
      <p className="govuk-body">
        <Link className="govuk-link" to={`/meetings/${meetingId}`}>
          {t('research.back')}
        </Link>
      </p>
      {error && <p className="govuk-error-message">{t('research.couldNotLoad', { error })}</p>}
      {data && !data.published && <NotificationBanner>{t('research.notPublished')}</NotificationBanner>}
      {data?.published && (
        <>
          <p className="govuk-body">
            {t('research.intro', { agency: session?.user.agency.name })}
          </p>
          {data.cases.map((c) => (
            <CaseResearch key={c.ref} meetingId={meetingId} caseRef={c.ref} />
          ))}
        </>
      )}
    </section>
  );
}
