import { useCallback, useEffect, useState } from 'react';
import type { UserView } from '../shared/api-types';
import { usePathname } from './router';
import { apiDelete, apiGet, ApiError } from './api';
import { SessionContext, clearDeviceData } from './session';
import { MeetingsList } from './screens/meetings/MeetingsList';
import { MeetingPage } from './screens/meeting/MeetingPage';
import { SignIn } from './screens/sign-in/SignIn';
import { AcceptInvite } from './screens/invite/AcceptInvite';
import { MinutesPage } from './screens/minutes/MinutesPage';
import { ActionTracker } from './screens/actions/ActionTracker';
import { Link } from './components/Link';
import { DemoBanner } from './components/DemoBanner';
import { AdminPage, type AdminSection } from './screens/admin/AdminPage';

function Screen({ pathname }: { pathname: string }) {
  const meeting = /^\/meetings\/([A-Za-z0-9_-]+)$/.exec(pathname);
  if (meeting) return <MeetingPage meetingId={meeting[1]} />;
  const minutes = /^\/meetings\/([A-Za-z0-9_-]+)\/minutes$/.exec(pathname);
  if (minutes) return <MinutesPage meetingId={minutes[1]} />;
  const tracker = /^\/series\/([A-Za-z0-9_-]+)\/actions$/.exec(pathname);
  if (tracker) return <ActionTracker seriesId={tracker[1]} />;
  const invite = /^\/invite\/([A-Za-z0-9_-]+)$/.exec(pathname);
  if (invite) return <AcceptInvite token={invite[1]} />;
  const admin = /^\/admin(?:\/(agencies|people|series|audit))?\/?$/.exec(pathname);
  if (admin) return <AdminPage section={(admin[1] as AdminSection | undefined) ?? null} />;
  if (pathname === '/' || pathname === '/meetings') return <MeetingsList />;
  return (
    <section aria-labelledby="not-found">
      <h1 id="not-found" tabIndex={-1}>
        Page not found
      </h1>
      <p>
        <Link to="/">Back to meetings</Link>
      </p>
    </section>
  );
}

export function App() {
  const pathname = usePathname();
  const [user, setUser] = useState<UserView | null | undefined>(undefined);

  useEffect(() => {
    apiGet<{ user: UserView }>('/session').then(
      ({ user: u }) => setUser(u),
      (err) => setUser(err instanceof ApiError && err.status === 401 ? null : null),
    );
  }, []);
  useEffect(() => {
    // Move focus to the new screen's heading so screen-reader and keyboard users know the page changed.
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, [pathname, user]);
  const signOut = useCallback(async () => {
    await apiDelete('/session');
    setUser(null);
    // Not awaited before setUser(null): the meeting page must unmount and close its store before it can be deleted.
    await clearDeviceData().catch(() => undefined);
  }, []);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <DemoBanner />
      <header className="app-header">
        <Link to="/" className="brand">
          Triage Room
        </Link>
        <span className="marking" aria-label="Protective marking: OFFICIAL-SENSITIVE">
          OFFICIAL-SENSITIVE
        </span>
        {user && (
          <span className="who">
            {user.role === 'admin' && (
              <Link to="/admin" style={{ color: '#fff', fontWeight: 600 }}>
                Admin
              </Link>
            )}{' '}
            {user.name} · {user.agency.name}{' '}
            <button type="button" onClick={() => void signOut()}>
              Sign out
            </button>
          </span>
        )}
      </header>
      <main id="main">
        {user === undefined ? (
          <p>Loading…</p>
        ) : user === null ? (
          <SignIn onSignedIn={setUser} />
        ) : (
          <SessionContext.Provider value={{ user, signOut }}>
            <Screen pathname={pathname} />
          </SessionContext.Provider>
        )}
      </main>
    </>
  );
}
