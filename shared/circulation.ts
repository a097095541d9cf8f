/** Circulating minutes by email: request bodies (validated on both ends) and what the API returns. */
import { z } from 'zod';
import { lazySchema } from './lazy-schema.js';
import { msg } from './i18n/message.js';
import { mailLimits } from './limits.js';

export const circulationDeliveries = ['link', 'docx', 'pdf'] as const;
export type CirculationDelivery = (typeof circulationDeliveries)[number];
/** Each delivery's name is `domain:circulationDelivery.<delivery>` in the catalogues. */

export const circulateBody = lazySchema(() =>
  z
    .object({
      version: z.number().int().min(1).optional(),
      delivery: z.enum(circulationDeliveries).default('link'),
      personIds: z
        .array(z.string().min(1).max(64))
        .min(1, msg('minutes:circulation.errors.noRecipient'))
        .max(mailLimits.recipientsPerCirculation)
        .refine((ids) => new Set(ids).size === ids.length, msg('minutes:circulation.errors.recipientTwice')),
    })
    .strict(),
);
export type CirculateBody = z.infer<typeof circulateBody>;

export const retryDeliveryBody = lazySchema(() => z.object({ emailIds: z.array(z.string().min(1).max(64)).max(500).optional() }).strict());

/** The extract link's token, sent in a body (never in a path or query a log might keep). */
export const openExtractBody = lazySchema(() => z.object({ token: z.string().min(20).max(100) }).strict());

/** What an email in the outbox is for, and where it stands. */
export const emailKinds = ['circulation', 'digest', 'escalation', 'invite'] as const;
export type EmailKind = (typeof emailKinds)[number];
export const deliveryStates = ['queued', 'sending', 'sent', 'failed'] as const;
export type DeliveryState = (typeof deliveryStates)[number];

export interface CirculationPlanAgency {
  agency: string;
  /** Why this agency gets an extract. */
  present: boolean;
  hasActions: boolean;
  people: { id: string; name: string; role: string }[];
}

export interface DeliveryView {
  state: DeliveryState;
  attempts: number;
  /** The last failed attempt's reason (the SMTP reply or network error). */
  lastError: string | null;
  sentAt: string | null;
  /** When a queued email is tried again. */
  nextAttemptAt: string | null;
}

export interface CirculationRecipientView {
  id: string;
  emailId: string;
  version: number;
  agency: string;
  person: { id: string; name: string };
  delivery: CirculationDelivery;
  createdAt: string;
  expiresAt: string | null;
  firstOpenedAt: string | null;
  opens: number;
  status: DeliveryView;
}

export interface CirculationView {
  /** False when the server has no SMTP server (TRIAGE_SMTP_URL): the page offers the downloads instead. */
  configured: boolean;
  latestVersion: number;
  plan: CirculationPlanAgency[];
  sent: CirculationRecipientView[];
  /** Emails about this meeting not delivered after at least one attempt. */
  problems: CirculationRecipientView[];
}
