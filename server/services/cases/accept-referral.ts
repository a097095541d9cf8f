/**
 * The coordinator accepts a referral onto a meeting's agenda: the case opens (or reopens) with the referral's
 * details, and a case item carrying them, the repeat flag included, is written into the meeting's document in the
 * same transaction; live clients receive it after the commit.
 */
import { msg } from '../../../shared/i18n/message.js';
import type * as Y from 'yjs';
import type { ItemKind } from '../../../shared/domain.js';
import { documentLanguages } from '../../../shared/i18n/languages.js';
import { translator } from '../../i18n.js';
import { addAgendaItem, readAgenda, updateCaseDetails } from '../../../shared/meeting-doc.js';
import { invalidFields } from '../../errors.js';
import type { Actor } from '../../policies/index.js';
import { type CasesDeps, presentReferrals, referralFor, requireOpen } from './deps.js';

export function acceptReferral(deps: CasesDeps, actor: Actor | null, referralId: string, meetingId: string, ip: string | null) {
  const { referral } = referralFor(deps, actor, referralId, 'runQueue');
  requireOpen(referral);
  const meeting = deps.records.findMeeting(meetingId);
  if (!meeting || meeting.seriesId !== referral.seriesId) throw invalidFields({ meetingId: msg('cases:errors.noSuchMeetingInSeries') });
  if (meeting.status !== 'scheduled' && meeting.status !== 'live') throw invalidFields({ meetingId: msg('cases:errors.meetingNotUpcoming', { status: msg(`cases:status.meeting.${meeting.status}`) }) });
  const theCase = deps.repo.caseById(referral.caseId)!;
  const agency = deps.repo.agency(referral.agencyId)!;
  const discussedBefore = (deps.repo.timesDiscussed(referral.seriesId, [theCase.ref]).get(theCase.ref) ?? 0) > 0;
  const kind: ItemKind = discussedBefore ? 'case-review' : 'new-referral';
  const f = referral.fields;

  // The item's title is part of the record: written in the series' minutes language(s), as the agenda prints it.
  const kindWords = documentLanguages(deps.repo.series(referral.seriesId)?.minutesLanguage ?? 'en')
    .map((lang) => translator(lang)(`domain:itemKind.${kind}`))
    .join(' / ');
  const change = deps.docs.prepare(meetingId, (doc: Y.Doc) => {
    // Case items go before "any other business", which stays last.
    const agenda = readAgenda(doc);
    const aob = agenda.findIndex((i) => i.kind === 'any-other-business');
    const itemId = addAgendaItem(doc, { kind, title: `${kindWords}: ${f.summary}`, caseRef: theCase.ref }, aob >= 0 ? aob : undefined);
    updateCaseDetails(doc, itemId, {
      referringAgency: agency.name,
      vulnerabilities: f.vulnerabilities,
      riskLevel: f.riskLevel,
      childrenInvolved: f.childrenInvolved,
      consent: f.consent,
      lawfulBasis: f.lawfulBasis,
      repeatReferral: referral.repeat,
    });
    return itemId;
  });

  const at = deps.now();
  deps.repo.transaction(() => {
    deps.repo.updateReferral(referral.id, { state: 'accepted', stateMessage: null, meetingId, itemId: change.result, decidedBy: actor!.id, decidedAt: at, updatedAt: at });
    deps.repo.updateCase(theCase.id, { status: 'open', referringAgencyId: referral.agencyId, ...f, updatedAt: at });
    change.store();
    deps.audit.record({ actorId: actor!.id, action: 'referral.accept', targetType: 'referral', targetId: referral.id, detail: { caseRef: theCase.ref, meetingId, repeat: referral.repeat }, ip });
  });
  change.publish();
  return presentReferrals(deps, [deps.repo.referral(referral.id)!])[0];
}
