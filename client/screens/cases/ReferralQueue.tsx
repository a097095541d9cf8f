import { useState, type FormEvent, type ReactNode } from 'react';
import type { MeetingView, QueueEntryView } from '../../../shared/api-types';
import { consentLabels, openReferralStates, repeatRuleText, riskLabels } from '../../../shared/domain';
import { apiPost } from '../../api';
import { Button } from '../../components/Button';
import { ErrorSummary, errorFor, type FieldError } from '../../components/ErrorSummary';
import { Radios, Select, Textarea, TextInput } from '../../components/Field';
import { Link } from '../../components/Link';
import { NotificationBanner } from '../../components/NotificationBanner';
import { SummaryList } from '../../components/SummaryList';
import { Table } from '../../components/Table';
import { CasesNav, day, errorsFrom, ReferralStateTag, useLoad } from './shared';

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
          {r.caseRef} {r.urgent && <strong className="govuk-tag govuk-tag--red">Urgent</strong>} <ReferralStateTag state={r.state} />{' '}
          {r.repeat && <strong className="govuk-tag govuk-tag--purple">Repeat referral</strong>}
        </h2>
      </div>
      <div className="govuk-summary-card__content">
        <SummaryList
          rows={[
            { key: 'Referred', value: `${day(r.createdAt)} by ${r.referrer.name}, ${r.agency.name}` },
            { key: 'Reason', value: r.reason },
            { key: 'Summary', value: r.summary },
            { key: 'Risk', value: `${riskLabels[r.riskLevel]}${r.childrenInvolved ? ', children involved' : ''}` },
            { key: 'Consent', value: `${consentLabels[r.consent]}${r.lawfulBasis ? ` (${r.lawfulBasis})` : ''}` },
            { key: 'Vulnerabilities', value: r.vulnerabilities.join(', ') || 'None given' },
            ...r.infoExchanges.map((e, i) => ({ key: `Question ${i + 1}`, value: `${e.request} — ${e.response ? `Answer: ${e.response}` : 'Not answered yet'}` })),
            ...(r.repeat ? [{ key: 'Earlier', value: [...r.earlierReferredAt.map((d) => `referred ${day(d)}`), ...(r.earlierClosedAt ? [`closed ${day(r.earlierClosedAt)}`] : [])].join('; ') }] : []),
          ]}
        />
        <ActionForm id={ids.accept} title="Accept onto a meeting" submitLabel="Accept onto the agenda" onSubmit={act('accept', { meetingId }, `${r.caseRef} accepted onto the agenda`)}>
          {(errors) => (
            <Select id={`${ids.accept}-meetingId`} label={`Meeting for ${r.caseRef}`} value={meetingId} error={errorFor(errors, `${ids.accept}-meetingId`) ?? errorFor(errors, `${ids.accept}-field`)} onChange={(e) => setMeetingId(e.target.value)}>
              {meetings.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.title}, {day(m.scheduledAt)}
                  {m.status === 'live' ? ' (live now)' : ''}
                </option>
              ))}
            </Select>
          )}
        </ActionForm>
        <ActionForm id={ids.match} title="Match to an earlier case" submitLabel="Match to this case" variant="secondary" onSubmit={act('match', { caseRef }, `${r.issuedRef} matched to ${caseRef}`)}>
          {(errors) => (
            <>
              {r.suggestions.length > 0 ? (
                <Radios
                  id={`${ids.match}-suggested`}
                  name={`suggested-${r.id}`}
                  legend={`Earlier cases that look alike (${r.caseRef})`}
                  small
                  value={caseRef}
                  onChange={setCaseRef}
                  choices={r.suggestions.map((s) => ({
                    value: s.ref,
                    label: `${s.ref}: ${s.summary}`,
                    hint: `${s.agency}; last referred ${day(s.lastReferredAt)}${s.closedAt ? `; closed ${day(s.closedAt)}` : ''}; alike: ${s.alike.join(', ')}${s.withinRepeatWindow ? '. Within 12 months: matching marks a repeat referral' : ''}`,
                  }))}
                />
              ) : (
                <p className="govuk-body">No earlier case looks alike.</p>
              )}
              <TextInput
                id={`${ids.match}-caseRef`}
                label={`Or type the earlier case's reference (${r.caseRef})`}
                inputClass="govuk-input--width-10"
                value={caseRef}
                error={errorFor(errors, `${ids.match}-caseRef`) ?? errorFor(errors, `${ids.match}-field`)}
                onChange={(e) => setCaseRef(e.target.value.trim().toUpperCase())}
              />
            </>
          )}
        </ActionForm>
        <ActionForm id={ids.info} title="Ask for more information" submitLabel="Ask the referrer" variant="secondary" onSubmit={act('request-info', { message }, `More information asked for on ${r.caseRef}`)}>
          {(errors) => (
            <Textarea id={`${ids.info}-message`} label={`What do you need to know about ${r.caseRef}?`} rows={2} value={message} error={errorFor(errors, `${ids.info}-message`) ?? errorFor(errors, `${ids.info}-field`)} onChange={(e) => setMessage(e.target.value)} />
          )}
        </ActionForm>
        <ActionForm id={ids.decline} title="Decline" submitLabel="Decline the referral" variant="warning" onSubmit={act('decline', { reason }, `${r.caseRef} declined`)}>
          {(errors) => (
            <Textarea id={`${ids.decline}-reason`} label={`Reason for declining ${r.caseRef}`} rows={2} value={reason} error={errorFor(errors, `${ids.decline}-reason`) ?? errorFor(errors, `${ids.decline}-field`)} onChange={(e) => setReason(e.target.value)} />
          )}
        </ActionForm>
      </div>
    </article>
  );
}

/** The coordinator screens referrals: list onto a meeting, ask for more, decline, or match to an earlier case. */
export function ReferralQueue({ seriesId }: { seriesId: string }) {
  const { data, error, reload } = useLoad<{ referrals: QueueEntryView[] }>(`/series/${seriesId}/referrals?view=queue`);
  const meetings = useLoad<{ meetings: MeetingView[] }>('/meetings');
  const [notice, setNotice] = useState('');
  const upcoming = (meetings.data?.meetings ?? []).filter((m) => m.series.id === seriesId && (m.status === 'scheduled' || m.status === 'live'));
  const open = (data?.referrals ?? []).filter((r) => openReferralStates.includes(r.state));
  const decided = (data?.referrals ?? []).filter((r) => !openReferralStates.includes(r.state));
  return (
    <section aria-labelledby="queue-heading">
      <h1 id="queue-heading" className="govuk-heading-l" tabIndex={-1}>
        Referral queue
      </h1>
      <CasesNav seriesId={seriesId} runsQueue />
      {notice && (
        <NotificationBanner type="success" id="queue-notice">
          {notice}
        </NotificationBanner>
      )}
      <div className="govuk-inset-text">{repeatRuleText} Nobody marks a repeat by hand.</div>
      {error && <p className="govuk-error-message">Could not load the queue: {error}</p>}
      {data && open.length === 0 && <p className="govuk-body">No referrals are waiting.</p>}
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
          caption="Decided referrals"
          rows={decided}
          rowKey={(r) => r.id}
          columns={[
            { key: 'ref', header: 'Case', rowHeader: true, cell: (r) => <Link className="govuk-link" to={`/cases/${r.caseRef}`}>{r.caseRef}</Link> },
            { key: 'state', header: 'State', cell: (r) => <ReferralStateTag state={r.state} /> },
            { key: 'referred', header: 'Referred', cell: (r) => day(r.createdAt) },
            { key: 'agency', header: 'Agency', cell: (r) => r.agency.name },
            { key: 'note', header: 'Meeting or reason', cell: (r) => (r.meeting ? `${r.meeting.title}, ${day(r.meeting.scheduledAt)}` : (r.stateMessage ?? '')) },
            { key: 'repeat', header: 'Repeat', cell: (r) => (r.repeat ? 'Repeat referral' : '') },
          ]}
        />
      )}
    </section>
  );
}
