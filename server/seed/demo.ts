/** Seeds the synthetic demo on first start only (when there are no agencies yet). */
import * as Y from 'yjs';
import { inArray } from 'drizzle-orm';
import { hashSync } from '@node-rs/argon2';
import type { Db } from '../db/client.js';
import { agencies, meetings, people, series, seriesMembers } from '../db/schema.js';
import { meetingDocsRepo } from '../db/meeting-docs-repo.js';
import { addAgendaItem, updateCaseDetails } from '../../shared/meeting-doc.js';
import { newId } from '../../shared/ids.js';
import type { Logger } from '../logger.js';
import { seedDemoHistory } from './demo-history.js';
import { demoAgencies, demoAgenda, demoPassword, demoPeople } from './demo-data.js';

export const demoMeetingId = 'demo-meeting';

/** Next Tuesday 10:00 local time: the demo meeting is always upcoming. */
function nextTuesdayTen(now: Date): number {
  const d = new Date(now);
  d.setHours(10, 0, 0, 0);
  d.setDate(d.getDate() + (((2 - d.getDay() + 7) % 7) || 7));
  return d.getTime();
}

/** Whether this database holds the synthetic demo (any demo account): every page then says "Demo data". */
export function holdsDemoData(db: Db): boolean {
  const emails = demoPeople.map((p) => p.email);
  return db.select({ id: people.id }).from(people).where(inArray(people.email, emails)).limit(1).get() !== undefined;
}

export function seedDemoIfEmpty(db: Db, logger: Logger, now = new Date()): boolean {
  if (db.select({ id: agencies.id }).from(agencies).limit(1).get()) return false;
  const at = now.getTime();
  // One hash for all demo people: argon2 is deliberately slow and they share the demo password.
  const passwordHash = hashSync(demoPassword);
  const agencyIds = new Map<string, string>();
  db.transaction((tx) => {
    for (const agency of demoAgencies) {
      const id = `agency-${agency.key}`;
      agencyIds.set(agency.key, id);
      tx.insert(agencies).values({ id, name: agency.name, shortName: agency.shortName, createdAt: at }).run();
    }
    const chairId = 'person-chair';
    const members: { personId: string; role: 'coordinator' | 'chair' | 'member' | 'observer' }[] = [];
    for (const person of demoPeople) {
      const id = person.role === 'chair' ? chairId : `person-${newId(8)}`;
      // The admin manages the system but is not a member of the series, so cannot open its meetings.
      if (person.role !== 'admin') members.push({ personId: id, role: person.role });
      tx.insert(people)
        .values({ id, agencyId: agencyIds.get(person.agency)!, name: person.name, email: person.email, jobTitle: person.jobTitle, role: person.role, passwordHash, createdAt: at })
        .run();
    }
    tx.insert(series)
      .values({ id: 'series-repeat-removals', name: 'Repeat Removals Triage', cadence: 'Weekly', ownerAgencyId: agencyIds.get('cs'), createdAt: at })
      .run();
    for (const m of members) tx.insert(seriesMembers).values({ seriesId: 'series-repeat-removals', ...m, createdAt: at }).run();
    tx.insert(meetings)
      .values({ id: demoMeetingId, seriesId: 'series-repeat-removals', title: 'Repeat Removals Triage', scheduledAt: nextTuesdayTen(now), venue: 'Online (Triage Room)', chairId, createdAt: at })
      .run();
  });
  const doc = new Y.Doc();
  for (const { details, ...item } of demoAgenda) {
    const id = addAgendaItem(doc, item);
    if (details) updateCaseDetails(doc, id, details);
  }
  meetingDocsRepo(db).compact(demoMeetingId, 'shared', Y.encodeStateAsUpdate(doc), 0, at);
  doc.destroy();
  seedDemoHistory(db, 'series-repeat-removals', 'person-chair', nextTuesdayTen(now), at);
  logger.info({ agencies: demoAgencies.length, people: demoPeople.length }, 'seeded synthetic demo data');
  return true;
}
