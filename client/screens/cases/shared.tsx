/** What the referral and case screens share: loading, form errors from the server, and the series' case links. */
import { useCallback, useEffect, useState } from 'react';
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError, apiGet } from '../../api';
import { localised, useFormat } from '../../i18n';
import type { FieldError } from '../../components/ErrorSummary';
import { Link } from '../../components/Link';
import { Tag, type TagColour } from '../../components/Tag';
import type { CaseStatus, ReferralState } from '../../../shared/domain';

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
    return Object.entries(err.fields).map(([field, text]) => ({ href: `${prefix}-${field === '_' ? firstField : field.split('.')[0]}`, text: localised(text) }));
  }
  return [{ href: `${prefix}-${firstField}`, text: err instanceof Error ? localised(err.message) : i18next.t('cases:somethingWentWrong') }];
}

const caseColour: Record<CaseStatus, TagColour> = { referred: 'yellow', open: 'blue', closed: 'grey', merged: 'grey' };
export function CaseStatusTag({ status }: { status: CaseStatus }) {
  const { t } = useTranslation('domain');
  return <Tag colour={caseColour[status]}>{t(`caseStatus.${status}`)}</Tag>;
}

const referralColour: Record<ReferralState, TagColour> = { pending: 'yellow', 'more-info-requested': 'orange', accepted: 'green', declined: 'grey' };
export function ReferralStateTag({ state }: { state: ReferralState }) {
  const { t } = useTranslation('domain');
  return <Tag colour={referralColour[state]}>{t(`referralState.${state}`)}</Tag>;
}

/** A referral's, case's or meeting's day in the reader's language: "28 November 2026" / "28 Tachwedd 2026". */
export const useDay = () => useFormat().longDay;

/** "referred 3 March 2026; closed 9 April 2026": a repeat referral's earlier dates. */
export function useEarlierDates() {
  const { t } = useTranslation('cases');
  const day = useDay();
  return (referredAt: string[], closedAt: string | null) =>
    [...referredAt.map((d) => t('earlierReferred', { date: day(d) })), ...(closedAt ? [t('earlierClosed', { date: day(closedAt) })] : [])].join('; ');
}

/** The series' case screens, as a short list of links under a page's heading. */
export function CasesNav({ seriesId, runsQueue }: { seriesId: string; runsQueue: boolean }) {
  const { t } = useTranslation('cases');
  return (
    <nav aria-label={t('nav.label')} className="govuk-!-margin-bottom-6">
      <ul className="govuk-list app-inline-list">
        <li>
          <Link className="govuk-link" to={`/series/${seriesId}/referrals/new`}>
            {t('nav.refer')}
          </Link>
        </li>
        <li>
          <Link className="govuk-link" to={`/series/${seriesId}/referrals`}>
            {t('nav.mine')}
          </Link>
        </li>
        {runsQueue && (
          <li>
            <Link className="govuk-link" to={`/series/${seriesId}/referrals/queue`}>
              {t('nav.queue')}
            </Link>
          </li>
        )}
        <li>
          <Link className="govuk-link" to={`/series/${seriesId}/cases`}>
            {t('nav.register')}
          </Link>
        </li>
      </ul>
    </nav>
  );
}
