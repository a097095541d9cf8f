import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingView, QueueEntryView } from '../../../shared/api-types';
import { openReferralStates } from '../../../shared/domain';
import { apiPost } from '../../api';
import { localised } from '../../i18n';
import { Button } from '../../components/Button';
import { ErrorSummary, errorFor, type FieldError } from '../../components/ErrorSummary';
import { Radios, Select, Textarea, TextInput } from '../../components/Field';
import { Link } from '../../components/Link';
import { NotificationBanner } from '../../components/NotificationBanner';
import { SummaryList } from '../../components/SummaryList';
import { Table } from '../../components/Table';
import { CasesNav, errorsFrom, ReferralStateTag, useDay, useEarlierDates, useLoad } from './shared';

/** One of the coordinator's decisions on a referral, as its own small form with its own errors. */
function ActionForm({ id, title, submitLabel, variant, onSubmit, children }: { id: string; title: string; submitLabel: string; variant?: 'secondary' | 'warning'; onSubmit(): Promise<void>; children: (errors: FieldError[]) => ReactNode }) {
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await onSubmit();
      setErrors([]);
    } catch (err) {
      setErrors(errorsFrom(err, id, 'field'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} noValidate className="govuk-!-margin-bottom-6" aria-label={title}>
      <h3 className="govuk-heading-s">{title}</h3>
      <ErrorSummary errors={errors} />
      {children(errors)}
      <Button type="submit" variant={variant} disabled={busy}>
        {submitLabel}
      </Button>
    </form>
  );
}

function QueueEntry({ r, meetings, onChanged }: { r: QueueEntryView; meetings: MeetingView[]; onChanged(message: string): void }) {
  const { t } = useTranslation(['cases', 'domain']);
  const day = useDay();
  const earlier = useEarlierDates();
  const [meetingId, setMeetingId] = useState(meetings[0]?.id ?? '');
  const [message, setMessage] = useState('');
  const [reason, setReason] = useState('');
  const [caseRef, setCaseRef] = useState('');
  const act = (path: string, body: unknown, done: string) => async () => {
    await apiPost(`/referrals/${r.id}/${path}`, body);
    onChanged(done);
  };
  const ids = { accept: `accept-${r.id}`, info: `info-${r.id}`, decline: `decline-${r.id}`, match: `match-${r.id}` };
  return (
    <article className="govuk-summary-card" aria-labelledby={`referral-${r.id}`}>
      <div className="govuk-summary-card__title-wrapper">
        <h2 id={`referral-${r.id}`} className="govuk-summary-card__title">
          {r.caseRef} {r.urgent && <strong className="govuk-tag govuk-tag--red">{t('cases:queue.urgent')}</strong>} <ReferralStateTag state={r.state} />{' '}
          {r.repeat && <strong className="govuk-tag govuk-tag--purple">{t('cases:repeatReferral')}</strong>}
        </h2>
      </div>
      <div className="govuk-summary-card__content">
        <SummaryList
          rows={[
            { key: t('cases:queue.referred'), value: t('cases:queue.referredBy', { date: day(r.createdAt), name: r.referrer.name, agency: r.agency.name }) },
            { key: t('cases:queue.reason'), value: r.reason },
            { key: t('cases:queue.summary'), value: r.summary },
            { key: t('cases:queue.risk'), value: r.childrenInvolved ? t('cases:riskWithChildren', { risk: t(`domain:risk.${r.riskLevel}`) }) : t(`domain:risk.${r.riskLevel}`) },
            { key: t('cases:queue.consent'), value: r.lawfulBasis ? t('cases:consentWithBasis', { consent: t(`domain:consent.${r.consent}`), basis: r.lawfulBasis }) : t(`domain:consent.${r.consent}`) },
            { key: t('cases:queue.vulnerabilities'), value: r.vulnerabilities.join(', ') || t('cases:noneGiven') },
            ...r.infoExchanges.map((e, i) => ({
              key: t('cases:queue.question', { n: i + 1 }),
              value: e.response ? t('cases:queue.answered', { question: e.request, answer: e.response }) : t('cases:queue.unanswered', { question: e.request }),
            })),
            ...(r.repeat ? [{ key: t('cases:queue.earlier'), value: earlier(r.earlierReferredAt, r.earlierClosedAt) }] : []),
          ]}
        />
        <ActionForm id={ids.accept} title={t('cases:queue.acceptTitle')} submitLabel={t('cases:queue.acceptSubmit')} onSubmit={act('accept', { meetingId }, t('cases:queue.accepted', { ref: r.caseRef }))}>
          {(errors) => (
            <Select id={`${ids.accept}-meetingId`} label={t('cases:queue.meetingFor', { ref: r.caseRef })} value={meetingId} error={errorFor(errors, `${ids.accept}-meetingId`) ?? errorFor(errors, `${ids.accept}-field`)} onChange={(e) => setMeetingId(e.target.value)}>
              {meetings.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.status === 'live'
                    ? t('cases:queue.liveNow', { meeting: t('cases:meetingOn', { title: m.title, date: day(m.scheduledAt) }) })
                    : t('cases:meetingOn', { title: m.title, date: day(m.scheduledAt) })}
                </option>
              ))}
            </Select>
          )}
        </ActionForm>
        <ActionForm
          id={ids.match}
          title={t('cases:queue.matchTitle')}
          submitLabel={t('cases:queue.matchSubmit')}
          variant="secondary"
          onSubmit={act('match', { caseRef }, t('cases:queue.matched', { ref: r.issuedRef, earlier: caseRef }))}
        >
          {(errors) => (
            <>
              {r.suggestions.length > 0 ? (
                <Radios
                  id={`${ids.match}-suggested`}
                  name={`suggested-${r.id}`}
                  legend={t('cases:queue.alikeLegend', { ref: r.caseRef })}
                  small
                  value={caseRef}
                  onChange={setCaseRef}
                  choices={r.suggestions.map((s) => ({
                    value: s.ref,
                    label: t('cases:queue.suggestion', { ref: s.ref, summary: s.summary }),
                    hint: [
                      t('cases:queue.suggestionHint', { agency: s.agency, date: day(s.lastReferredAt) }),
                      s.closedAt ? t('cases:queue.suggestionClosed', { date: day(s.closedAt) }) : '',
                      t('cases:queue.suggestionAlike', { alike: s.alike.map(localised).join(', ') }),
                      s.withinRepeatWindow ? t('cases:queue.suggestionRepeat') : '',
                    ].join(''),
                  }))}
                />
              ) : (
                <p className="govuk-body">{t('cases:queue.noneAlike')}</p>
              )}
              <TextInput
                id={`${ids.match}-caseRef`}
                label={t('cases:queue.typeRef', { ref: r.caseRef })}
                inputClass="govuk-input--width-10"
                value={caseRef}
                error={errorFor(errors, `${ids.match}-caseRef`) ?? errorFor(errors, `${ids.match}-field`)}
                onChange={(e) => setCaseRef(e.target.value.trim().toUpperCase())}
              />
            </>
          )}
        </ActionForm>
        <ActionForm
          id={ids.info}
          title={t('cases:queue.infoTitle')}
          submitLabel={t('cases:queue.infoSubmit')}
          variant="secondary"
          onSubmit={act('request-info', { message }, t('cases:queue.infoAsked', { ref: r.caseRef }))}
        >
          {(errors) => (
            <Textarea id={`${ids.info}-message`} label={t('cases:queue.infoLabel', { ref: r.caseRef })} rows={2} value={message} error={errorFor(errors, `${ids.info}-message`) ?? errorFor(errors, `${ids.info}-field`)} onChange={(e) => setMessage(e.target.value)} />
          )}
        </ActionForm>
        <ActionForm id={ids.decline} title={t('cases:queue.declineTitle')} submitLabel={t('cases:queue.declineSubmit')} variant="warning" onSubmit={act('decline', { reason }, t('cases:queue.declined', { ref: r.caseRef }))}>
          {(errors) => (
            <Textarea id={`${ids.decline}-reason`} label={t('cases:queue.declineLabel', { ref: r.caseRef })} rows={2} value={reason} error={errorFor(errors, `${ids.decline}-reason`) ?? errorFor(errors, `${ids.decline}-field`)} onChange={(e) => setReason(e.target.value)} />
          )}
        </ActionForm>
      </div>
    </article>
  );
}

/** The coordinator screens referrals: list onto a meeting, ask for more, decline, or match to an earlier case. */
export function ReferralQueue({ seriesId }: { seriesId: string }) {
  const { t } = useTranslation(['cases', 'domain']);
  const day = useDay();
  const { data, error, reload } = useLoad<{ referrals: QueueEntryView[] }>(`/series/${seriesId}/referrals?view=queue`);
  const meetings = useLoad<{ meetings: MeetingView[] }>('/meetings');
  const [notice, setNotice] = useState('');
  const upcoming = (meetings.data?.meetings ?? []).filter((m) => m.series.id === seriesId && (m.status === 'scheduled' || m.status === 'live'));
  const open = (data?.referrals ?? []).filter((r) => openReferralStates.includes(r.state));
  const decided = (data?.referrals ?? []).filter((r) => !openReferralStates.includes(r.state));
  return (
    <section aria-labelledby="queue-heading">
      <h1 id="queue-heading" className="govuk-heading-l" tabIndex={-1}>
        {t('cases:queue.heading')}
      </h1>
      <CasesNav seriesId={seriesId} runsQueue />
      {notice && (
        <NotificationBanner type="success" id="queue-notice">
          {notice}
        </NotificationBanner>
      )}
      <div className="govuk-inset-text">{t('cases:queue.repeatRuleNote', { rule: t('domain:repeatRule') })}</div>
      {error && <p className="govuk-error-message">{t('cases:queue.couldNotLoad', { error })}</p>}
      {data && open.length === 0 && <p className="govuk-body">{t('cases:queue.noneWaiting')}</p>}
      {data &&
        meetings.data &&
        open.map((r) => (
          <QueueEntry
            key={r.id}
            r={r}
            meetings={upcoming}
            onChanged={(message) => {
              setNotice(message);
              reload();
            }}
          />
        ))}
      {decided.length > 0 && (
        <Table
          caption={t('cases:queue.decided')}
          rows={decided}
          rowKey={(r) => r.id}
          columns={[
            { key: 'ref', header: t('cases:queue.case'), rowHeader: true, cell: (r) => <Link className="govuk-link" to={`/cases/${r.caseRef}`}>{r.caseRef}</Link> },
            { key: 'state', header: t('cases:queue.state'), cell: (r) => <ReferralStateTag state={r.state} /> },
            { key: 'referred', header: t('cases:queue.referred'), cell: (r) => day(r.createdAt) },
            { key: 'agency', header: t('cases:queue.agency'), cell: (r) => r.agency.name },
            { key: 'note', header: t('cases:queue.meetingOrReason'), cell: (r) => (r.meeting ? t('cases:meetingOn', { title: r.meeting.title, date: day(r.meeting.scheduledAt) }) : (r.stateMessage ?? '')) },
            { key: 'repeat', header: t('cases:queue.repeat'), cell: (r) => (r.repeat ? t('cases:repeatReferral') : '') },
          ]}
        />
      )}
    </section>
  );
}
