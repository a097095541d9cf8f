import { useEffect } from 'react';
import { usePathname } from './router';
import { MeetingsList } from './screens/meetings/MeetingsList';
import { MeetingPage } from './screens/meeting/MeetingPage';
import { Link } from './components/Link';

function Screen({ pathname }: { pathname: string }) {
  const meeting = /^\/meetings\/([A-Za-z0-9_-]+)$/.exec(pathname);
  if (meeting) return <MeetingPage meetingId={meeting[1]} />;
  if (pathname === '/' || pathname === '/meetings') return <MeetingsList />;
  return (
    <section aria-labelledby="not-found">
      <h1 id="not-found">Page not found</h1>
      <p>
        <Link to="/">Back to meetings</Link>
      </p>
    </section>
  );
}

export function App() {
  const pathname = usePathname();
  useEffect(() => {
    // Move focus to the new screen's heading so screen-reader and keyboard users know the page changed.
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, [pathname]);
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <Link to="/" className="brand">
          Triage Room
        </Link>
        <span className="marking" aria-label="Protective marking: OFFICIAL-SENSITIVE">
          OFFICIAL-SENSITIVE
        </span>
      </header>
      <main id="main">
        <Screen pathname={pathname} />
      </main>
    </>
  );
}
