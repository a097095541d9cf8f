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
