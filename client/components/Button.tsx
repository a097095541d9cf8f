import type { ButtonHTMLAttributes } from 'react';

export type ButtonVariant = 'primary' | 'secondary' | 'warning';

interface Props extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  /** The room's dense controls: same look, less padding and no bottom margin. */
  small?: boolean;
}

/** A GOV.UK button. `type` defaults to "button" so only a form's one submit button submits it. */
export function Button({ variant = 'primary', small = false, className, type = 'button', ...rest }: Props) {
  const classes = ['govuk-button', variant !== 'primary' && `govuk-button--${variant}`, small && 'app-button--small', className];
  return <button type={type} className={classes.filter(Boolean).join(' ')} data-module="govuk-button" {...rest} />;
}

/** Buttons side by side, as GOV.UK lays them out. */
export function ButtonGroup({ children, className }: { children: React.ReactNode; className?: string }) {
  return <div className={['govuk-button-group', className].filter(Boolean).join(' ')}>{children}</div>;
}
