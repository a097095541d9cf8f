import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseHistoryView } from '../../../shared/api-types';
import { decisionOutcomes } from '../../../shared/minutes';
import { apiPost } from '../../api';
import { localised } from '../../i18n';
import { Button } from '../../components/Button';
import { ErrorSummary, errorFor, type FieldError } from '../../components/ErrorSummary';
import { Textarea } from '../../components/Field';
import { Link } from '../../components/Link';
import { SummaryList } from '../../components/SummaryList';
import { Table } from '../../components/Table';
import { ActionStatusTag } from '../../components/Tag';
import { useSession } from '../../session';
import { CaseStatusTag, errorsFrom, ReferralStateTag, useDay, useEarlierDates, useLoad } from './shared';

function CloseCase({ caseRef, onClosed }: { caseRef: string; onClosed(): void }) {
  const { t } = useTranslation('cases');
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
    <form onSubmit={submit} noValidate aria-label={t('case.closeLabel')}>
      <h2 className="govuk-heading-m">{t('case.closeHeading')}</h2>
      <ErrorSummary errors={errors} />
      <Textarea id="close-reason" label={t('case.closeWhy')} hint={t('case.closeHint')} rows={2} value={reason} error={errorFor(errors, 'close-reason')} onChange={(e) => setReason(e.target.value)} />
      <Button type="submit" variant="warning">
        {t('case.closeSubmit')}
      </Button>
    </form>
  );
}

/** One case across meetings, newest first: referrals, meetings, decisions, actions, contributions and research. */
export function CasePage({ caseRef }: { caseRef: string }) {
  const { t } = useTranslation(['cases', 'domain']);
  const day = useDay();
  const earlier = useEarlierDates();
  const session = useSession();
  const { data, error, reload } = useLoad<CaseHistoryView>(`/cases/${encodeURIComponent(caseRef)}`);
  const runsQueue = session?.user.role === 'coordinator' || session?.user.role === 'chair';
  if (error) return <p className="govuk-error-message">{t('cases:case.couldNotLoad', { ref: caseRef, error })}</p>;
  if (!data) return <p className="govuk-body">{t('cases:case.loading', { ref: caseRef })}</p>;
  const outcome = (o: string) => ((decisionOutcomes as readonly string[]).includes(o) ? t(`domain:decisionOutcome.${o as (typeof decisionOutcomes)[number]}`) : o);
  const c = data.case;
  return (
    <section aria-labelledby="case-heading">
      <span className="govuk-caption-l">{t('cases:case.caption')}</span>
      <h1 id="case-heading" className="govuk-heading-l" tabIndex={-1}>
        {c.ref} <CaseStatusTag status={c.status} />
      </h1>
      <p className="govuk-body">
        <Link className="govuk-link" to={`/series/${c.seriesId}/cases`}>
          {t('cases:case.register')}
        </Link>
      </p>
      <SummaryList
        rows={[
          { key: t('cases:case.summary'), value: c.summary },
          { key: t('cases:case.agency'), value: c.referringAgency.name },
          { key: t('cases:case.risk'), value: c.childrenInvolved ? t('cases:riskWithChildren', { risk: t(`domain:risk.${c.riskLevel}`) }) : t(`domain:risk.${c.riskLevel}`) },
          { key: t('cases:case.consent'), value: c.lawfulBasis ? t('cases:consentWithBasis', { consent: t(`domain:consent.${c.consent}`), basis: c.lawfulBasis }) : t(`domain:consent.${c.consent}`) },
          { key: t('cases:case.vulnerabilities'), value: c.vulnerabilities.join(', ') || t('cases:noneGiven') },
          { key: t('cases:case.firstReferred'), value: day(c.openedAt) },
          ...(c.closed ? [{ key: c.status === 'closed' ? t('cases:case.closed') : t('cases:case.lastClosed'), value: t('cases:case.closedOn', { date: day(c.closed.at), reason: localised(c.closed.reason) }) }] : []),
          ...(c.mergedInto ? [{ key: t('cases:case.mergedInto'), value: <Link className="govuk-link" to={`/cases/${c.mergedInto}`}>{c.mergedInto}</Link> }] : []),
        ]}
      />

      <h2 className="govuk-heading-m">{t('cases:case.referrals')}</h2>
      <Table
        caption={t('cases:case.referralsCaption', { count: data.referrals.length })}
        captionClass="govuk-visually-hidden"
        rows={data.referrals}
        rowKey={(r) => r.id}
        columns={[
          { key: 'date', header: t('cases:case.referred'), rowHeader: true, cell: (r) => day(r.createdAt) },
          { key: 'agency', header: t('cases:case.by'), cell: (r) => t('cases:case.byWho', { name: r.referrer.name, agency: r.agency.name }) },
          { key: 'state', header: t('cases:case.state'), cell: (r) => <ReferralStateTag state={r.state} /> },
          { key: 'repeat', header: t('cases:case.repeat'), cell: (r) => (r.repeat ? t('cases:case.repeatEarlier', { dates: earlier(r.earlierReferredAt, r.earlierClosedAt) }) : t('cases:case.no')) },
          { key: 'note', header: t('cases:case.meetingOrReason'), cell: (r) => (r.meeting ? t('cases:meetingOn', { title: r.meeting.title, date: day(r.meeting.scheduledAt) }) : (r.stateMessage ?? '')) },
        ]}
      />

      <h2 className="govuk-heading-m">{t('cases:case.meetings')}</h2>
      {data.meetings.length === 0 && <p className="govuk-body">{t('cases:case.noMeetings')}</p>}
      <ul className="govuk-list">
        {data.meetings.map((m) => (
          <li key={m.id}>
            {t('cases:case.meetingLine', { date: day(m.heldAt), title: m.title, status: t(`domain:meetingStatus.${m.status}`) })}{' '}
            {m.minutesPath ? (
              <Link className="govuk-link" to={m.minutesPath}>
                {t('cases:case.minutesOf', { date: day(m.heldAt) })}
              </Link>
            ) : (
              <Link className="govuk-link" to={`/meetings/${m.id}`}>
                {t('cases:case.openMeeting')}
              </Link>
            )}
            {m.discussion && <p className="govuk-body-s">{m.discussion}</p>}
          </li>
        ))}
      </ul>

      <h2 className="govuk-heading-m">{t('cases:case.decisions')}</h2>
      {data.decisions.length === 0 && <p className="govuk-body">{t('cases:case.noDecisions')}</p>}
      <ul className="govuk-list">
        {data.decisions.map((d) => (
          <li key={d.number}>
            <strong>{d.number}</strong> {t('cases:case.decisionLine', { date: day(d.heldAt), outcome: outcome(d.outcome), text: d.text })} {d.reasons && t('cases:case.reasons', { reasons: d.reasons })}{' '}
            <Link className="govuk-link" to={d.minutesPath}>
              {t('cases:case.minutes')}
            </Link>
          </li>
        ))}
      </ul>

      <h2 className="govuk-heading-m">{t('cases:case.actions')}</h2>
      {data.actions.length === 0 && <p className="govuk-body">{t('cases:case.noActions')}</p>}
      {data.actions.length > 0 && (
        <Table
          caption={t('cases:case.actionsCaption')}
          captionClass="govuk-visually-hidden"
          rows={data.actions}
          rowKey={(a) => a.id}
          columns={[
            { key: 'what', header: t('cases:case.action'), rowHeader: true, cell: (a) => a.what },
            { key: 'owner', header: t('cases:case.owner'), cell: (a) => (a.owner ? t('cases:case.ownerWithAgency', { owner: a.owner, agency: a.agency ?? '' }) : t('cases:case.toBeConfirmed')) },
            { key: 'agreed', header: t('cases:case.agreed'), cell: (a) => day(a.heldAt) },
            {
              key: 'status',
              header: t('cases:case.howItEnded'),
              cell: (a) => (
                <>
                  <ActionStatusTag status={a.status} label={t(`domain:actionStatus.${a.status}`)} />
                  {a.endNote && ` ${a.endNote}`}
                </>
              ),
            },
          ]}
        />
      )}

      <h2 className="govuk-heading-m">{t('cases:case.contributions')}</h2>
      {data.contributions.length === 0 && data.research.length === 0 && <p className="govuk-body">{t('cases:case.noContributions')}</p>}
      <ul className="govuk-list">
        {data.contributions.map((x, i) => (
          <li key={`c-${i}`}>
            <strong>{x.agency}</strong> {t('cases:case.contributionLine', { date: day(x.heldAt), authors: x.authors.join(', '), text: x.text })}
          </li>
        ))}
        {data.research.map((r) => (
          <li key={`r-${r.meetingId}-${r.agency.id}`}>
            <strong>{r.agency.name}</strong>{' '}
            {t('cases:case.researchLine', {
              date: day(r.meetingAt),
              authors: r.authors.join(', '),
              knowsLabel: t('domain:contributionPart.knows'),
              knows: r.knows || '—',
              risksLabel: t('domain:contributionPart.risks'),
              risks: r.risks || '—',
              viewLabel: t('domain:contributionPart.view'),
              view: r.view || '—',
            })}
          </li>
        ))}
      </ul>
      {runsQueue && (c.status === 'open' || c.status === 'referred') && <CloseCase caseRef={c.ref} onClosed={reload} />}
    </section>
  );
}
