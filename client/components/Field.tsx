/**
 * GOV.UK form fields: a label, an optional hint and an inline error, wired to the control with aria-describedby,
 * so a screen reader hears the hint and the error with the field. Each field takes an `id`; the error summary links
 * to that id.
 */
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';

interface FieldText {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  /** Visually hidden label (the control's purpose is clear from its row, e.g. a table cell). */
  labelHidden?: boolean;
  /** A page's only field may be its heading (GOV.UK "label as page heading"); otherwise a plain label. */
  labelClass?: string;
  className?: string;
}

/** Labels in the live room: GOV.UK's small bold label at its 16px size, to match the room's dense text. */
export const roomLabelClass = 'govuk-label--s govuk-!-font-size-16';

const cx = (...names: (string | false | null | undefined)[]) => names.filter(Boolean).join(' ');

export const describedBy = (id: string, hint: unknown, error: unknown, extra?: string) =>
  cx(hint ? `${id}-hint` : null, error ? `${id}-error` : null, extra) || undefined;

export function Hint({ id, children }: { id: string; children: ReactNode }) {
  return (
    <div id={id} className="govuk-hint">
      {children}
    </div>
  );
}

export function ErrorMessage({ id, children }: { id: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <p id={id} className="govuk-error-message">
      <span className="govuk-visually-hidden">{t('errorPrefix')}</span> {children}
    </p>
  );
}

function FormGroup({ id, label, hint, error, labelHidden, labelClass, className, children }: FieldText & { children: ReactNode }) {
  return (
    <div className={cx('govuk-form-group', error && 'govuk-form-group--error', className)}>
      <label className={cx('govuk-label', labelClass, labelHidden && 'govuk-visually-hidden')} htmlFor={id}>
        {label}
      </label>
      {hint && <Hint id={`${id}-hint`}>{hint}</Hint>}
      {error && <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage>}
      {children}
    </div>
  );
}

type InputProps = FieldText & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'className'> & { inputClass?: string };

export function TextInput({ id, label, hint, error, labelHidden, labelClass, className, inputClass, ...input }: InputProps) {
  return (
    <FormGroup {...{ id, label, hint, error, labelHidden, labelClass, className }}>
      <input
        id={id}
        className={cx('govuk-input', error && 'govuk-input--error', inputClass)}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
        type="text"
        {...input}
      />
    </FormGroup>
  );
}

type TextareaProps = FieldText & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'className'>;

export function Textarea({ id, label, hint, error, labelHidden, labelClass, className, rows = 4, ...area }: TextareaProps) {
  return (
    <FormGroup {...{ id, label, hint, error, labelHidden, labelClass, className }}>
      <textarea
        id={id}
        rows={rows}
        className={cx('govuk-textarea', error && 'govuk-textarea--error')}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
        {...area}
      />
    </FormGroup>
  );
}

type SelectProps = FieldText & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'className'> & { selectClass?: string };

export function Select({ id, label, hint, error, labelHidden, labelClass, className, selectClass, children, ...select }: SelectProps) {
  return (
    <FormGroup {...{ id, label, hint, error, labelHidden, labelClass, className }}>
      <select
        id={id}
        className={cx('govuk-select', error && 'govuk-select--error', selectClass)}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
        {...select}
      >
        {children}
      </select>
    </FormGroup>
  );
}

export interface Choice {
  value: string;
  label: ReactNode;
  hint?: ReactNode;
  disabled?: boolean;
}

interface ChoicesProps {
  /** The fieldset's id prefix; the first option's id is `${id}` so an error summary link lands on it. */
  id: string;
  name: string;
  legend: ReactNode;
  legendClass?: string;
  hint?: ReactNode;
  error?: string | null;
  choices: Choice[];
  small?: boolean;
  inline?: boolean;
  className?: string;
}

function ChoiceFieldset({ id, legend, legendClass, hint, error, className, children }: Omit<ChoicesProps, 'choices' | 'name'> & { children: ReactNode }) {
  return (
    <div className={cx('govuk-form-group', error && 'govuk-form-group--error', className)}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy(`${id}-set`, hint, error)}>
        <legend className={cx('govuk-fieldset__legend', legendClass ?? 'govuk-fieldset__legend--s')}>{legend}</legend>
        {hint && <Hint id={`${id}-set-hint`}>{hint}</Hint>}
        {error && <ErrorMessage id={`${id}-set-error`}>{error}</ErrorMessage>}
        {children}
      </fieldset>
    </div>
  );
}

export function Radios(props: ChoicesProps & { value: string; onChange(value: string): void }) {
  const { id, name, choices, small, inline, value, onChange } = props;
  return (
    <ChoiceFieldset {...props}>
      <div className={cx('govuk-radios', small && 'govuk-radios--small', inline && 'govuk-radios--inline')}>
        {choices.map((c, i) => {
          const optionId = i === 0 ? id : `${id}-${i}`;
          return (
            <div className="govuk-radios__item" key={c.value}>
              <input
                className="govuk-radios__input"
                id={optionId}
                name={name}
                type="radio"
                value={c.value}
                checked={value === c.value}
                disabled={c.disabled}
                onChange={() => onChange(c.value)}
                aria-describedby={c.hint ? `${optionId}-hint` : undefined}
              />
              <label className="govuk-label govuk-radios__label" htmlFor={optionId}>
                {c.label}
              </label>
              {c.hint && (
                <div id={`${optionId}-hint`} className="govuk-hint govuk-radios__hint">
                  {c.hint}
                </div>
              )}
            </div>
          );
        })}
      </div>
    </ChoiceFieldset>
  );
}

export function Checkboxes(props: ChoicesProps & { values: string[]; onChange(values: string[]): void }) {
  const { id, name, choices, small, values, onChange } = props;
  return (
    <ChoiceFieldset {...props}>
      <div className={cx('govuk-checkboxes', small && 'govuk-checkboxes--small')}>
        {choices.map((c, i) => (
          <Checkbox
            key={c.value}
            id={i === 0 ? id : `${id}-${i}`}
            name={name}
            label={c.label}
            hint={c.hint}
            disabled={c.disabled}
            checked={values.includes(c.value)}
            onChange={(on) => onChange(on ? [...values, c.value] : values.filter((v) => v !== c.value))}
          />
        ))}
      </div>
    </ChoiceFieldset>
  );
}

/** One checkbox on its own (e.g. "Record an action that is already late"), still in GOV.UK markup. */
export function Checkbox({ id, name, label, hint, checked, disabled, onChange }: { id: string; name?: string; label: ReactNode; hint?: ReactNode; checked: boolean; disabled?: boolean; onChange(on: boolean): void }) {
  return (
    <div className="govuk-checkboxes__item">
      <input
        className="govuk-checkboxes__input"
        id={id}
        name={name ?? id}
        type="checkbox"
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <div id={`${id}-hint`} className="govuk-hint govuk-checkboxes__hint">
          {hint}
        </div>
      )}
    </div>
  );
}

/** A lone checkbox inside its own small checkboxes wrapper (GOV.UK expects the wrapper for the styling). */
export function SingleCheckbox(props: Parameters<typeof Checkbox>[0] & { className?: string }) {
  return (
    <div className={cx('govuk-checkboxes govuk-checkboxes--small', props.className)}>
      <Checkbox {...props} />
    </div>
  );
}
