/**
 * Bench-only setup for Triage Room. The Yjs upgrade refuses unknown meetings (404) and anyone signed out (401)
 * or not in the meeting's series (403), so before spawning the server this creates, in a fresh database:
 * an agency, a series, one bench person who is a `member` of it (may edit), and the meetings `bench-0` … .
 * After the server is up, `signInBench` gets the session cookie through the real sign-in endpoint.
 */
import { hashSync } from '@node-rs/argon2';
import { openDatabase } from '../../../server/db/client.js';
import { agencies, meetings, people, series, seriesMembers } from '../../../server/db/schema.js';

export const benchRoomId = (i: number): string => `bench-${i}`;
const benchEmail = 'bench@bench.triage.test';
const benchPassword = 'bench-password-not-secret';

export function seedBenchMeetings(dbFile: string, ids: readonly string[]): void {
  const database = openDatabase(dbFile);
  try {
    const at = Date.now();
    const passwordHash = hashSync(benchPassword);
    database.db.transaction((tx) => {
      tx.insert(agencies).values({ id: 'agency-bench', name: 'Bench Agency', shortName: 'BENCH', createdAt: at }).onConflictDoNothing().run();
      tx.insert(people)
        .values({ id: 'person-bench', agencyId: 'agency-bench', name: 'Bench Client', email: benchEmail, role: 'member', passwordHash, createdAt: at })
        .onConflictDoNothing()
        .run();
      tx.insert(series)
        .values({ id: 'series-bench', name: 'Bench series', cadence: '', ownerAgencyId: 'agency-bench', createdAt: at })
        .onConflictDoNothing()
        .run();
      tx.insert(seriesMembers).values({ seriesId: 'series-bench', personId: 'person-bench', role: 'member', createdAt: at }).onConflictDoNothing().run();
      for (const id of ids) {
        tx.insert(meetings)
          .values({ id, seriesId: 'series-bench', title: `Bench ${id}`, scheduledAt: at, status: 'live', createdAt: at })
          .onConflictDoNothing()
          .run();
      }
    });
  } finally {
    database.close();
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
