/**
 * The demo's history: last week's meeting of the series, ended, with its minutes written by the real minutes
 * service, so the tracker and this week's matters arising have open (and one overdue) action on first start, and this
 * week's meeting has minutes to agree; and the week before, whose minutes last week's meeting agreed. Synthetic data only.
 */
import * as Y from 'yjs';
import { DateTime } from 'luxon';
import { meetingZone } from '../../shared/domain.js';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { agencies, meetingAttendance, meetings, people, seriesAgencyLeads } from '../db/schema.js';
import { meetingDocsRepo } from '../db/meeting-docs-repo.js';
import { sqliteStorage } from '../db/stores/storage.js';
import { createMinutesService } from '../services/minutes/minutes-service.js';
import { addAgendaItem, appendNotesParagraph, readAgenda, startAgendaFromTemplate, updateCaseDetails } from '../../shared/meeting-doc.js';
import type { Actor } from '../policies/index.js';
import { demoTemplate } from './demo-data.js';
import { addAction, addApology, contributionText, decisionText, joinContribution, setDecisionOutcome, updateAction, type PersonRef } from '../../shared/item-work.js';

const day = 24 * 60 * 60 * 1000;
const weeksBefore = (ms: number, weeks: number) => DateTime.fromMillis(ms, { zone: meetingZone }).minus({ weeks }).toMillis();
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export async function seedDemoHistory(db: Db, seriesId: string, chairId: string, thisMeetingAt: number, at: number): Promise<void> {
  // A week earlier on the London calendar, so a clock change between them keeps 10:00 local.
  const previousAt = weeksBefore(thisMeetingAt, 1);
  const person = (email: string): PersonRef => {
    const row = db
      .select({ id: people.id, name: people.name, agencyId: agencies.id, agencyName: agencies.name })
      .from(people)
      .innerJoin(agencies, eq(agencies.id, people.agencyId))
      .where(eq(people.email, email))
      .get()!;
    return row;
  };
  const [chair, coordinator, mh, sms, police, housing] = ['chair', 'coordinator', 'mh', 'sms', 'police', 'housing'].map((who) => person(`${who}@demo.triage.test`));
  db.insert(meetings)
    .values([
      { id: 'demo-previous', seriesId, title: 'Repeat Removals Triage', scheduledAt: previousAt, venue: 'Online (Triage Room)', chairId, minuteTakerId: coordinator.id, status: 'live', openedAt: previousAt, createdAt: at },
    ])
    .run();
  for (const p of [chair, coordinator, mh, sms, police]) {
    db.insert(meetingAttendance)
      .values({ meetingId: 'demo-previous', personId: p.id, role: p === chair ? 'chair' : p === coordinator ? 'coordinator' : 'member', firstJoinedAt: previousAt - 5 * 60_000, lastLeftAt: previousAt + 80 * 60_000, confidentialityAckAt: previousAt + 60_000 })
      .run();
  }

  const doc = new Y.Doc();
  addApology(doc, { personId: housing.id, name: housing.name, agencyName: housing.agencyName });
  addAgendaItem(doc, { kind: 'apologies', title: 'Apologies' });
  addAgendaItem(doc, { kind: 'confidentiality', title: 'Confidentiality statement' });
  const review = addAgendaItem(doc, { kind: 'case-review', title: 'Review: housing and tenancy support', caseRef: 'RR-2026-009' });
  updateCaseDetails(doc, review, { referringAgency: 'Housing Options', riskLevel: 'standard', childrenInvolved: false, consent: 'given', vulnerabilities: ['housing'] });
  appendNotesParagraph(doc, review, 'Tenancy at risk after rent arrears; engaging with the support worker since the last review.');
  joinContribution(doc, review, sms);
  contributionText(doc, review, sms.agencyId, 'knows').insert(0, 'Attending weekly key-work sessions.');
  setDecisionOutcome(doc, review, 'allocate');
  decisionText(doc, review, 'text').insert(0, 'Allocate tenancy sustainment support and review in four weeks.');
  decisionText(doc, review, 'reasons').insert(0, 'Housing stability is the main protective factor at present.');
  // Due two days ago whenever the demo is seeded: the tracker always has one overdue action to show.
  addAction(doc, review, { what: 'Confirm the tenancy sustainment referral', owner: housing, due: isoDay(at - 2 * day) });
  addAction(doc, review, { what: 'Share the latest engagement summary with the chair', owner: sms, due: isoDay(thisMeetingAt + 14 * day) });
  const done = addAction(doc, review, { what: 'Check for police call-outs to the address', owner: police, due: isoDay(previousAt + 2 * day) });
  updateAction(doc, review, done, { status: 'done' });
  const referral = addAgendaItem(doc, { kind: 'new-referral', title: 'New referral: mother, 29, late booking', caseRef: 'RR-2026-012' });
  updateCaseDetails(doc, referral, { referringAgency: 'Midwifery', riskLevel: 'medium', childrenInvolved: true, consent: 'given', vulnerabilities: ['mental health'] });
  appendNotesParagraph(doc, referral, 'Late booking at 30 weeks; previous child adopted in 2024.');
  setDecisionOutcome(doc, referral, 'accept');
  decisionText(doc, referral, 'text').insert(0, 'Accept onto the pathway with a perinatal mental health assessment.');
  decisionText(doc, referral, 'reasons').insert(0, 'Meets the repeat removals criteria; consent given.');
  addAction(doc, referral, { what: 'Offer a perinatal mental health assessment', owner: mh, due: isoDay(thisMeetingAt + 7 * day) });
  addAgendaItem(doc, { kind: 'any-other-business', title: 'Any other business' });

  meetingDocsRepo(db).compact('demo-previous', 'shared', Y.encodeStateAsUpdate(doc), 0, at);
  const minutes = createMinutesService({ storage: sqliteStorage({ db, sqlite: db.$client }), now: () => previousAt + 90 * 60_000 });
  const actor = { id: chair.id, name: chair.name, email: 'chair@demo.triage.test', agencyId: chair.agencyId, agencyName: chair.agencyName, globalRole: 'chair' as const, language: null };
  await minutes.recordAtEnd('demo-previous', doc, actor, (s) => s.roomState.setStatus('demo-previous', 'ended', previousAt + 90 * 60_000));
  doc.destroy();
  await seedAgreedEarlier(db, seriesId, chairId, previousAt, at, actor);
  // One agency lead named on the series, so the tracker's "Reminders and escalation" shows how escalation is set up.
  db.insert(seriesAgencyLeads).values({ seriesId, agencyId: police.agencyId, personId: police.id, updatedAt: at }).run();
}

/**
 * The meeting the week before last: standing items only, its minutes agreed as a correct record at last week's
 * meeting, so the demo shows an agreed record beside last week's draft (which this week's meeting agrees).
 */
async function seedAgreedEarlier(db: Db, seriesId: string, chairId: string, previousAt: number, at: number, actor: Actor): Promise<void> {
  const earlierAt = weeksBefore(previousAt, 1);
  db.insert(meetings)
    .values({ id: 'demo-earlier', seriesId, title: 'Repeat Removals Triage', scheduledAt: earlierAt, venue: 'Online (Triage Room)', chairId, status: 'live', openedAt: earlierAt, createdAt: at })
    .run();
  const doc = new Y.Doc();
  startAgendaFromTemplate(doc, demoTemplate);
  const aob = readAgenda(doc).find((i) => i.kind === 'any-other-business')!;
  appendNotesParagraph(doc, aob.id, 'The panel agreed to review its referral form at the next quarterly meeting.');
  meetingDocsRepo(db).compact('demo-earlier', 'shared', Y.encodeStateAsUpdate(doc), 0, at);
  const endedAt = earlierAt + 45 * 60_000;
  const minutes = createMinutesService({ storage: sqliteStorage({ db, sqlite: db.$client }), now: () => endedAt });
  await minutes.recordAtEnd('demo-earlier', doc, actor, (s) => s.roomState.setStatus('demo-earlier', 'ended', endedAt));
  doc.destroy();
  db.update(meetings)
    .set({ minutesAgreedAt: previousAt + 10 * 60_000, minutesAgreedBy: chairId, minutesAgreedIn: 'demo-previous', minutesAgreedVersion: 1 })
    .where(eq(meetings.id, 'demo-earlier'))
    .run();
}
