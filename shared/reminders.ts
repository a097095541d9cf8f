/** Reminder settings: a person's digest preference and a series' escalation threshold and agency leads. */
import { z } from 'zod';
import { lazySchema } from './lazy-schema.js';
import { languages, type Language } from './i18n/languages.js';
import { msg } from './i18n/message.js';
import { mailLimits } from './limits.js';
import type { EmailKind } from './circulation.js';

export const preferencesPatch = lazySchema(() =>
  z
    .object({ digests: z.boolean().optional(), language: z.enum(languages).optional() })
    .strict()
    .refine((p) => p.digests !== undefined || p.language !== undefined, msg('actions:errors.digestsOrLanguage')),
);
export interface PreferencesView {
  /** Daily email of my actions due soon or overdue. */
  digests: boolean;
  /** Screens and emails in English or Welsh; null until chosen. */
  language: Language | null;
}

export const seriesRemindersBody = lazySchema(() =>
  z
    .object({
      escalateAfterDays: z.number().int().min(1).max(mailLimits.escalateAfterDaysMax),
      leads: z
        .array(z.object({ agencyId: z.string().min(1).max(64), personId: z.string().min(1).max(64) }).strict())
        .max(100)
        .refine((leads) => new Set(leads.map((l) => l.agencyId)).size === leads.length, msg('actions:errors.oneLeadPerAgency')),
    })
    .strict(),
);
export type SeriesRemindersBody = z.infer<typeof seriesRemindersBody>;

export interface SeriesRemindersView {
  escalateAfterDays: number;
  leads: { agencyId: string; agency: string; personId: string; name: string }[];
  /** Who may be named lead, per agency: the series' members (not observers). */
  candidates: { agencyId: string; agency: string; people: { id: string; name: string }[] }[];
  /** Reminder emails of this series not delivered after at least one attempt. */
  problems: { id: string; kind: EmailKind; to: string; subject: string; state: string; attempts: number; lastError: string | null; nextAttemptAt: string | null }[];
}
