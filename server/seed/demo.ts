/**
 * Seeds the synthetic demo on first start only (when there are no agencies yet), on either engine: the rows are
 * built once, with the real services, on a scratch in-memory SQLite database, then written into the server's
 * database (the SQLite file, PostgreSQL, or both while areas are split between them) in one transaction each.
 */
import * as Y from 'yjs';
import { hashSync } from '@node-rs/argon2';
import { openDatabase, type Db } from '../db/client.js';
import { agencies, meetings, people, series, seriesMembers, type SeriesRole } from '../db/schema.js';
import { anyPersonWithEmail, hasRows, readAllRows, writeRowsIfEmpty, type EngineDatabase, type TableRows } from '../db/table-rows.js';
import { meetingDocsRepo } from '../db/meeting-docs-repo.js';
import { addAgendaItem, readAgenda, startAgendaFromTemplate, updateCaseDetails } from '../../shared/meeting-doc.js';
import { englishText } from '../i18n.js';
import { describeCadence, londonParts, occurrences, type Cadence } from '../../shared/cadence.js';
import { newId } from '../../shared/ids.js';
import type { Logger } from '../logger.js';
import { seedDemoHistory } from './demo-history.js';
import { seedDemoCases } from './demo-cases.js';
import { demoAgencies, demoCases, demoPassword, demoPeople, demoTemplate } from './demo-data.js';

export const demoMeetingId = 'demo-meeting';

/** The demo series meets weekly, Tuesdays 10:00 London time. */
const demoCadence: Cadence = { kind: 'weekly', weekday: 2, time: '10:00' };
/** This week's meeting and the five after it. */
export const demoFollowingIds = ['demo-following', 'demo-following-2', 'demo-following-3', 'demo-following-4', 'demo-following-5'];

/** Whether this database holds the synthetic demo (any demo account): every page then says "Demo data". */
export function holdsDemoData(target: EngineDatabase | Db): Promise<boolean> {
  return anyPersonWithEmail(engineOf(target), demoPeople.map((p) => p.email));
}

const engineOf = (target: EngineDatabase | Db): EngineDatabase => ('engine' in target ? target : { engine: 'sqlite', db: target });

/**
 * Seeds the demo into each target that has no agencies yet (the same rows into each); returns whether it seeded any.
 * A bare SQLite `Db` is one target.
 */
export async function seedDemoIfEmpty(targets: EngineDatabase | Db | (EngineDatabase | Db)[], logger: Logger, now = new Date()): Promise<boolean> {
  const empty: EngineDatabase[] = [];
  for (const target of (Array.isArray(targets) ? targets : [targets]).map(engineOf)) if (!(await hasRows(target, 'agencies'))) empty.push(target);
  if (empty.length === 0) return false;
  const rows = await buildDemoRows(now);
  let seeded = false;
  for (const target of empty) if (await writeRowsIfEmpty(target, rows, 'agencies')) seeded = true;
  if (seeded) logger.info({ agencies: demoAgencies.length, people: demoPeople.length }, 'seeded synthetic demo data');
  return seeded;
}

/** Every row of the demo as of `now`: seeded into a scratch in-memory database by the real services, then read back. */
export async function buildDemoRows(now = new Date()): Promise<TableRows> {
  const scratch = openDatabase(':memory:');
  try {
    await seedInto(scratch.db, now);
    return readAllRows(scratch.db);
  } finally {
    scratch.close();
  }
}

/**
 * One hash for all demo people, made once per process: argon2 is deliberately slow (tens of ms), they share the
 * published demo password, and tests start hundreds of demo servers.
 */
let demoHash: string | null = null;
const demoPasswordHash = (): string => (demoHash ??= hashSync(demoPassword));

async function seedInto(db: Db, now: Date): Promise<void> {
  const at = now.getTime();
  // The next Tuesday 10:00 (London) to come: the demo meeting is always upcoming.
  const [thisMeetingAt, ...followingAt] = occurrences(demoCadence, at, 1 + demoFollowingIds.length);
  const cadence: Cadence = { ...demoCadence, startsOn: londonParts(thisMeetingAt - 7 * 24 * 60 * 60 * 1000).date };
  const passwordHash = demoPasswordHash();
  const agencyIds = new Map<string, string>();
  db.transaction((tx) => {
    for (const agency of demoAgencies) {
      const id = `agency-${agency.key}`;
      agencyIds.set(agency.key, id);
      tx.insert(agencies).values({ id, name: agency.name, shortName: agency.shortName, createdAt: at }).run();
    }
    const chairId = 'person-chair';
    let deputyChairId: string | null = null;
    const members: { personId: string; role: SeriesRole }[] = [];
    for (const person of demoPeople) {
      const id = person.role === 'chair' ? chairId : `person-${newId(8)}`;
      if (person.role === 'coordinator') deputyChairId ??= id;
      // The admin manages the system but is not a member of the series, so cannot open its meetings.
      if (person.role !== 'admin') members.push({ personId: id, role: person.seriesRole ?? person.role });
      tx.insert(people)
        .values({ id, agencyId: agencyIds.get(person.agency)!, name: person.name, email: person.email, jobTitle: person.jobTitle, role: person.role, passwordHash, language: person.language ?? null, createdAt: at })
        .run();
    }
    tx.insert(series)
      .values({
        id: 'series-repeat-removals',
        name: 'Repeat Removals Triage',
        body: 'Repeat Removals Triage Panel',
        ownerAgencyId: agencyIds.get('cs'),
        chairId,
        deputyChairId,
        venue: 'Online (Triage Room)',
        cadenceRule: cadence,
        cadence: describeCadence(cadence, englishText),
        agendaTemplate: demoTemplate,
        createdAt: at,
        updatedAt: at,
      })
      .run();
    for (const m of members) tx.insert(seriesMembers).values({ seriesId: 'series-repeat-removals', ...m, createdAt: at }).run();
    tx.insert(meetings)
      .values([thisMeetingAt, ...followingAt].map((scheduledAt, i) => ({ id: i === 0 ? demoMeetingId : demoFollowingIds[i - 1], seriesId: 'series-repeat-removals', title: 'Repeat Removals Triage', scheduledAt, venue: 'Online (Triage Room)', chairId, createdAt: at })))
      .run();
  });
  // This week's agenda starts from the template like every meeting's, with the cases listed before any other business.
  const doc = new Y.Doc();
  startAgendaFromTemplate(doc, demoTemplate);
  for (const { details, ...item } of demoCases) {
    const id = addAgendaItem(doc, item, readAgenda(doc).length - 1);
    if (details) updateCaseDetails(doc, id, details);
  }
  const docs = meetingDocsRepo(db);
  docs.compact(demoMeetingId, 'shared', Y.encodeStateAsUpdate(doc), 0, at);
  doc.destroy();
  const next = new Y.Doc();
  startAgendaFromTemplate(next, demoTemplate);
  for (const id of demoFollowingIds) docs.compact(id, 'shared', Y.encodeStateAsUpdate(next), 0, at);
  next.destroy();
  await seedDemoHistory(db, 'series-repeat-removals', 'person-chair', thisMeetingAt, at);
  seedDemoCases(db, 'series-repeat-removals', { previous: 'demo-previous', current: demoMeetingId }, at);
}
