/**
 * Types every t('namespace:key') call against the English catalogue, so a mistyped or missing key fails the
 * typecheck. Add a line here for each new namespace (shared/i18n/locales/en/<namespace>.json).
 */
import 'i18next';
import type common from './locales/en/common.json';
import type domain from './locales/en/domain.json';
import type minutesDoc from './locales/en/minutesDoc.json';
import type actions from './locales/en/actions.json';
import type outcomes from './locales/en/outcomes.json';
import type admin from './locales/en/admin.json';
import type minutes from './locales/en/minutes.json';
import type email from './locales/en/email.json';
import type errors from './locales/en/errors.json';
import type invite from './locales/en/invite.json';
import type cases from './locales/en/cases.json';
import type series from './locales/en/series.json';
import type room from './locales/en/room.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: {
      common: typeof common;
      domain: typeof domain;
      minutesDoc: typeof minutesDoc;
      actions: typeof actions;
      outcomes: typeof outcomes;
      admin: typeof admin;
      minutes: typeof minutes;
      email: typeof email;
      errors: typeof errors;
      invite: typeof invite;
      cases: typeof cases;
      series: typeof series;
      room: typeof room;
    };
  }
}
