import type { CaseRefView, CaseView } from '../../../shared/api-types';
import { riskLabels } from '../../../shared/domain';
import { Link } from '../../components/Link';
import { Table } from '../../components/Table';
import { useSession } from '../../session';
import { CasesNav, CaseStatusTag, day, useLoad } from './shared';

const isFull = (c: CaseView | CaseRefView): c is CaseView => 'summary' in c;

/** A series' cases by reference. There are no names to search by; coordinators and chairs see the details. */
export function CaseRegister({ seriesId }: { seriesId: string }) {
  const session = useSession();
  const { data, error } = useLoad<{ cases: (CaseView | CaseRefView)[]; full: boolean }>(`/series/${seriesId}/cases`);
  const cases = data?.cases ?? [];
  const full = cases.filter(isFull);
  return (
    <section aria-labelledby="register-heading">
      <h1 id="register-heading" className="govuk-heading-l" tabIndex={-1}>
        Case register
      </h1>
      <CasesNav seriesId={seriesId} runsQueue={data?.full ?? false} />
      <p className="govuk-body">Cases are known by their reference only. The register holds no names, so it cannot be searched by one.</p>
      {error && <p className="govuk-error-message">Could not load the register: {error}</p>}
      {data && !data.full && (
        <Table
          caption={`${cases.length} cases`}
          rows={cases}
          rowKey={(c) => c.ref}
          columns={[
            { key: 'ref', header: 'Reference', rowHeader: true, cell: (c) => (session?.user.role === 'observer' ? c.ref : <Link className="govuk-link" to={`/cases/${c.ref}`}>{c.ref}</Link>) },
            { key: 'status', header: 'Status', cell: (c) => <CaseStatusTag status={c.status} /> },
          ]}
        />
      )}
      {data?.full && (
        <Table
          caption={`${cases.length} cases`}
          rows={full}
          rowKey={(c) => c.ref}
          columns={[
            { key: 'ref', header: 'Reference', rowHeader: true, cell: (c) => <Link className="govuk-link" to={`/cases/${c.ref}`}>{c.ref}</Link> },
            { key: 'status', header: 'Status', cell: (c) => <CaseStatusTag status={c.status} /> },
            { key: 'opened', header: 'Referred', cell: (c) => day(c.openedAt) },
            { key: 'agency', header: 'Referring agency', cell: (c) => c.referringAgency.name },
            { key: 'risk', header: 'Risk', cell: (c) => `${riskLabels[c.riskLevel]}${c.childrenInvolved ? ', children' : ''}` },
            { key: 'summary', header: 'Summary', cell: (c) => c.summary },
            { key: 'closed', header: 'Closed', cell: (c) => (c.mergedInto ? `Merged into ${c.mergedInto}` : c.closed ? `${day(c.closed.at)}: ${c.closed.reason}` : '') },
          ]}
        />
      )}
    </section>
  );
}
