/** Request bodies the REST API accepts, validated with the same schemas on both ends. */
import { z } from 'zod';
import { authLimits, limits } from './limits.js';

export const signInBody = z.object({ email: z.string().trim().min(3).max(254), password: z.string().min(1).max(200) }).strict();

export const inviteBody = z.object({ role: z.enum(['member', 'observer']).default('member') }).strict();

export const agencyBody = z
  .object({ name: z.string().trim().min(2).max(120), shortName: z.string().trim().min(2).max(12) })
  .strict();

export const globalRoles = ['admin', 'coordinator', 'chair', 'member', 'observer'] as const;

export const personBody = z
  .object({
    name: z.string().trim().min(2).max(120),
    email: z.email().max(254).transform((e) => e.toLowerCase()),
    jobTitle: z.string().trim().max(120).default(''),
    agencyId: z.string().min(1).max(64),
    role: z.enum(globalRoles),
    password: z.string().min(authLimits.passwordMinLength).max(200).optional(),
  })
  .strict();

export const personPatch = personBody.partial().strict();

export const seriesMemberBody = z.object({ role: z.enum(['coordinator', 'chair', 'member', 'observer']) }).strict();

export const auditQuery = z.object({
  actorId: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  targetId: z.string().max(64).optional(),
  from: z.coerce.number().int().optional(),
  to: z.coerce.number().int().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const itemTitleSchema = z.string().trim().min(1).max(limits.itemTitleLength);

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-12-01');

/** A correction to ended minutes: every field optional, addressed by item and action id; the note says why. */
export const minutesAmendmentBody = z
  .object({
    note: z.string().trim().min(3, 'Say why the minutes are amended').max(500),
    items: z
      .array(
        z
          .object({
            id: z.string().min(1).max(64),
            background: z.string().max(50_000).optional(),
            decision: z
              .object({
                outcome: z.enum(['accept', 'allocate', 'signpost', 'no-further-action', 'escalate', 'defer']).nullable(),
                text: z.string().trim().max(5_000),
                reasons: z.string().trim().max(5_000),
              })
              .strict()
              .optional(),
            actions: z
              .array(
                z
                  .object({
                    id: z.string().min(1).max(64).optional(),
                    what: z.string().trim().min(1).max(1_000),
                    ownerPersonId: z.string().max(64).nullable(),
                    due: isoDay.nullable(),
                    status: z.enum(['open', 'done', 'not-possible', 'not-done']),
                  })
                  .strict(),
              )
              .max(100)
              .optional(),
          })
          .strict(),
      )
      .max(200),
  })
  .strict();
export type MinutesAmendment = z.infer<typeof minutesAmendmentBody>;

export const actionStatusBody = z
  .object({
    status: z.enum(['open', 'done', 'not-possible', 'not-done']),
    note: z.string().trim().max(500).optional(),
    /** The meeting whose matters arising the update was made in, if any. */
    meetingId: z.string().max(64).optional(),
  })
  .strict();

export const actionsQuery = z.object({
  agencyId: z.string().max(64).optional(),
  personId: z.string().max(64).optional(),
  state: z.enum(['open', 'overdue', 'all']).default('open'),
});

export const minuteTakerBody = z.object({ personId: z.string().min(1).max(64).nullable() }).strict();
