import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReferralView } from '../../../shared/api-types';
import { apiPost } from '../../api';
import { Button } from '../../components/Button';
import { ErrorSummary, errorFor, type FieldError } from '../../components/ErrorSummary';
import { Textarea } from '../../components/Field';
import { Link } from '../../components/Link';
import { SummaryList } from '../../components/SummaryList';
import { useSession } from '../../session';
import { CasesNav, errorsFrom, ReferralStateTag, useDay, useEarlierDates, useLoad } from './shared';

/** The referrer answers the coordinator's question; the referral goes back to the queue. */
function ProvideInfo({ referral, onDone }: { referral: ReferralView; onDone(): void }) {
  const { t } = useTranslation('cases');
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
        label={t('mine.answerFor', { ref: referral.issuedRef })}
        hint={t('mine.neverName')}
        value={message}
        error={errorFor(errors, `${prefix}-message`)}
        onChange={(e) => setMessage(e.target.value)}
      />
      <Button type="submit">{t('mine.sendInfo')}</Button>
    </form>
  );
}

/** What became of each referral this person made. */
export function MyReferrals({ seriesId }: { seriesId: string }) {
  const { t } = useTranslation('cases');
  const day = useDay();
  const earlier = useEarlierDates();
  const session = useSession();
  const { data, error, reload } = useLoad<{ referrals: ReferralView[] }>(`/series/${seriesId}/referrals?view=mine`);
  return (
    <section aria-labelledby="mine-heading">
      <h1 id="mine-heading" className="govuk-heading-l" tabIndex={-1}>
        {t('mine.heading')}
      </h1>
      <CasesNav seriesId={seriesId} runsQueue={session?.user.role === 'coordinator' || session?.user.role === 'chair'} />
      {error && <p className="govuk-error-message">{t('mine.couldNotLoad', { error })}</p>}
      {data && data.referrals.length === 0 && <p className="govuk-body">{t('mine.none')}</p>}
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
                { key: t('mine.referred'), value: day(r.createdAt) },
                { key: t('mine.summary'), value: r.summary },
                ...(r.state === 'more-info-requested' ? [{ key: t('mine.coordinatorAsks'), value: r.stateMessage }] : []),
                ...(r.state === 'declined' ? [{ key: t('mine.declineReason'), value: r.stateMessage }] : []),
                ...(r.meeting
                  ? [
                      {
                        key: t('mine.listedOn'),
                        value: (
                          <Link className="govuk-link" to={`/meetings/${r.meeting.id}`}>
                            {t('meetingOn', { title: r.meeting.title, date: day(r.meeting.scheduledAt) })}
                          </Link>
                        ),
                      },
                    ]
                  : []),
                ...(r.repeat ? [{ key: t('repeatReferral'), value: t('mine.earlier', { dates: earlier(r.earlierReferredAt, r.earlierClosedAt) }) }] : []),
              ]}
            />
            {r.state === 'more-info-requested' && <ProvideInfo referral={r} onDone={reload} />}
          </div>
        </article>
      ))}
    </section>
  );
}
