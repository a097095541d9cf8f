/**
 * Which storage areas run on PostgreSQL today. Until every area does, `TRIAGE_DATABASE_URL` is refused at start
 * (server/config.ts) with this list, rather than half the data going to PostgreSQL and half to SQLite.
 * When an area's PostgreSQL store is written, contract-tested on both engines AND used by the server, move it over.
 */
export const storageAreas = [
  // Every area has a PostgreSQL store that passes its contract suite (test/contract/); serverUsesIt: the server calls it.
  { area: 'the meeting document log and snapshots', postgresStore: true, serverUsesIt: true },
  { area: 'the minutes record', postgresStore: true, serverUsesIt: true },
  { area: 'room state and attendance', postgresStore: true, serverUsesIt: true },
  { area: 'the audit log', postgresStore: true, serverUsesIt: true },
  { area: 'sign-in, sessions and lockout', postgresStore: true, serverUsesIt: true },
  { area: 'the records lists (meetings, agencies, people, participants)', postgresStore: true, serverUsesIt: true },
  { area: 'the email outbox', postgresStore: true, serverUsesIt: true },
  { area: 'people and agencies (administration, preferences)', postgresStore: true, serverUsesIt: true },
  { area: 'series and their members', postgresStore: true, serverUsesIt: true },
  { area: 'meetings, invites and guests', postgresStore: true, serverUsesIt: true },
  { area: 'actions and escalations', postgresStore: true, serverUsesIt: true },
  { area: 'cases, referrals and research', postgresStore: true, serverUsesIt: true },
  { area: 'circulation and reminders', postgresStore: true, serverUsesIt: true },
  { area: 'calendar feeds', postgresStore: true, serverUsesIt: true },
] as const;

/** The areas that keep a PostgreSQL install from running, or an empty list once every area is on PostgreSQL. */
export const areasNotOnPostgres = (): string[] => storageAreas.filter((a) => !a.serverUsesIt).map((a) => a.area);
