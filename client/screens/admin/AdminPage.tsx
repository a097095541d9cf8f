import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../components/Link';
import type { UserView } from '../../../shared/api-types';
import { useSession } from '../../session';
import { AgenciesAdmin } from './AgenciesAdmin';
import { PeopleAdmin } from './PeopleAdmin';
import { SeriesAdmin } from './SeriesAdmin';
import { AuditLog } from './AuditLog';

export type AdminSection = 'agencies' | 'people' | 'series' | 'audit';

export interface Agency {
  id: string;
  name: string;
  shortName: string;
}
export { globalRoles } from '../../../shared/api-schemas';
export type GlobalRole = UserView['role'];
export interface Person {
  id: string;
  name: string;
  email: string;
  jobTitle: string;
  role: GlobalRole;
  agencyId: string;
  /** Disabled accounts cannot sign in; disabling one ends all its sessions and live connections. */
  disabled: boolean;
}
export { seriesRoles, type SeriesRole } from '../../../shared/domain';

/** A table's header row: one column header per name. */
export function ColumnHeads({ names }: { names: string[] }) {
  return (
    <thead className="govuk-table__head">
      <tr className="govuk-table__row">
        {names.map((h) => (
          <th key={h} scope="col" className="govuk-table__header">
            {h}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** Passed to each section so it can announce a success politely in the page's live region. */
export interface SectionProps {
  announce(message: string): void;
}

export const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * Runs one admin write: busy while it runs, the previous error cleared, a failure shown in the form's own error
 * line. Resolves true when the write succeeded.
 */
export async function runWrite(setBusy: (b: boolean) => void, setError: (e: string | null) => void, write: () => Promise<unknown>): Promise<boolean> {
  setBusy(true);
  setError(null);
  try {
    await write();
    return true;
  } catch (err) {
    setError(errorText(err));
    return false;
  } finally {
    setBusy(false);
  }
}

const sections: AdminSection[] = ['agencies', 'people', 'series', 'audit'];

export function AdminPage({ section }: { section: AdminSection | null }) {
  const { t } = useTranslation(['admin']);
  const session = useSession();
  const [message, setMessage] = useState('');
  const announce = useCallback((text: string) => {
    // Clear first so the same message twice in a row is still announced.
    setMessage('');
    window.setTimeout(() => setMessage(text), 50);
  }, []);

  if (session?.user.role !== 'admin') {
    return (
      <section aria-labelledby="admin-heading">
        <h1 id="admin-heading" className="govuk-heading-l" tabIndex={-1}>
          {t('admin:heading')}
        </h1>
        <p role="alert" className="govuk-error-message">
          {t('admin:notAllowed')}
        </p>
        <p>
          <Link to="/">{t('admin:backToMeetings')}</Link>
        </p>
      </section>
    );
  }

  return (
    <section aria-labelledby="admin-heading">
      <h1 id="admin-heading" className="govuk-heading-l" tabIndex={-1}>
        {t('admin:heading')}
      </h1>
      <nav aria-label={t('admin:sectionsLabel')}>
        <ul className="app-subnav">
          {sections.map((s) => {
            const current = s === section;
            return (
              <li key={s} className={`app-subnav__item${current ? ' app-subnav__item--current' : ''}`}>
                <Link className="govuk-link govuk-link--no-visited-state" to={`/admin/${s}`} aria-current={current ? 'page' : undefined}>
                  {t(`admin:sections.${s}`)}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <p role="status" aria-live="polite" className="govuk-body govuk-!-font-weight-bold app-status-line">
        {message}
      </p>
      {section === null && <p>{t('admin:chooseSection')}</p>}
      {section === 'agencies' && <AgenciesAdmin announce={announce} />}
      {section === 'people' && <PeopleAdmin announce={announce} />}
      {section === 'series' && <SeriesAdmin announce={announce} />}
      {section === 'audit' && <AuditLog />}
    </section>
  );
}
