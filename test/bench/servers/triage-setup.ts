/**
 * Bench-only setup for Triage Room. The Yjs upgrade refuses unknown meetings (404) and anyone signed out (401)
 * or not in the meeting's series (403), so before spawning the server this creates, in a fresh database:
 * an agency, a series, one bench person who is a `member` of it (may edit), and the meetings `bench-0` … .
 * After the server is up, `signInBench` gets the session cookie through the real sign-in endpoint.
 * The same rows go to SQLite (`seedBenchMeetings`) or to PostgreSQL (`seedBenchMeetingsPg`, the two-process row).
 */
import { hashSync } from '@node-rs/argon2';
import { openDatabase } from '../../../server/db/client.js';
import { agencies, meetings, people, series, seriesMembers } from '../../../server/db/schema.js';
import * as pgSchema from '../../../server/db/pg/schema.js';

export const benchRoomId = (i: number): string => `bench-${i}`;
const benchEmail = 'bench@bench.triage.test';
const benchPassword = 'bench-password-not-secret';

/** The bench rows, engine-neutral: one agency, one member person, one series, the live meetings. */
function benchRows(ids: readonly string[]) {
  const at = Date.now();
  return {
    agency: { id: 'agency-bench', name: 'Bench Agency', shortName: 'BENCH', createdAt: at },
    person: { id: 'person-bench', agencyId: 'agency-bench', name: 'Bench Client', email: benchEmail, role: 'member' as const, passwordHash: hashSync(benchPassword), createdAt: at },
    series: { id: 'series-bench', name: 'Bench series', cadence: '', ownerAgencyId: 'agency-bench', createdAt: at },
    member: { seriesId: 'series-bench', personId: 'person-bench', role: 'member' as const, createdAt: at },
    meetings: ids.map((id) => ({ id, seriesId: 'series-bench', title: `Bench ${id}`, scheduledAt: at, status: 'live' as const, createdAt: at })),
  };
}

export function seedBenchMeetings(dbFile: string, ids: readonly string[]): void {
  const database = openDatabase(dbFile);
  try {
    const rows = benchRows(ids);
    database.db.transaction((tx) => {
      tx.insert(agencies).values(rows.agency).onConflictDoNothing().run();
      tx.insert(people).values(rows.person).onConflictDoNothing().run();
      tx.insert(series).values(rows.series).onConflictDoNothing().run();
      tx.insert(seriesMembers).values(rows.member).onConflictDoNothing().run();
      for (const meeting of rows.meetings) tx.insert(meetings).values(meeting).onConflictDoNothing().run();
    });
  } finally {
    database.close();
  }
}

/** The same rows in a PostgreSQL database, after applying the committed migrations (as a server would at start). */
export async function seedBenchMeetingsPg(url: string, ids: readonly string[]): Promise<void> {
  // Imported here: the single-process rows never load the PostgreSQL client.
  const { openPgDatabase } = await import('../../../server/db/pg/client.js');
  const database = await openPgDatabase(url, { max: 1 });
  try {
    const rows = benchRows(ids);
    await database.db.transaction(async (tx) => {
      await tx.insert(pgSchema.agencies).values(rows.agency).onConflictDoNothing();
      await tx.insert(pgSchema.people).values(rows.person).onConflictDoNothing();
      await tx.insert(pgSchema.series).values(rows.series).onConflictDoNothing();
      await tx.insert(pgSchema.seriesMembers).values(rows.member).onConflictDoNothing();
      if (rows.meetings.length) await tx.insert(pgSchema.meetings).values(rows.meetings).onConflictDoNothing();
    });
  } finally {
    await database.close();
  }
}

/** Signs the bench person in and returns the Cookie header value every load client sends in its upgrade. */
export async function signInBench(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: benchEmail, password: benchPassword }),
  });
  if (res.status !== 201) throw new Error(`bench sign-in failed: HTTP ${res.status} ${await res.text()}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0];
}
