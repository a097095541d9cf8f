/**
 * The coordinator accepts a referral onto a meeting's agenda: the case opens (or reopens) with the referral's
 * details, and a case item carrying them, the repeat flag included, is written into the meeting's document; live
 * clients receive it once it is stored.
 *
 * Order: the item is prepared on a copy of the document first (nothing stored), then the command's transaction
 * re-checks the referral and records the decision with its audit row, and only after that commit is the document
 * change stored and published. The document log is written by the realtime write path, not by the command's
 * transaction (on PostgreSQL it is another transaction; awaiting it inside this one could wait on itself), so it
 * cannot be part of it. Should storing the item fail, the decision is undone (the referral and the case as they
 * were, with an audit row saying so) and the storage fault answers the request (a conflict when the meeting ended
 * meanwhile): a referral is never left accepted onto an agenda that does not show it.
 */
import { msg } from '../../../shared/i18n/message.js';
import type * as Y from 'yjs';
import type { ItemKind } from '../../../shared/domain.js';
import { documentLanguages } from '../../../shared/i18n/languages.js';
import { translator } from '../../i18n.js';
import { addAgendaItem, readAgenda, updateCaseDetails } from '../../../shared/meeting-doc.js';
import { AppError, invalidFields } from '../../errors.js';
import type { Actor } from '../../policies/index.js';
import { type CasesDeps, openReferralIn, referralFor, referralView, requireOpen } from './deps.js';

export async function acceptReferral(deps: CasesDeps, actor: Actor | null, referralId: string, meetingId: string, ip: string | null) {
  const { cases, records } = deps.storage.stores;
  const { referral } = await referralFor(deps, actor, referralId, 'runQueue');
  requireOpen(referral);
  const meeting = await records.findMeeting(meetingId);
  if (!meeting || meeting.seriesId !== referral.seriesId) throw invalidFields({ meetingId: msg('cases:errors.noSuchMeetingInSeries') });
  if (meeting.status !== 'scheduled' && meeting.status !== 'live') throw invalidFields({ meetingId: msg('cases:errors.meetingNotUpcoming', { status: msg(`cases:status.meeting.${meeting.status}`) }) });
  const theCase = (await cases.caseById(referral.caseId))!;
  const agency = (await cases.agency(referral.agencyId))!;
  const discussedBefore = ((await cases.timesDiscussed(referral.seriesId, [theCase.ref])).get(theCase.ref) ?? 0) > 0;
  const kind: ItemKind = discussedBefore ? 'case-review' : 'new-referral';
  const f = referral.fields;

  // The item's title is part of the record: written in the series' minutes language(s), as the agenda prints it.
  const kindWords = documentLanguages((await cases.series(referral.seriesId))?.minutesLanguage ?? 'en')
    .map((lang) => translator(lang)(`domain:itemKind.${kind}`))
    .join(' / ');
  const change = await deps.docs.prepare(meetingId, (doc: Y.Doc) => {
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
  await deps.storage.transaction(async (s) => {
    const current = await openReferralIn(s, referral.id);
    // The item was prepared from the referral as read above: if what it shows changed since (matched to another
    // case, consent corrected), the coordinator decides again on what it now says.
    const shown = (r: typeof referral) => JSON.stringify([r.caseId, r.fields, r.repeat]);
    if (shown(current) !== shown(referral)) throw new AppError('conflict', msg('cases:errors.referralChanged'));
    await s.cases.updateReferral(referral.id, { state: 'accepted', stateMessage: null, meetingId, itemId: change.result, decidedBy: actor!.id, decidedAt: at, updatedAt: at });
    await s.cases.updateCase(theCase.id, { status: 'open', referringAgencyId: referral.agencyId, ...f, updatedAt: at });
    await s.audit.record({ actorId: actor!.id, action: 'referral.accept', targetType: 'referral', targetId: referral.id, detail: { caseRef: theCase.ref, meetingId, repeat: referral.repeat }, ip }, at);
  });
  try {
    await change.store();
  } catch (err) {
    await undoAccept(deps, referral, theCase, change.result, ip).catch(() => undefined);
    throw err;
  }
  await change.publish();
  return referralView(deps, referral.id);
}

type ReferralRow = Awaited<ReturnType<CasesDeps['storage']['stores']['cases']['referral']>> & object;
type CaseRow = Awaited<ReturnType<CasesDeps['storage']['stores']['cases']['caseById']>> & object;

/** Puts the referral and its case back as they were before an acceptance whose agenda item could not be stored. */
async function undoAccept(deps: CasesDeps, before: ReferralRow, theCase: CaseRow, itemId: string, ip: string | null) {
  const at = deps.now();
  await deps.storage.transaction(async (s) => {
    const current = await s.cases.referral(before.id);
    // Only our own acceptance is undone, never a later decision.
    if (current?.state !== 'accepted' || current.itemId !== itemId) return;
    const { state, stateMessage, meetingId, decidedBy, decidedAt, updatedAt } = before;
    await s.cases.updateReferral(before.id, { state, stateMessage, meetingId, itemId: before.itemId, decidedBy, decidedAt, updatedAt });
    const { status, referringAgencyId, riskLevel, childrenInvolved, consent, lawfulBasis, vulnerabilities, summary } = theCase;
    await s.cases.updateCase(theCase.id, { status, referringAgencyId, riskLevel, childrenInvolved, consent, lawfulBasis, vulnerabilities, summary, updatedAt: theCase.updatedAt });
    await s.audit.record({ actorId: null, action: 'referral.accept-undone', targetType: 'referral', targetId: before.id, detail: { reason: 'agenda-item-not-stored' }, ip }, at);
  });
}
