/** What the referral and case screens share: loading, form errors from the server, and the series' case links. */
import { useCallback, useEffect, useState } from 'react';
import { ApiError, apiGet } from '../../api';
import type { FieldError } from '../../components/ErrorSummary';
import { Link } from '../../components/Link';
import { Tag, type TagColour } from '../../components/Tag';
import { caseStatusLabels, referralStateLabels, type CaseStatus, type ReferralState } from '../../../shared/domain';

/** GET `path` (again when `reload` is called); null while loading. */
export function useLoad<T>(path: string | null) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!path) return;
    let live = true;
    apiGet<T>(path).then(
      (body) => live && (setData(body), setError(null)),
      (err: Error) => live && setError(err.message),
    );
    return () => {
      live = false;
    };
  }, [path, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, reload };
}

/**
 * Turns a failed submit into error-summary entries: a 422's per-field messages point at the field with the id
 * `${prefix}-${field}`; anything else is one entry on the form's first field.
 */
export function errorsFrom(err: unknown, prefix: string, firstField: string): FieldError[] {
  if (err instanceof ApiError && Object.keys(err.fields).length > 0) {
    return Object.entries(err.fields).map(([field, text]) => ({ href: `${prefix}-${field === '_' ? firstField : field.split('.')[0]}`, text }));
  }
  return [{ href: `${prefix}-${firstField}`, text: err instanceof Error ? err.message : 'Something went wrong' }];
}

const caseColour: Record<CaseStatus, TagColour> = { referred: 'yellow', open: 'blue', closed: 'grey', merged: 'grey' };
export const CaseStatusTag = ({ status }: { status: CaseStatus }) => <Tag colour={caseColour[status]}>{caseStatusLabels[status]}</Tag>;

const referralColour: Record<ReferralState, TagColour> = { pending: 'yellow', 'more-info-requested': 'orange', accepted: 'green', declined: 'grey' };
export const ReferralStateTag = ({ state }: { state: ReferralState }) => <Tag colour={referralColour[state]}>{referralStateLabels[state]}</Tag>;

export const day = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });

/** The series' case screens, as a short list of links under a page's heading. */
export function CasesNav({ seriesId, runsQueue }: { seriesId: string; runsQueue: boolean }) {
  return (
    <nav aria-label="Referrals and cases" className="govuk-!-margin-bottom-6">
      <ul className="govuk-list app-inline-list">
        <li>
          <Link className="govuk-link" to={`/series/${seriesId}/referrals/new`}>
            Refer a case
          </Link>
        </li>
        <li>
          <Link className="govuk-link" to={`/series/${seriesId}/referrals`}>
            My referrals
          </Link>
        </li>
        {runsQueue && (
          <li>
            <Link className="govuk-link" to={`/series/${seriesId}/referrals/queue`}>
              Referral queue
            </Link>
          </li>
        )}
        <li>
          <Link className="govuk-link" to={`/series/${seriesId}/cases`}>
            Case register
          </Link>
        </li>
      </ul>
    </nav>
  );
}
