import { useEffect, useRef, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';

export interface FieldError {
  /** The id of the field (or the first control of a group) the message is about. */
  href: string;
  text: string;
}

/**
 * "There is a problem" at the top of a form, listing each error with a link to its field. It takes focus when it
 * appears (as GOV.UK's own script does), and a link moves focus to the field rather than scrolling the label away.
 */
export function ErrorSummary({ errors, title }: { errors: FieldError[]; title?: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const key = errors.map((e) => `${e.href}:${e.text}`).join('|');
  useEffect(() => {
    if (key) ref.current?.focus();
  }, [key]);
  if (errors.length === 0) return null;
  const follow = (event: MouseEvent<HTMLAnchorElement>, href: string) => {
    const field = document.getElementById(href);
    if (!field) return;
    event.preventDefault();
    field.scrollIntoView({ block: 'center' });
    field.focus();
  };
  return (
    <div className="govuk-error-summary" data-module="govuk-error-summary" ref={ref} tabIndex={-1}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">{title ?? t('errorSummaryTitle')}</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {errors.map((e) => (
              <li key={`${e.href}:${e.text}`}>
                <a href={`#${e.href}`} onClick={(event) => follow(event, e.href)}>
                  {e.text}
                </a>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

/** The message for one field out of a list of errors, for its inline error. */
export const errorFor = (errors: FieldError[], href: string): string | null => errors.find((e) => e.href === href)?.text ?? null;
