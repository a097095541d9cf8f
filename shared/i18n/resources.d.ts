/**
 * Types every t('namespace:key') call against the English catalogue, so a mistyped or missing key fails the
 * typecheck. Add a line here for each new namespace (shared/i18n/locales/en/<namespace>.json).
 */
import 'i18next';
import type common from './locales/en/common.json';
import type domain from './locales/en/domain.json';
import type actions from './locales/en/actions.json';
import type email from './locales/en/email.json';
import type errors from './locales/en/errors.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: {
      common: typeof common;
      domain: typeof domain;
      actions: typeof actions;
      email: typeof email;
      errors: typeof errors;
    };
  }
}
