/**
 * Every engine-neutral store of one database, built for SQLite here or for PostgreSQL (pg-storage.ts, loaded only
 * when PostgreSQL is used). This is what the server will take
 * once its services call the async stores (see postgres-coverage.ts for which areas are ready).
 */
import type { Database_ } from '../client.js';
import { attendanceRepo } from '../attendance-repo.js';
import { auditRepo } from '../audit-repo.js';
import { authRepo } from '../auth-repo.js';
import { casesRepo } from '../cases-repo.js';
import { meetingDocsRepo } from '../meeting-docs-repo.js';
import { minutesRepo } from '../minutes-repo.js';
import { outboxRepo } from '../outbox-repo.js';
import { recordsRepo } from '../records-repo.js';
import { roomStateRepo } from '../room-state-repo.js';
import { actionsRepo } from '../actions-repo.js';
import { circulationRepo } from '../circulation-repo.js';
import { outcomesRepo } from '../outcomes-repo.js';
import { remindersRepo } from '../reminders-repo.js';
import { seriesRepo } from '../series-repo.js';
import { calendarRepo } from '../calendar-repo.js';
import { invitesRepo } from '../invites-repo.js';
import type { SeriesStore } from './series.js';
import type { CalendarStore } from './calendar.js';
import type { InvitesStore } from './invites.js';
import { membershipRepo } from '../membership-repo.js';
import { adminRepo } from '../admin-repo.js';
import type { MembershipStore } from './membership.js';
import type { AdminStore } from './admin.js';
import { asyncStore } from './async-store.js';
import type { ActionsStore } from './actions.js';
import type { CirculationStore } from './circulation.js';
import type { OutcomesStore } from './outcomes.js';
import type { RemindersStore } from './reminders.js';
import { sqliteAuthStore } from '../sqlite/auth-store.js';
import { sqliteCasesStore } from '../sqlite/cases-store.js';
import { sqliteMeetingDocStore } from '../sqlite/meeting-docs-store.js';
import { sqliteMinutesStore } from '../sqlite/minutes-store.js';
import { sqliteOutboxStore } from '../sqlite/outbox-store.js';
import { sqliteRecordsStore } from '../sqlite/records-store.js';
import { sqliteAttendanceStore, sqliteAuditStore, sqliteRoomStateStore } from '../sqlite/room-records-store.js';
import type { AuthStore } from './auth.js';
import type { CasesStore } from './cases.js';
import type { MeetingDocStore } from './meeting-docs.js';
import type { MinutesStore } from './minutes.js';
import type { OutboxStore } from './outbox.js';
import type { RecordsStore } from './records.js';
import type { AttendanceStore, AuditStore, RoomStateStore } from './room-records.js';

export interface Stores {
  engine: 'sqlite' | 'postgres';
  meetingDocs: MeetingDocStore;
  minutes: MinutesStore;
  roomState: RoomStateStore;
  attendance: AttendanceStore;
  audit: AuditStore;
  auth: AuthStore;
  records: RecordsStore;
  outbox: OutboxStore;
  cases: CasesStore;
  actions: ActionsStore;
  outcomes: OutcomesStore;
  reminders: RemindersStore;
  circulation: CirculationStore;
  series: SeriesStore;
  calendar: CalendarStore;
  invites: InvitesStore;
  membership: MembershipStore;
  admin: AdminStore;
}

/** The stores over an open SQLite database (which stays the caller's to close). */
export function sqliteStores({ db }: Pick<Database_, 'db' | 'sqlite'>): Stores {
  return {
    engine: 'sqlite',
    meetingDocs: sqliteMeetingDocStore(meetingDocsRepo(db)),
    minutes: sqliteMinutesStore(minutesRepo(db)),
    roomState: sqliteRoomStateStore(roomStateRepo(db)),
    attendance: sqliteAttendanceStore(attendanceRepo(db)),
    audit: sqliteAuditStore(auditRepo(db)),
    auth: sqliteAuthStore(authRepo(db)),
    records: sqliteRecordsStore(recordsRepo(db)),
    outbox: sqliteOutboxStore(outboxRepo(db)),
    cases: sqliteCasesStore(casesRepo(db)),
    actions: asyncStore(actionsRepo(db)),
    outcomes: asyncStore(outcomesRepo(db)),
    reminders: asyncStore(remindersRepo(db)),
    circulation: asyncStore(circulationRepo(db)),
    series: asyncStore(seriesRepo(db)),
    calendar: asyncStore(calendarRepo(db)),
    invites: asyncStore(invitesRepo(db)),
    membership: asyncStore(membershipRepo(db)),
    admin: asyncStore(adminRepo(db)),
  };
}
