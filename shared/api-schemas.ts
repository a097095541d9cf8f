/** Request bodies the REST API accepts, validated with the same schemas on both ends. */
import { msg } from './i18n/message.js';
import { z } from 'zod';
import { authLimits, caseLimits, limits, seriesLimits, workLimits } from './limits.js';
import { cadenceKinds, consentStatuses, decisionSchemes, monthlyOrdinals, needsLawfulBasis, riskLevels, seriesRoles, standingItemKinds, type ConsentStatus } from './domain.js';
import { defaultMinutesLanguage, minutesLanguages } from './i18n/languages.js';

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

export const seriesMemberBody = z.object({ role: z.enum(seriesRoles) }).strict();

export const auditQuery = z.object({
  actorId: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  targetId: z.string().max(64).optional(),
  from: z.coerce.number().int().optional(),
  to: z.coerce.number().int().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const itemTitleSchema = z.string().trim().min(1).max(limits.itemTitleLength);

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, msg('series:errors.isoDay'));

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

/** Statuses that need a reason: the minutes and the tracker say why an action was not done or not possible. */
export const statusesNeedingReason = ['not-done', 'not-possible'] as const;

/** Several actions of one series set to one status in one go (the tracker's bulk change). */
export const bulkActionStatusBody = z
  .object({
    actionIds: z.array(z.string().min(1).max(64)).min(1, 'Choose at least one action').max(workLimits.actionsPerBulkUpdate),
    status: z.enum(['open', 'done', 'not-possible', 'not-done']),
    note: z.string().trim().max(workLimits.statusNoteLength).optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if ((statusesNeedingReason as readonly string[]).includes(body.status) && !body.note) {
      ctx.addIssue({ code: 'custom', path: ['note'], message: 'Give the reason the actions were not done or not possible' });
    }
  });

export const actionsQuery = z.object({
  agencyId: z.string().max(64).optional(),
  personId: z.string().max(64).optional(),
  state: z.enum(['open', 'overdue', 'all']).default('open'),
});

export const minuteTakerBody = z.object({ personId: z.string().min(1).max(64).nullable() }).strict();

// ---- Referrals, cases and research ------------------------------------------------------------------------------

const caseFields = {
  /** The referring agency: an agency record id. */
  agencyId: z.string().trim().min(1, msg('cases:errors.agency')).max(64),
  riskLevel: z.enum(riskLevels, { error: msg('cases:errors.risk') }),
  childrenInvolved: z.boolean({ error: msg('cases:errors.children') }),
  consent: z.enum(consentStatuses, { error: msg('cases:errors.consent') }),
  lawfulBasis: z.string().trim().max(caseLimits.lawfulBasisLength).default(''),
  vulnerabilities: z.array(z.string().trim().min(1).max(caseLimits.vulnerabilityLength)).max(caseLimits.vulnerabilities).default([]),
  summary: z.string().trim().min(3, msg('cases:errors.summary')).max(caseLimits.summaryLength),
};

/** Sharing without consent must say why it is lawful; checked on both ends so the form shows it inline. */
const lawfulBasisRule = (value: { consent: ConsentStatus; lawfulBasis: string }, ctx: z.RefinementCtx) => {
  if (needsLawfulBasis(value.consent) && value.lawfulBasis.trim().length < 3) {
    ctx.addIssue({ code: 'custom', path: ['lawfulBasis'], message: msg('cases:errors.lawfulBasis') });
  }
};

export const referralBody = z
  .object({
    ...caseFields,
    reason: z.string().trim().min(3, msg('cases:errors.reason')).max(caseLimits.reasonLength),
    urgent: z.boolean().default(false),
  })
  .strict()
  .superRefine(lawfulBasisRule);
export type ReferralInput = z.infer<typeof referralBody>;

export const acceptReferralBody = z.object({ meetingId: z.string().trim().min(1, msg('cases:errors.meeting')).max(64) }).strict();
export const requestInfoBody = z.object({ message: z.string().trim().min(3, msg('cases:errors.infoNeeded')).max(caseLimits.messageLength) }).strict();
/** The referrer's answer, optionally with corrected case fields. */
export const provideInfoBody = z
  .object({
    message: z.string().trim().min(3, msg('cases:errors.infoGiven')).max(caseLimits.messageLength),
    consent: z.enum(consentStatuses).optional(),
    lawfulBasis: z.string().trim().max(caseLimits.lawfulBasisLength).optional(),
  })
  .strict();
export const declineReferralBody = z.object({ reason: z.string().trim().min(3, msg('cases:errors.declineReason')).max(caseLimits.messageLength) }).strict();
export const matchReferralBody = z.object({ caseRef: z.string().trim().min(1, msg('cases:errors.earlierCase')).max(limits.caseRefLength) }).strict();
export const closeCaseBody = z.object({ reason: z.string().trim().min(3, msg('cases:errors.closeReason')).max(caseLimits.closeReasonLength) }).strict();
export const researchBody = z
  .object({
    knows: z.string().trim().max(caseLimits.researchPartLength).default(''),
    risks: z.string().trim().max(caseLimits.researchPartLength).default(''),
    view: z.string().trim().max(caseLimits.researchPartLength).default(''),
  })
  .strict()
  .refine((r) => r.knows || r.risks || r.view, { path: ['knows'], message: msg('cases:errors.research') });
export const referralsQuery = z.object({ view: z.enum(['queue', 'mine']).default('mine') });
/* ---- Series and meetings ---- */

const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;
const personId = z.string().min(1).max(64);

export const cadenceSchema = z
  .object({
    kind: z.enum(cadenceKinds),
    weekday: z.number().int().min(1, msg('series:errors.weekday')).max(7, msg('series:errors.weekday')),
    time: z
      .string()
      .regex(hhmm, msg('series:errors.time'))
      .refine((t) => t >= seriesLimits.earliestTime && t <= seriesLimits.latestTime, msg('series:errors.timeRange', { earliest: seriesLimits.earliestTime, latest: seriesLimits.latestTime })),
    nth: z
      .number()
      .int()
      .refine((n) => (monthlyOrdinals as readonly number[]).includes(n), msg('series:errors.nth'))
      .nullable()
      .optional(),
    startsOn: isoDay.nullable().optional(),
    endsOn: isoDay.nullable().optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.kind === 'monthly' && (c.nth === undefined || c.nth === null)) ctx.addIssue({ code: 'custom', path: ['nth'], message: msg('series:errors.nthMissing') });
    if (c.startsOn && c.endsOn && c.endsOn < c.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: msg('series:errors.endsBeforeStart') });
  });

export const standingItemSchema = z
  .object({
    kind: z.enum(standingItemKinds),
    title: z.string().trim().min(1, msg('series:errors.standingTitle')).max(limits.itemTitleLength),
    text: z.string().trim().max(seriesLimits.standingTextLength).optional(),
  })
  .strict();
export type StandingItem = z.infer<typeof standingItemSchema>;

export const seriesMemberInput = z.object({ personId, role: z.enum(seriesRoles) }).strict();

const seriesFields = {
  name: z.string().trim().min(2, msg('series:errors.name')).max(seriesLimits.nameLength),
  body: z.string().trim().min(2, msg('series:errors.body')).max(seriesLimits.bodyLength),
  ownerAgencyId: z.string().min(1, msg('series:errors.ownerAgency')).max(64),
  members: z.array(seriesMemberInput).max(seriesLimits.members),
  chairId: personId,
  deputyChairId: personId.nullable(),
  venue: z.string().trim().min(1, msg('series:errors.venue')).max(seriesLimits.venueLength),
  onlineLink: z.url(msg('series:errors.onlineLink')).max(seriesLimits.linkLength).nullable(),
  cadence: cadenceSchema,
  template: z.array(standingItemSchema).max(seriesLimits.templateItems),
  decisionPrefix: z
    .string()
    .trim()
    .max(seriesLimits.decisionPrefixLength)
    .regex(/^[A-Za-z0-9/ -]*$/, msg('series:errors.decisionPrefix')),
  decisionScheme: z.enum(decisionSchemes),
  /** The language(s) of the series' minutes and agendas. */
  minutesLanguage: z.enum(minutesLanguages, msg('series:errors.minutesLanguage')),
  /** Null: derived from the series name (caseRefPrefixFor). */
  caseRefPrefix: z.string().trim().regex(caseLimits.prefixPattern, msg('series:errors.caseRefPrefix')).nullable(),
};

export const seriesBody = z
  .object({
    ...seriesFields,
    deputyChairId: seriesFields.deputyChairId.default(null),
    onlineLink: seriesFields.onlineLink.default(null),
    decisionPrefix: seriesFields.decisionPrefix.default(''),
    decisionScheme: seriesFields.decisionScheme.default('NNN/YYYY'),
    minutesLanguage: seriesFields.minutesLanguage.default(defaultMinutesLanguage),
    caseRefPrefix: seriesFields.caseRefPrefix.default(null),
  })
  .strict();
export type SeriesInput = z.infer<typeof seriesBody>;

/** Any subset of the fields; `archived: true` archives the series (read-only from then on). */
export const seriesPatch = z
  .object({ ...seriesFields, archived: z.literal(true) })
  .partial()
  .strict();
export type SeriesPatch = z.infer<typeof seriesPatch>;

const instant = z.iso.datetime({ offset: true, message: msg('series:errors.dateTime') });

/** Either the next `count` meetings from the cadence, or one meeting at `startsAt`. */
export const scheduleBody = z
  .object({
    count: z.number().int().min(1, msg('series:errors.countMin')).max(seriesLimits.scheduleAtOnce, msg('series:errors.countMax', { max: seriesLimits.scheduleAtOnce })).optional(),
    startsAt: instant.optional(),
    chairId: personId.optional(),
  })
  .strict()
  .refine((b) => (b.count === undefined) !== (b.startsAt === undefined), { message: msg('series:errors.countOrStart'), path: ['count'] });

export const meetingPatchBody = z
  .object({ startsAt: instant.optional(), chairId: personId.optional() })
  .strict()
  .refine((b) => b.startsAt !== undefined || b.chairId !== undefined, { message: msg('series:errors.startOrChair'), path: ['startsAt'] });

export const cancelMeetingBody = z.object({ reason: z.string().trim().min(3, msg('series:errors.cancelReason')).max(seriesLimits.cancelReasonLength) }).strict();

/** Agreeing minutes at a later meeting of the series, optionally with amendments (a new version first). */
export const agreeMinutesBody = z.object({ atMeetingId: z.string().min(1).max(64), amendment: minutesAmendmentBody.optional() }).strict();
