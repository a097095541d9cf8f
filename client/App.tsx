import { lazy, Suspense, useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../shared/i18n/languages';
import type { UserView } from '../shared/api-types';
import { usePathname } from './router';
import { apiDelete, apiGet, apiPatch } from './api';
import { currentLanguage, switchLanguage } from './i18n';
import { SessionContext, clearDeviceData } from './session';
import { SignIn } from './screens/sign-in/SignIn';
import { Link } from './components/Link';
import { Header } from './components/Header';
import { DemoBanner } from './components/DemoBanner';
import type { AdminSection } from './screens/admin/AdminPage';

// One chunk per screen, so the first screen (sign-in or the meetings list) does not load the live room's editor,
// Yjs and drag-and-drop code.
const MeetingsList = lazy(() => import('./screens/meetings/MeetingsList').then((m) => ({ default: m.MeetingsList })));
const MeetingPage = lazy(() => import('./screens/meeting/MeetingPage').then((m) => ({ default: m.MeetingPage })));
const AcceptInvite = lazy(() => import('./screens/invite/AcceptInvite').then((m) => ({ default: m.AcceptInvite })));
const MinutesPage = lazy(() => import('./screens/minutes/MinutesPage').then((m) => ({ default: m.MinutesPage })));
const ActionTracker = lazy(() => import('./screens/actions/ActionTracker').then((m) => ({ default: m.ActionTracker })));
const cases = () => import('./screens/cases/index');
const ReferralForm = lazy(() => cases().then((m) => ({ default: m.ReferralForm })));
const MyReferrals = lazy(() => cases().then((m) => ({ default: m.MyReferrals })));
const ReferralQueue = lazy(() => cases().then((m) => ({ default: m.ReferralQueue })));
const CaseRegister = lazy(() => cases().then((m) => ({ default: m.CaseRegister })));
const CasePage = lazy(() => cases().then((m) => ({ default: m.CasePage })));
const ResearchPage = lazy(() => cases().then((m) => ({ default: m.ResearchPage })));
const ExtractPage = lazy(() => import('./screens/extract/ExtractPage').then((m) => ({ default: m.ExtractPage })));
const AccountPage = lazy(() => import('./screens/account/AccountPage').then((m) => ({ default: m.AccountPage })));
const SeriesPage = lazy(() => import('./screens/series/SeriesPage').then((m) => ({ default: m.SeriesPage })));
const SeriesForm = lazy(() => import('./screens/series/SeriesForm').then((m) => ({ default: m.SeriesForm })));
const OutcomesPage = lazy(() => import('./screens/outcomes/OutcomesPage').then((m) => ({ default: m.OutcomesPage })));
const AdminPage = lazy(() => import('./screens/admin/AdminPage').then((m) => ({ default: m.AdminPage })));

/** Moves focus to the new screen's heading once it has rendered, so screen-reader and keyboard users know the page changed. */
function FocusHeading({ children }: { children: ReactNode }) {
  useEffect(() => {
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, []);
  return <>{children}</>;
}

function Screen({ pathname }: { pathname: string }) {
  const { t } = useTranslation();
  const meeting = /^\/meetings\/([A-Za-z0-9_-]+)$/.exec(pathname);
  if (meeting) return <MeetingPage meetingId={meeting[1]} />;
  const minutes = /^\/meetings\/([A-Za-z0-9_-]+)\/minutes$/.exec(pathname);
  if (minutes) return <MinutesPage meetingId={minutes[1]} />;
  if (pathname === '/series/new') return <SeriesForm seriesId={null} />;
  const seriesEdit = /^\/series\/([A-Za-z0-9_-]+)\/edit$/.exec(pathname);
  if (seriesEdit) return <SeriesForm key={seriesEdit[1]} seriesId={seriesEdit[1]} />;
  const seriesPage = /^\/series\/([A-Za-z0-9_-]+)$/.exec(pathname);
  if (seriesPage) return <SeriesPage key={seriesPage[1]} seriesId={seriesPage[1]} />;
  const outcomes = /^\/series\/([A-Za-z0-9_-]+)\/outcomes$/.exec(pathname);
  if (outcomes) return <OutcomesPage key={outcomes[1]} seriesId={outcomes[1]} />;
  const tracker = /^\/series\/([A-Za-z0-9_-]+)\/actions$/.exec(pathname);
  if (tracker) return <ActionTracker seriesId={tracker[1]} />;
  const referralsRoute = /^\/series\/([A-Za-z0-9_-]+)\/referrals(?:\/(new|queue))?$/.exec(pathname);
  if (referralsRoute) {
    const [, seriesId, view] = referralsRoute;
    return view === 'new' ? <ReferralForm seriesId={seriesId} /> : view === 'queue' ? <ReferralQueue seriesId={seriesId} /> : <MyReferrals seriesId={seriesId} />;
  }
  const register = /^\/series\/([A-Za-z0-9_-]+)\/cases$/.exec(pathname);
  if (register) return <CaseRegister seriesId={register[1]} />;
  const caseRoute = /^\/cases\/([A-Z]{2,6}-\d{4}-\d{3,4})$/.exec(pathname);
  if (caseRoute) return <CasePage caseRef={caseRoute[1]} />;
  const research = /^\/meetings\/([A-Za-z0-9_-]+)\/research$/.exec(pathname);
  if (research) return <ResearchPage meetingId={research[1]} />;
  const invite = /^\/invite\/([A-Za-z0-9_-]+)$/.exec(pathname);
  if (invite) return <AcceptInvite token={invite[1]} />;
  const admin = /^\/admin(?:\/(agencies|people|series|audit))?\/?$/.exec(pathname);
  if (admin) return <AdminPage section={(admin[1] as AdminSection | undefined) ?? null} />;
  if (pathname === '/extract') return <ExtractPage />;
  if (pathname === '/account') return <AccountPage />;
  if (pathname === '/' || pathname === '/meetings') return <MeetingsList />;
  return (
    <section aria-labelledby="not-found">
      <h1 id="not-found" className="govuk-heading-l" tabIndex={-1}>
        {t('notFound.heading')}
      </h1>
      <p>
        <Link to="/" className="govuk-link">
          {t('notFound.back')}
        </Link>
      </p>
    </section>
  );
}

export function App() {
  const { t } = useTranslation();
  const pathname = usePathname();
  const [user, setUser] = useState<UserView | null | undefined>(undefined);
  const signedIn = useCallback((u: UserView | null) => {
    // A signed-in person's own choice wins over this device's.
    if (u?.language && u.language !== currentLanguage()) void switchLanguage(u.language);
    setUser(u);
  }, []);

  useEffect(() => {
    // The session check answers 200 with { user: null } when nobody is signed in.
    apiGet<{ user: UserView | null }>('/session').then(
      ({ user: u }) => signedIn(u),
      () => setUser(null),
    );
  }, [signedIn]);
  const changeLanguage = useCallback(
    async (language: Language) => {
      await switchLanguage(language);
      // Remembered on the account too, so emails follow and another device starts in it.
      if (user) {
        await apiPatch('/me/preferences', { language }).catch(() => undefined);
        setUser({ ...user, language });
      }
    },
    [user],
  );
  const signOut = useCallback(async () => {
    await apiDelete('/session');
    setUser(null);
    // Not awaited before setUser(null): the meeting page must unmount and close its store before it can be deleted.
    await clearDeviceData().catch(() => undefined);
  }, []);
  // The live room uses the full width of the screen for its three columns; other pages keep a readable measure.
  const wide = user && /^\/meetings\/[A-Za-z0-9_-]+$/.test(pathname);

  return (
    <>
      <a className="govuk-skip-link" href="#main">
        {t('skipLink')}
      </a>
      <DemoBanner />
      <Header user={user} pathname={pathname} onSignOut={() => void signOut()} onLanguage={(l) => void changeLanguage(l)} />
      <div className={`govuk-width-container${wide ? ' app-width-container--wide' : ''}`}>
        <main id="main" className={`govuk-main-wrapper${wide ? ' app-main-wrapper--room' : ''}`}>
          {user === undefined ? (
            <p className="govuk-body">{t('loading')}</p>
          ) : user === null ? (
            <FocusHeading key="sign-in">
              <SignIn onSignedIn={signedIn} />
            </FocusHeading>
          ) : (
            <SessionContext.Provider value={{ user, signOut }}>
              <Suspense fallback={<p className="govuk-body">{t('loading')}</p>}>
                <FocusHeading key={pathname}>
                  <Screen pathname={pathname} />
                </FocusHeading>
              </Suspense>
            </SessionContext.Provider>
          )}
        </main>
      </div>
    </>
  );
}
