/**
 * The demo's case register: about ten cases over three months, their referrals (one pending, one returned for more
 * information, one repeat referral matched to a case closed five months ago), this week's agenda published and
 * research from two agencies on this week's cases. Synthetic data only: no names anywhere, by design.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { agencies, agendaPublications, caseResearch, cases, people, referrals, series } from '../db/schema.js';
import type { ConsentStatus, RiskLevel } from '../../shared/domain.js';

const day = 24 * 60 * 60 * 1000;

interface DemoCase {
  seq: number;
  agency: string;
  createdDaysAgo: number;
  riskLevel: RiskLevel;
  childrenInvolved: boolean;
  consent: ConsentStatus;
  lawfulBasis?: string;
  vulnerabilities: string[];
  summary: string;
  closed?: { daysAgo: number; reason: string };
  status: 'referred' | 'open' | 'closed' | 'merged';
  mergedInto?: number;
}

const safeguarding = 'Safeguarding a child at risk of significant harm';

// The seq numbers match the references on the demo agendas (RR-2026-009 … RR-2026-016).
const demoCases: DemoCase[] = [
  { seq: 7, agency: 'cs', createdDaysAgo: 240, riskLevel: 'medium', childrenInvolved: true, consent: 'given', vulnerabilities: ['mental health'], summary: 'Mother, 27, baby removed at birth in 2025; engaged with perinatal team.', closed: { daysAgo: 150, reason: 'Engaged with universal services; no further action needed' }, status: 'closed' },
  { seq: 8, agency: 'hou', createdDaysAgo: 88, riskLevel: 'standard', childrenInvolved: false, consent: 'given', vulnerabilities: ['housing'], summary: 'Mother, 35, temporary accommodation after eviction.', closed: { daysAgo: 40, reason: 'Moved out of area; transferred to the receiving authority' }, status: 'closed' },
  { seq: 9, agency: 'hou', createdDaysAgo: 80, riskLevel: 'standard', childrenInvolved: false, consent: 'given', vulnerabilities: ['housing'], summary: 'Tenancy at risk after rent arrears.', status: 'open' },
  { seq: 10, agency: 'amh', createdDaysAgo: 70, riskLevel: 'medium', childrenInvolved: true, consent: 'given', vulnerabilities: ['mental health'], summary: 'Mother, 30, postnatal depression; one child at home.', closed: { daysAgo: 20, reason: 'Support plan completed' }, status: 'closed' },
  { seq: 11, agency: 'sms', createdDaysAgo: 60, riskLevel: 'medium', childrenInvolved: false, consent: 'given', vulnerabilities: ['substance misuse'], summary: 'Engagement with the recovery service after relapse.', status: 'open' },
  { seq: 12, agency: 'amh', createdDaysAgo: 14, riskLevel: 'medium', childrenInvolved: true, consent: 'given', vulnerabilities: ['mental health'], summary: 'Mother, 29, late booking; previous child adopted.', status: 'open' },
  { seq: 13, agency: 'adv', createdDaysAgo: 10, riskLevel: 'standard', childrenInvolved: false, consent: 'given', vulnerabilities: ['housing'], summary: 'Woman, 22, asking for advocacy with housing.', closed: { daysAgo: 8, reason: 'Referral declined: below the threshold; signposted to early help' }, status: 'closed' },
  { seq: 14, agency: 'amh', createdDaysAgo: 100, riskLevel: 'high', childrenInvolved: true, consent: 'given', vulnerabilities: ['substance misuse', 'housing'], summary: 'Mother, 24, third pregnancy.', closed: { daysAgo: 95, reason: 'Referral declined: not pregnant at the time' }, status: 'open' },
  { seq: 15, agency: 'cs', createdDaysAgo: 5, riskLevel: 'medium', childrenInvolved: true, consent: 'not-sought', lawfulBasis: safeguarding, vulnerabilities: ['mental health'], summary: 'Mother, 31, two children in care.', status: 'open' },
  { seq: 16, agency: 'pol', createdDaysAgo: 4, riskLevel: 'high', childrenInvolved: true, consent: 'refused', lawfulBasis: 'Prevention of serious harm (domestic abuse)', vulnerabilities: ['domestic abuse'], summary: 'Domestic abuse disclosure; pregnant.', status: 'open' },
  { seq: 17, agency: 'amh', createdDaysAgo: 6, riskLevel: 'high', childrenInvolved: true, consent: 'given', vulnerabilities: ['substance misuse', 'housing'], summary: 'Mother, 24, third pregnancy.', status: 'merged', mergedInto: 14 },
  { seq: 18, agency: 'pol', createdDaysAgo: 1, riskLevel: 'high', childrenInvolved: true, consent: 'refused', lawfulBasis: 'Prevention of serious harm (domestic abuse)', vulnerabilities: ['domestic abuse'], summary: 'Call-out to a pregnant woman; partner arrested.', status: 'referred' },
  { seq: 19, agency: 'hou', createdDaysAgo: 2, riskLevel: 'medium', childrenInvolved: true, consent: 'given', vulnerabilities: ['housing'], summary: 'Family of three in one room; mother expecting.', status: 'referred' },
  { seq: 20, agency: 'cs', createdDaysAgo: 3, riskLevel: 'medium', childrenInvolved: true, consent: 'given', vulnerabilities: ['mental health'], summary: 'Mother, 27, pregnant again after a removal in 2025.', status: 'merged', mergedInto: 7 },
];

const caseId = (seq: number) => `case-rr-2026-${String(seq).padStart(3, '0')}`;
const ref = (seq: number) => `RR-2026-${String(seq).padStart(3, '0')}`;

export function seedDemoCases(db: Db, seriesId: string, meetings: { previous: string; current: string }, at: number): void {
  const person = (email: string) =>
    db.select({ id: people.id, agencyId: agencies.id }).from(people).innerJoin(agencies, eq(agencies.id, people.agencyId)).where(eq(people.email, `${email}@demo.triage.test`)).get()!;
  const who = { cs: person('coordinator'), amh: person('mh'), sms: person('sms'), pol: person('police'), hou: person('housing'), adv: person('advocate') };
  const coordinator = who.cs;
  const ago = (days: number) => at - days * day;

  db.transaction((tx) => {
    tx.update(series).set({ caseRefPrefix: 'RR' }).where(eq(series.id, seriesId)).run();
    for (const c of demoCases) {
      tx.insert(cases)
        .values({
          id: caseId(c.seq),
          seriesId,
          ref: ref(c.seq),
          prefix: 'RR',
          year: 2026,
          seq: c.seq,
          status: c.status,
          referringAgencyId: `agency-${c.agency}`,
          riskLevel: c.riskLevel,
          childrenInvolved: c.childrenInvolved,
          consent: c.consent,
          lawfulBasis: c.lawfulBasis ?? '',
          vulnerabilities: c.vulnerabilities,
          summary: c.summary,
          closedAt: c.closed ? ago(c.closed.daysAgo) : null,
          closedReason: c.closed?.reason ?? null,
          closedBy: c.closed ? coordinator.id : null,
          mergedIntoId: c.mergedInto ? caseId(c.mergedInto) : null,
          createdAt: ago(c.createdDaysAgo),
          updatedAt: ago(c.closed?.daysAgo ?? c.createdDaysAgo),
        })
        .run();
    }
    const referral = (
      c: DemoCase,
      extra: Partial<typeof referrals.$inferInsert> & { state: (typeof referrals.$inferInsert)['state'] },
      reason = 'Pregnant and known to services; needs a joined-up plan before the birth.',
    ) =>
      tx
        .insert(referrals)
        .values({
          id: `referral-${c.seq}${extra.caseId ? '-repeat' : ''}`,
          seriesId,
          caseId: caseId(c.seq),
          issuedCaseId: caseId(c.seq),
          referrerId: who[c.agency as keyof typeof who].id,
          agencyId: `agency-${c.agency}`,
          reason,
          urgent: false,
          fields: { riskLevel: c.riskLevel, childrenInvolved: c.childrenInvolved, consent: c.consent, lawfulBasis: c.lawfulBasis ?? '', vulnerabilities: c.vulnerabilities, summary: c.summary },
          infoExchanges: [],
          earlierReferredAt: [],
          createdAt: ago(c.createdDaysAgo),
          updatedAt: ago(c.createdDaysAgo),
          ...extra,
        })
        .run();
    const bySeq = new Map(demoCases.map((c) => [c.seq, c]));
    const decided = (c: DemoCase, days = c.createdDaysAgo - 1) => ({ decidedBy: coordinator.id, decidedAt: ago(Math.max(days, 0)) });
    // Accepted onto meetings the demo does not hold (older) or onto last week's / this week's meetings.
    for (const seq of [7, 8, 9, 10, 11]) referral(bySeq.get(seq)!, { state: 'accepted', ...decided(bySeq.get(seq)!) });
    referral(bySeq.get(12)!, { state: 'accepted', meetingId: meetings.previous, ...decided(bySeq.get(12)!) });
    referral(bySeq.get(13)!, { state: 'declined', stateMessage: 'Below the threshold; signposted to early help', ...decided(bySeq.get(13)!, 8) });
    referral(bySeq.get(14)!, { state: 'declined', stateMessage: 'Not pregnant at the time', ...decided(bySeq.get(14)!, 95) });
    for (const seq of [15, 16]) referral(bySeq.get(seq)!, { state: 'accepted', meetingId: meetings.current, ...decided(bySeq.get(seq)!) });
    // RR-2026-014 again: referred 100 days ago and closed 95 days ago, so the server marked it a repeat.
    const again = bySeq.get(17)!;
    referral(again, { id: 'referral-17', caseId: caseId(14), state: 'accepted', meetingId: meetings.current, repeat: true, earlierReferredAt: [ago(100)], earlierClosedAt: ago(95), ...decided(again) });
    referral(bySeq.get(18)!, { state: 'pending', urgent: true }, 'Police attended a domestic incident; the woman is 28 weeks pregnant.');
    referral(
      bySeq.get(19)!,
      {
        state: 'more-info-requested',
        stateMessage: 'Is the family already known to children’s services, and has the midwife been told?',
        infoExchanges: [{ request: 'Is the family already known to children’s services, and has the midwife been told?', response: null, requestedAt: ago(1), respondedAt: null }],
      },
      'Overcrowding and damp; mother due in eight weeks.',
    );
    // A repeat referral matched to RR-2026-007, closed five months ago; waiting to be listed.
    const repeat = bySeq.get(20)!;
    referral(repeat, { id: 'referral-20', caseId: caseId(7), state: 'pending', repeat: true, earlierReferredAt: [ago(240)], earlierClosedAt: ago(150) }, 'Pregnant again; previous baby removed at birth.');

    tx.insert(agendaPublications).values({ meetingId: meetings.current, publishedAt: ago(2), publishedBy: coordinator.id }).run();
    const research = (seq: number, agency: 'pol' | 'amh', knows: string, risks: string, view: string, meetingId = meetings.current, daysAgo = 1) =>
      tx
        .insert(caseResearch)
        .values({ id: meetingId === meetings.current ? `research-${seq}-${agency}` : `research-${seq}-${agency}-previous`, caseId: caseId(seq), meetingId, agencyId: `agency-${agency}`, knows, risks, view, authorIds: [who[agency].id], createdAt: ago(daysAgo), updatedAt: ago(daysAgo) })
        .run();
    // Last week's (held) meeting had research too, so the outcomes dashboard's research table has figures.
    research(12, 'amh', 'Previous child adopted in 2024; known to the perinatal team.', 'Late booking.', 'Offer a perinatal assessment.', meetings.previous, 8);
    research(9, 'pol', 'One call-out to the address last year.', 'None current.', 'No police action needed.', meetings.previous, 8);
    research(15, 'amh', 'Known to the perinatal team since 2024.', 'Low mood reported at the last contact.', 'Offer a joint visit with the health visitor.');
    research(15, 'pol', 'No police contact in the last two years.', 'None known to us.', 'No police action needed.');
    research(16, 'pol', 'Two call-outs to the address this year.', 'Partner on bail with conditions not to attend.', 'Refer to MARAC as well.');
    research(16, 'amh', 'Not known to adult mental health.', 'Anxiety mentioned by the midwife.', 'Screen at the booking appointment.');
  });
}
