import { useTranslation } from 'react-i18next';
import type { CaseRefView, CaseView } from '../../../shared/api-types';
import { Link } from '../../components/Link';
import { Table } from '../../components/Table';
import { useSession } from '../../session';
import { localised } from '../../i18n';
import { CasesNav, CaseStatusTag, useDay, useLoad } from './shared';

const isFull = (c: CaseView | CaseRefView): c is CaseView => 'summary' in c;

/** A series' cases by reference. There are no names to search by; coordinators and chairs see the details. */
export function CaseRegister({ seriesId }: { seriesId: string }) {
  const { t } = useTranslation(['cases', 'domain']);
  const day = useDay();
  const session = useSession();
  const { data, error } = useLoad<{ cases: (CaseView | CaseRefView)[]; full: boolean }>(`/series/${seriesId}/cases`);
  const cases = data?.cases ?? [];
  const full = cases.filter(isFull);
  return (
    <section aria-labelledby="register-heading">
      <h1 id="register-heading" className="govuk-heading-l" tabIndex={-1}>
        {t('cases:register.heading')}
      </h1>
      <CasesNav seriesId={seriesId} runsQueue={data?.full ?? false} />
      <p className="govuk-body">{t('cases:register.intro')}</p>
      {error && <p className="govuk-error-message">{t('cases:register.couldNotLoad', { error })}</p>}
      {data && !data.full && (
        <Table
          caption={t('cases:register.count', { count: cases.length })}
          rows={cases}
          rowKey={(c) => c.ref}
          columns={[
            { key: 'ref', header: t('cases:register.reference'), rowHeader: true, cell: (c) => (session?.user.role === 'observer' ? c.ref : <Link className="govuk-link" to={`/cases/${c.ref}`}>{c.ref}</Link>) },
            { key: 'status', header: t('cases:register.status'), cell: (c) => <CaseStatusTag status={c.status} /> },
          ]}
        />
      )}
      {data?.full && (
        <Table
          caption={t('cases:register.count', { count: cases.length })}
          rows={full}
          rowKey={(c) => c.ref}
          columns={[
            { key: 'ref', header: t('cases:register.reference'), rowHeader: true, cell: (c) => <Link className="govuk-link" to={`/cases/${c.ref}`}>{c.ref}</Link> },
            { key: 'status', header: t('cases:register.status'), cell: (c) => <CaseStatusTag status={c.status} /> },
            { key: 'opened', header: t('cases:register.referred'), cell: (c) => day(c.openedAt) },
            { key: 'agency', header: t('cases:register.agency'), cell: (c) => c.referringAgency.name },
            { key: 'risk', header: t('cases:register.risk'), cell: (c) => (c.childrenInvolved ? t('cases:riskWithChildrenShort', { risk: t(`domain:risk.${c.riskLevel}`) }) : t(`domain:risk.${c.riskLevel}`)) },
            { key: 'summary', header: t('cases:register.summary'), cell: (c) => c.summary },
            {
              key: 'closed',
              header: t('cases:register.closed'),
              cell: (c) => (c.mergedInto ? t('cases:register.mergedInto', { ref: c.mergedInto }) : c.closed ? t('cases:register.closedOn', { date: day(c.closed.at), reason: localised(c.closed.reason) }) : ''),
            },
          ]}
        />
      )}
    </section>
  );
}
