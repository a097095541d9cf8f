import { useTranslation } from 'react-i18next';
import { Link } from './Link';

/** GOV.UK breadcrumbs: the pages above this one; the current page is not repeated (its h1 says it). */
export function Breadcrumbs({ items }: { items: { to: string; text: string }[] }) {
  const { t } = useTranslation();
  return (
    <nav className="govuk-breadcrumbs" aria-label={t('breadcrumb')}>
      <ol className="govuk-breadcrumbs__list">
        {items.map((i) => (
          <li className="govuk-breadcrumbs__list-item" key={i.to}>
            <Link className="govuk-breadcrumbs__link" to={i.to}>
              {i.text}
            </Link>
          </li>
        ))}
      </ol>
    </nav>
  );
}
