/**
 * The GOV.UK date input: day, month and year in three boxes, so a date is always entered as dd/mm/yyyy whatever the
 * browser's locale (a native date picker shows mm/dd/yyyy to some). `dateParts` / `partsToIso` convert to and from
 * the YYYY-MM-DD the server stores.
 */
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import { describedBy, ErrorMessage, Hint } from './Field';

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export const emptyDate: DateParts = { day: '', month: '', year: '' };

export function dateParts(iso: string | null | undefined): DateParts {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  return m ? { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1] } : emptyDate;
}

export const isEmptyDate = (d: DateParts) => !d.day.trim() && !d.month.trim() && !d.year.trim();

/** YYYY-MM-DD for a real calendar date, or a message saying what is wrong, GOV.UK style. */
export function partsToIso(d: DateParts, what: string): { iso: string } | { error: string } {
  const [day, month, year] = [d.day.trim(), d.month.trim(), d.year.trim()];
  const t = i18next.t;
  if (!day && !month && !year) return { error: t('common:date.enter', { label: what }) };
  const missing = [!day && t('common:date.partDay'), !month && t('common:date.partMonth'), !year && t('common:date.partYear')].filter((p): p is string => Boolean(p));
  if (missing.length) return { error: capitalise(t('common:date.mustInclude', { what, parts: missing.join(t('common:date.and')) })) };
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return { error: capitalise(t('common:date.mustBeReal', { what })) };
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (date.getUTCFullYear() !== Number(year) || date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== Number(day)) {
    return { error: capitalise(t('common:date.mustBeReal', { what })) };
  }
  return { iso: date.toISOString().slice(0, 10) };
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

interface Props {
  id: string;
  legend: string;
  /** Hide the legend visually when the row already says what the date is (e.g. an actions table's Due column). */
  legendHidden?: boolean;
  hint?: string;
  error?: string | null;
  value: DateParts;
  onChange(value: DateParts): void;
  disabled?: boolean;
  /** In a table row: smaller boxes, the legend read by screen readers only, no bottom margin. */
  compact?: boolean;
  onBlur?(): void;
}

export function DateInput({ id, legend, legendHidden, hint, error, value, onChange, disabled, compact, onBlur }: Props) {
  const { t } = useTranslation();
  const part = (key: keyof DateParts, label: string, width: 2 | 4) => (
    <div className="govuk-date-input__item">
      <div className="govuk-form-group">
        <label className="govuk-label govuk-date-input__label" htmlFor={key === 'day' ? id : `${id}-${key}`}>
          {label}
        </label>
        <input
          className={`govuk-input govuk-date-input__input govuk-input--width-${width}${error ? ' govuk-input--error' : ''}`}
          id={key === 'day' ? id : `${id}-${key}`}
          name={`${id}-${key}`}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          value={value[key]}
          disabled={disabled}
          onChange={(e) => onChange({ ...value, [key]: e.target.value })}
        />
      </div>
    </div>
  );
  return (
    <div
      className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}${compact ? ' app-date-input--compact' : ''}`}
      onBlur={(e) => {
        // Leaving the whole group (not moving between its three boxes) is when a date is complete.
        if (onBlur && !e.currentTarget.contains(e.relatedTarget as Node | null)) onBlur();
      }}
    >
      <fieldset className="govuk-fieldset" role="group" aria-describedby={describedBy(`${id}-set`, hint, error)}>
        <legend className={`govuk-fieldset__legend govuk-fieldset__legend--s${legendHidden || compact ? ' govuk-visually-hidden' : ''}`}>{legend}</legend>
        {hint && <Hint id={`${id}-set-hint`}>{hint}</Hint>}
        {error && <ErrorMessage id={`${id}-set-error`}>{error}</ErrorMessage>}
        <div className="govuk-date-input">
          {part('day', t('date.day'), 2)}
          {part('month', t('date.month'), 2)}
          {part('year', t('date.year'), 4)}
        </div>
      </fieldset>
    </div>
  );
}
