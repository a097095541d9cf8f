import { useCallback, useState, type CSSProperties } from 'react';
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
export const seriesRoles = ['coordinator', 'chair', 'member', 'observer'] as const;
export type SeriesRole = (typeof seriesRoles)[number];

/** A table's header row: one column header per name. */
export function ColumnHeads({ names }: { names: string[] }) {
  return (
    <thead>
      <tr>
        {names.map((h) => (
          <th key={h} scope="col" style={cellStyle}>
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

/** Plain table styling kept here so the admin screens need no extra stylesheet. */
export const tableStyle: CSSProperties = { borderCollapse: 'collapse', width: '100%', background: '#fff', margin: '0.5rem 0 1rem' };
export const captionStyle: CSSProperties = { textAlign: 'left', fontWeight: 700, padding: '0.5rem 0' };
export const cellStyle: CSSProperties = { border: '1px solid #c8c8c8', padding: '0.35rem 0.6rem', textAlign: 'left', verticalAlign: 'top' };

const sections: { id: AdminSection; label: string }[] = [
  { id: 'agencies', label: 'Agencies' },
  { id: 'people', label: 'People' },
  { id: 'series', label: 'Series members' },
  { id: 'audit', label: 'Audit log' },
];

export function AdminPage({ section }: { section: AdminSection | null }) {
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
        <h1 id="admin-heading" tabIndex={-1}>
          Administration
        </h1>
        <p role="alert" className="error">
          You are not allowed to use the admin pages. Ask an administrator if you need access.
        </p>
        <p>
          <Link to="/">Back to meetings</Link>
        </p>
      </section>
    );
  }

  return (
    <section aria-labelledby="admin-heading">
      <h1 id="admin-heading" tabIndex={-1}>
        Administration
      </h1>
      <nav aria-label="Admin sections">
        <ul style={{ display: 'flex', flexWrap: 'wrap', gap: '0.5rem 1.25rem', listStyle: 'none', padding: 0, borderBottom: '2px solid #505a5f' }}>
          {sections.map((s) => {
            const current = s.id === section;
            return (
              <li key={s.id} style={{ padding: '0.25rem 0', borderBottom: current ? '4px solid #0b2e5c' : '4px solid transparent' }}>
                <Link to={`/admin/${s.id}`} aria-current={current ? 'page' : undefined} style={current ? { fontWeight: 700, textDecorationThickness: '3px' } : undefined}>
                  {s.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <p role="status" aria-live="polite" style={{ fontWeight: 600, minHeight: '1.5em' }}>
        {message}
      </p>
      {section === null && <p>Choose a section above to manage agencies, people, series membership or to read the audit log.</p>}
      {section === 'agencies' && <AgenciesAdmin announce={announce} />}
      {section === 'people' && <PeopleAdmin announce={announce} />}
      {section === 'series' && <SeriesAdmin announce={announce} />}
      {section === 'audit' && <AuditLog />}
    </section>
  );
}
