/** The case register, referrals and research: one command per use case, plus the reads the screens need. */
import type { ReferralInput } from '../../../shared/api-schemas.js';
import type { ConsentStatus } from '../../../shared/domain.js';
import type { Actor } from '../../policies/index.js';
import { acceptReferral } from './accept-referral.js';
import { addResearch } from './add-research.js';
import { closeCase } from './close-case.js';
import { declineReferral } from './decline-referral.js';
import type { CasesDeps } from './deps.js';
import { matchReferral } from './match-referral.js';
import { provideMoreInfo } from './provide-more-info.js';
import { publishAgenda } from './publish-agenda.js';
import { createCaseQueries } from './queries.js';
import { referCase } from './refer-case.js';
import { requestMoreInfo } from './request-more-info.js';
import { researchIntoContributions } from './research-into-contributions.js';
import type * as Y from 'yjs';

export type { CasesDeps } from './deps.js';

export function createCasesService(deps: CasesDeps) {
  type Ip = string | null;
  return {
    ...createCaseQueries(deps),
    referCase: (actor: Actor | null, seriesId: string, input: ReferralInput, ip: Ip) => referCase(deps, actor, seriesId, input, ip),
    requestMoreInfo: (actor: Actor | null, referralId: string, message: string, ip: Ip) => requestMoreInfo(deps, actor, referralId, message, ip),
    provideMoreInfo: (actor: Actor | null, referralId: string, input: { message: string; consent?: ConsentStatus; lawfulBasis?: string }, ip: Ip) =>
      provideMoreInfo(deps, actor, referralId, input, ip),
    acceptReferral: (actor: Actor | null, referralId: string, meetingId: string, ip: Ip) => acceptReferral(deps, actor, referralId, meetingId, ip),
    declineReferral: (actor: Actor | null, referralId: string, reason: string, ip: Ip) => declineReferral(deps, actor, referralId, reason, ip),
    matchReferral: (actor: Actor | null, referralId: string, caseRef: string, ip: Ip) => matchReferral(deps, actor, referralId, caseRef, ip),
    closeCase: (actor: Actor | null, ref: string, reason: string, ip: Ip) => closeCase(deps, actor, ref, reason, ip),
    addResearch: (actor: Actor | null, ref: string, meetingId: string, parts: { knows: string; risks: string; view: string }, ip: Ip) =>
      addResearch(deps, actor, ref, meetingId, parts, ip),
    publishAgenda: (actor: Actor | null, meetingId: string, ip: Ip) => publishAgenda(deps, actor, meetingId, ip),
    researchIntoContributions: (meetingId: string, doc: Y.Doc) => researchIntoContributions(deps, meetingId, doc),
  };
}
export type CasesService = ReturnType<typeof createCasesService>;
