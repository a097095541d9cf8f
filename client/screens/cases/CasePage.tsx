import { useState, type FormEvent } from 'react';
import type { CaseHistoryView } from '../../../shared/api-types';
import { actionStatusLabels, decisionOutcomeLabels, type DecisionOutcome } from '../../../shared/minutes';
import { consentLabels, riskLabels } from '../../../shared/domain';
import { contributionPartLabels } from '../../../shared/item-work';
import { apiPost } from '../../api';
import { Button } from '../../components/Button';
import { ErrorSummary, errorFor, type FieldError } from '../../components/ErrorSummary';
import { Textarea } from '../../components/Field';
import { Link } from '../../components/Link';
import { SummaryList } from '../../components/SummaryList';
import { Table } from '../../components/Table';
import { ActionStatusTag } from '../../components/Tag';
import { useSession } from '../../session';
import { CaseStatusTag, day, errorsFrom, ReferralStateTag, useLoad } from './shared';

function CloseCase({ caseRef, onClosed }: { caseRef: string; onClosed(): void }) {
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await apiPost(`/cases/${caseRef}/close`, { reason });
      onClosed();
    } catch (err) {
      setErrors(errorsFrom(err, 'close', 'reason'));
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Close the case">
      <h2 className="govuk-heading-m">Close the case</h2>
      <ErrorSummary errors={errors} />
      <Textarea id="close-reason" label="Why is the case closed?" hint="Reopening is a new referral." rows={2} value={reason} error={errorFor(errors, 'close-reason')} onChange={(e) => setReason(e.target.value)} />
      <Button type="submit" variant="warning">
        Close the case
      </Button>
    </form>
  );
}

/** One case across meetings, newest first: referrals, meetings, decisions, actions, contributions and research. */
export function CasePage({ caseRef }: { caseRef: string }) {
  const session = useSession();
  const { data, error, reload } = useLoad<CaseHistoryView>(`/cases/${encodeURIComponent(caseRef)}`);
  const runsQueue = session?.user.role === 'coordinator' || session?.user.role === 'chair';
  if (error) return <p className="govuk-error-message">Could not load {caseRef}: {error}</p>;
  if (!data) return <p className="govuk-body">Loading {caseRef}…</p>;
  const c = data.case;
  return (
    <section aria-labelledby="case-heading">
      <span className="govuk-caption-l">Case</span>
      <h1 id="case-heading" className="govuk-heading-l" tabIndex={-1}>
        {c.ref} <CaseStatusTag status={c.status} />
      </h1>
      <p className="govuk-body">
        <Link className="govuk-link" to={`/series/${c.seriesId}/cases`}>
          Case register
        </Link>
      </p>
      <SummaryList
        rows={[
          { key: 'Summary', value: c.summary },
          { key: 'Referring agency', value: c.referringAgency.name },
          { key: 'Risk', value: `${riskLabels[c.riskLevel]}${c.childrenInvolved ? ', children involved' : ''}` },
          { key: 'Consent', value: `${consentLabels[c.consent]}${c.lawfulBasis ? ` (${c.lawfulBasis})` : ''}` },
          { key: 'Vulnerabilities', value: c.vulnerabilities.join(', ') || 'None given' },
          { key: 'First referred', value: day(c.openedAt) },
          ...(c.closed ? [{ key: c.status === 'closed' ? 'Closed' : 'Last closed', value: `${day(c.closed.at)}: ${c.closed.reason}` }] : []),
          ...(c.mergedInto ? [{ key: 'Merged into', value: <Link className="govuk-link" to={`/cases/${c.mergedInto}`}>{c.mergedInto}</Link> }] : []),
        ]}
      />

      <h2 className="govuk-heading-m">Referrals</h2>
      <Table
        caption={`${data.referrals.length} referrals, newest first`}
        captionClass="govuk-visually-hidden"
        rows={data.referrals}
        rowKey={(r) => r.id}
        columns={[
          { key: 'date', header: 'Referred', rowHeader: true, cell: (r) => day(r.createdAt) },
          { key: 'agency', header: 'By', cell: (r) => `${r.referrer.name}, ${r.agency.name}` },
          { key: 'state', header: 'State', cell: (r) => <ReferralStateTag state={r.state} /> },
          { key: 'repeat', header: 'Repeat', cell: (r) => (r.repeat ? `Repeat referral (earlier: ${[...r.earlierReferredAt.map((d) => `referred ${day(d)}`), ...(r.earlierClosedAt ? [`closed ${day(r.earlierClosedAt)}`] : [])].join('; ')})` : 'No') },
          { key: 'note', header: 'Meeting or reason', cell: (r) => (r.meeting ? `${r.meeting.title}, ${day(r.meeting.scheduledAt)}` : (r.stateMessage ?? '')) },
        ]}
      />

      <h2 className="govuk-heading-m">Meetings</h2>
      {data.meetings.length === 0 && <p className="govuk-body">Not on any meeting yet.</p>}
      <ul className="govuk-list">
        {data.meetings.map((m) => (
          <li key={m.id}>
            {day(m.heldAt)}: {m.title} ({m.status}){' '}
            {m.minutesPath ? (
              <Link className="govuk-link" to={m.minutesPath}>
                minutes of {day(m.heldAt)}
              </Link>
            ) : (
              <Link className="govuk-link" to={`/meetings/${m.id}`}>
                open the meeting
              </Link>
            )}
            {m.discussion && <p className="govuk-body-s">{m.discussion}</p>}
          </li>
        ))}
      </ul>

      <h2 className="govuk-heading-m">Decisions</h2>
      {data.decisions.length === 0 && <p className="govuk-body">No decisions yet.</p>}
      <ul className="govuk-list">
        {data.decisions.map((d) => (
          <li key={d.number}>
            <strong>{d.number}</strong> ({day(d.heldAt)}): {decisionOutcomeLabels[d.outcome as DecisionOutcome] ?? d.outcome}. {d.text} {d.reasons && `Reasons: ${d.reasons}`}{' '}
            <Link className="govuk-link" to={d.minutesPath}>
              minutes
            </Link>
          </li>
        ))}
      </ul>

      <h2 className="govuk-heading-m">Actions</h2>
      {data.actions.length === 0 && <p className="govuk-body">No actions yet.</p>}
      {data.actions.length > 0 && (
        <Table
          caption="Actions, newest meeting first"
          captionClass="govuk-visually-hidden"
          rows={data.actions}
          rowKey={(a) => a.id}
          columns={[
            { key: 'what', header: 'Action', rowHeader: true, cell: (a) => a.what },
            { key: 'owner', header: 'Owner', cell: (a) => (a.owner ? `${a.owner}, ${a.agency ?? ''}` : 'To be confirmed') },
            { key: 'agreed', header: 'Agreed', cell: (a) => day(a.heldAt) },
            { key: 'status', header: 'How it ended', cell: (a) => <><ActionStatusTag status={a.status} label={actionStatusLabels[a.status]} />{a.endNote && ` ${a.endNote}`}</> },
          ]}
        />
      )}

      <h2 className="govuk-heading-m">Agencies' contributions</h2>
      {data.contributions.length === 0 && data.research.length === 0 && <p className="govuk-body">No contributions yet.</p>}
      <ul className="govuk-list">
        {data.contributions.map((x, i) => (
          <li key={`c-${i}`}>
            <strong>{x.agency}</strong> ({day(x.heldAt)}, {x.authors.join(', ')}): {x.text}
          </li>
        ))}
        {data.research.map((r) => (
          <li key={`r-${r.meetingId}-${r.agency.id}`}>
            <strong>{r.agency.name}</strong> research for {day(r.meetingAt)} ({r.authors.join(', ')}): {contributionPartLabels.knows}: {r.knows || '—'}; {contributionPartLabels.risks}: {r.risks || '—'}; {contributionPartLabels.view}: {r.view || '—'}
          </li>
        ))}
      </ul>
      {runsQueue && (c.status === 'open' || c.status === 'referred') && <CloseCase caseRef={c.ref} onClosed={reload} />}
    </section>
  );
}
