import { useState, type FormEvent } from 'react';
import type { ReferralView } from '../../../shared/api-types';
import { apiPost } from '../../api';
import { Button } from '../../components/Button';
import { ErrorSummary, errorFor, type FieldError } from '../../components/ErrorSummary';
import { Textarea } from '../../components/Field';
import { Link } from '../../components/Link';
import { SummaryList } from '../../components/SummaryList';
import { useSession } from '../../session';
import { CasesNav, day, errorsFrom, ReferralStateTag, useLoad } from './shared';

/** The referrer answers the coordinator's question; the referral goes back to the queue. */
function ProvideInfo({ referral, onDone }: { referral: ReferralView; onDone(): void }) {
  const [message, setMessage] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const prefix = `answer-${referral.id}`;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await apiPost(`/referrals/${referral.id}/provide-info`, { message });
      setErrors([]);
      onDone();
    } catch (err) {
      setErrors(errorsFrom(err, prefix, 'message'));
    }
  };
  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} />
      <Textarea
        id={`${prefix}-message`}
        label={`Your answer for ${referral.issuedRef}`}
        hint="Never write a name."
        value={message}
        error={errorFor(errors, `${prefix}-message`)}
        onChange={(e) => setMessage(e.target.value)}
      />
      <Button type="submit">Send the information</Button>
    </form>
  );
}

/** What became of each referral this person made. */
export function MyReferrals({ seriesId }: { seriesId: string }) {
  const session = useSession();
  const { data, error, reload } = useLoad<{ referrals: ReferralView[] }>(`/series/${seriesId}/referrals?view=mine`);
  return (
    <section aria-labelledby="mine-heading">
      <h1 id="mine-heading" className="govuk-heading-l" tabIndex={-1}>
        My referrals
      </h1>
      <CasesNav seriesId={seriesId} runsQueue={session?.user.role === 'coordinator' || session?.user.role === 'chair'} />
      {error && <p className="govuk-error-message">Could not load your referrals: {error}</p>}
      {data && data.referrals.length === 0 && <p className="govuk-body">You have not referred a case yet.</p>}
      {data?.referrals.map((r) => (
        <article key={r.id} className="govuk-summary-card" aria-labelledby={`mine-${r.id}`}>
          <div className="govuk-summary-card__title-wrapper">
            <h2 id={`mine-${r.id}`} className="govuk-summary-card__title">
              {r.caseRef} <ReferralStateTag state={r.state} />
            </h2>
          </div>
          <div className="govuk-summary-card__content">
            <SummaryList
              rows={[
                { key: 'Referred', value: day(r.createdAt) },
                { key: 'Summary', value: r.summary },
                ...(r.state === 'more-info-requested' ? [{ key: 'The coordinator asks', value: r.stateMessage }] : []),
                ...(r.state === 'declined' ? [{ key: 'Reason for declining', value: r.stateMessage }] : []),
                ...(r.meeting
                  ? [
                      {
                        key: 'Listed on',
                        value: (
                          <Link className="govuk-link" to={`/meetings/${r.meeting.id}`}>
                            {r.meeting.title}, {day(r.meeting.scheduledAt)}
                          </Link>
                        ),
                      },
                    ]
                  : []),
                ...(r.repeat ? [{ key: 'Repeat referral', value: `Earlier: ${[...r.earlierReferredAt.map((d) => `referred ${day(d)}`), ...(r.earlierClosedAt ? [`closed ${day(r.earlierClosedAt)}`] : [])].join('; ')}` }] : []),
              ]}
            />
            {r.state === 'more-info-requested' && <ProvideInfo referral={r} onDone={reload} />}
          </div>
        </article>
      ))}
    </section>
  );
}
