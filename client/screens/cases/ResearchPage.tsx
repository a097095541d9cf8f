import { useEffect, useState, type FormEvent } from 'react';
import type { MeetingCasesView, ResearchView } from '../../../shared/api-types';
import { contributionPartLabels, contributionParts, type ContributionPart } from '../../../shared/item-work';
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
      {saved && <p className="govuk-body" role="status">Research on {caseRef} saved.</p>}
      {authors.length > 0 && <p className="govuk-body-s">Written by {authors.join(', ')}</p>}
      <ErrorSummary errors={errors} />
      {contributionParts.map((part) => (
        <Textarea
          key={part}
          id={`${prefix}-${part}`}
          label={`${contributionPartLabels[part]} (${caseRef})`}
          hint={part === 'knows' ? 'From your agency’s own records. Never write a name.' : undefined}
          rows={3}
          value={parts[part]}
          error={errorFor(errors, `${prefix}-${part}`)}
          onChange={(e) => setParts((p) => ({ ...p, [part]: e.target.value }))}
        />
      ))}
      <Button type="submit">Save research on {caseRef}</Button>
    </form>
  );
}

/** Each agency researches every case on a published agenda before the meeting. */
export function ResearchPage({ meetingId }: { meetingId: string }) {
  const session = useSession();
  const { data, error } = useLoad<MeetingCasesView>(`/meetings/${meetingId}/cases`);
  return (
    <section aria-labelledby="research-heading">
      <h1 id="research-heading" className="govuk-heading-l" tabIndex={-1}>
        Research for the meeting
      </h1>
      <p className="govuk-body">
        <Link className="govuk-link" to={`/meetings/${meetingId}`}>
          Back to the meeting
        </Link>
      </p>
      {error && <p className="govuk-error-message">Could not load the agenda: {error}</p>}
      {data && !data.published && <NotificationBanner>The agenda is not published yet: research opens when the coordinator publishes it.</NotificationBanner>}
      {data?.published && (
        <>
          <p className="govuk-body">
            You write for {session?.user.agency.name}. When the chair opens the meeting, your research becomes your agency’s contribution on each case, under the names of the people who wrote it.
          </p>
          {data.cases.map((c) => (
            <CaseResearch key={c.ref} meetingId={meetingId} caseRef={c.ref} />
          ))}
        </>
      )}
    </section>
  );
}
