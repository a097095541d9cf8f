import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * GOV.UK notification banner: "success" for a save (announced as an alert), "important" for information the user
 * needs on this page. An error in a form goes to the error summary instead.
 */
export function NotificationBanner({ type = 'important', title, children, id }: { type?: 'important' | 'success'; title?: string; children: ReactNode; id?: string }) {
  const { t } = useTranslation();
  const titleId = `${id ?? type}-banner-title`;
  return (
    <div
      id={id}
      className={`govuk-notification-banner${type === 'success' ? ' govuk-notification-banner--success' : ''}`}
      role={type === 'success' ? 'alert' : 'region'}
      aria-labelledby={titleId}
      data-module="govuk-notification-banner"
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id={titleId}>
          {title ?? (type === 'success' ? t('banner.success') : t('banner.important'))}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">{typeof children === 'string' ? <p className="govuk-notification-banner__heading">{children}</p> : children}</div>
    </div>
  );
}
