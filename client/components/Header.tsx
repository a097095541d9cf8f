import { useTranslation } from 'react-i18next';
import type { UserView } from '../../shared/api-types';
import type { Language } from '../../shared/i18n/languages';
import { Link } from './Link';

/**
 * The generic GOV.UK header (the crown and GOV.UK logo are only for GOV.UK services) with the service name, the
 * protective marking and the language switch, then service navigation with who is signed in and Sign out.
 */
export function Header({ user, pathname, onSignOut, onLanguage }: { user: UserView | null | undefined; pathname: string; onSignOut(): void; onLanguage(language: Language): void }) {
  const { t, i18n } = useTranslation();
  const other: Language = i18n.language === 'cy' ? 'en' : 'cy';
  const nav = user
    ? [
        { to: '/', text: t('nav.meetings'), current: pathname === '/' || pathname === '/meetings' },
        ...(user.role === 'admin' ? [{ to: '/admin', text: t('nav.admin'), current: pathname.startsWith('/admin') }] : []),
        { to: '/account', text: t('nav.account'), current: pathname === '/account' },
      ]
    : [];
  return (
    // As GOV.UK's page template: one <header> landmark holding the header and the service navigation.
    <header className="govuk-template__header">
      <div className="govuk-generic-header app-header">
        <div className="govuk-generic-header__container govuk-width-container">
          <div className="govuk-generic-header__logo">
            <Link to="/" className="govuk-generic-header__homepage-link">
              {t('serviceName')}
            </Link>
          </div>
          <span className="app-marking" aria-label={t('protectiveMarkingLabel', { marking: t('protectiveMarking') })}>
            {t('protectiveMarking')}
          </span>
          {/* The other language's name in that language, as Welsh public services show it. */}
          <button type="button" className="app-language-switch" lang={other} aria-label={t('language.switchToLabel')} onClick={() => onLanguage(other)} data-language={other}>
            {t('language.switchTo')}
          </button>
        </div>
      </div>
      {user && (
        <section aria-label={t('nav.serviceInformation')} className="govuk-service-navigation">
          <div className="govuk-width-container govuk-service-navigation__inlining-container">
            <div className="govuk-service-navigation__container">
              <nav aria-label={t('nav.menu')} className="govuk-service-navigation__wrapper">
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
              <span>{t('nav.signedInAs', { name: user.name, agency: user.agency.name })}</span>
              <button type="button" className="govuk-button govuk-button--secondary app-button--small" onClick={onSignOut}>
                {t('nav.signOut')}
              </button>
            </div>
          </div>
        </section>
      )}
    </header>
  );
}
