/** Turns a 422's per-field messages into the error summary's list, each linked to the control with that field's id. */
import i18next from 'i18next';
import { ApiError } from '../../api';
import { localised } from '../../i18n';
import type { FieldError } from '../../components/ErrorSummary';

/** `cadence.time` in form `series` → the control id `series-cadence-time`. */
export const fieldId = (form: string, path: string): string => `${form}-${path.replace(/\./g, '-')}`;

export function errorsFrom(err: unknown, form: string, fallbackId: string): FieldError[] {
  if (err instanceof ApiError && Object.keys(err.fields).length > 0) {
    return Object.entries(err.fields).map(([path, text]) => {
      const id = fieldId(form, path);
      // A field without its own control (e.g. "series" for an archived one) links to the form's first control.
      return { href: typeof document !== 'undefined' && document.getElementById(id) ? id : fallbackId, text: localised(text) };
    });
  }
  return [{ href: fallbackId, text: err instanceof Error ? localised(err.message) : i18next.t('series:somethingWentWrong') }];
}

/** The inline message for a field path, matched by the control id the summary links to. */
export const messageFor = (errors: FieldError[], form: string, path: string): string | null =>
  errors.find((e) => e.href === fieldId(form, path))?.text ?? null;
