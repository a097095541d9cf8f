import { protectiveMarking } from '../../shared/minutes';
import type { UserView } from '../../shared/api-types';
import { Link } from './Link';

/**
 * The generic GOV.UK header (the crown and GOV.UK logo are only for GOV.UK services) with the service name and the
 * protective marking, then service navigation with who is signed in and Sign out.
 */
export function Header({ user, pathname, onSignOut }: { user: UserView | null | undefined; pathname: string; onSignOut(): void }) {
  const nav = user ? [{ to: '/', text: 'Meetings', current: pathname === '/' || pathname === '/meetings' }, ...(user.role === 'admin' ? [{ to: '/admin', text: 'Admin', current: pathname.startsWith('/admin') }] : []), { to: '/account', text: 'Your account', current: pathname === '/account' }] : [];
  return (
    // As GOV.UK's page template: one <header> landmark holding the header and the service navigation.
    <header className="govuk-template__header">
      <div className="govuk-generic-header app-header">
        <div className="govuk-generic-header__container govuk-width-container">
          <div className="govuk-generic-header__logo">
            <Link to="/" className="govuk-generic-header__homepage-link">
              Triage Room
            </Link>
          </div>
          <span className="app-marking" aria-label={`Protective marking: ${protectiveMarking}`}>
            {protectiveMarking}
          </span>
        </div>
      </div>
      {user && (
        <section aria-label="Service information" className="govuk-service-navigation">
          <div className="govuk-width-container govuk-service-navigation__inlining-container">
            <div className="govuk-service-navigation__container">
              <nav aria-label="Menu" className="govuk-service-navigation__wrapper">
                <ul className="govuk-service-navigation__list">
                  {nav.map((n) => (
                    <li className={`govuk-service-navigation__item${n.current ? ' govuk-service-navigation__item--active' : ''}`} key={n.to}>
                      <Link className="govuk-service-navigation__link" to={n.to} aria-current={n.current ? 'page' : undefined}>
                        {n.current ? <strong className="govuk-service-navigation__active-fallback">{n.text}</strong> : n.text}
                      </Link>
                    </li>
                  ))}
                </ul>
              </nav>
            </div>
            <div className="app-service-navigation__who">
              <span>
                {user.name} · {user.agency.name}
              </span>
              <button type="button" className="govuk-button govuk-button--secondary app-button--small" onClick={onSignOut}>
                Sign out
              </button>
            </div>
          </div>
        </section>
      )}
    </header>
  );
}
