import { and, asc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from './client.js';
import { actionUpdates, actions, agencies, meetings, people, series } from './schema.js';
import type { ActionStatus } from '../../shared/minutes.js';
import { actionsWhere, type ActionsFilter } from './stores/actions.js';

/** SQL for actions after their meeting: the tracker, matters arising and status updates with history. */
export function actionsRepo(db: Db) {
  const owner = { name: people.name, agencyName: agencies.name };
  const listQuery = (where: SQL | undefined) =>
    db
      .select({
        id: actions.id,
        seriesId: actions.seriesId,
        meetingId: actions.meetingId,
        meetingTitle: meetings.title,
        // When the meeting was held (opened), or its scheduled start if it has not been held.
        meetingAt: sql<number>`coalesce(${meetings.openedAt}, ${meetings.scheduledAt})`,
        caseRef: actions.caseRef,
        what: actions.what,
        ownerPersonId: actions.ownerPersonId,
        ownerAgencyId: actions.ownerAgencyId,
        ownerName: owner.name,
        ownerAgency: owner.agencyName,
        due: actions.due,
        status: actions.status,
        updatedAt: actions.updatedAt,
      })
      .from(actions)
      .innerJoin(meetings, eq(meetings.id, actions.meetingId))
      .leftJoin(people, eq(people.id, actions.ownerPersonId))
      .leftJoin(agencies, eq(agencies.id, actions.ownerAgencyId))
      .where(where)
      // Undated actions first (as SQLite orders NULL), then by meeting and place; the id settles any tie.
      .orderBy(asc(actions.due), asc(meetings.scheduledAt), asc(actions.position), asc(actions.id))
      .all();
  return {
    list(seriesId: string, filter: ActionsFilter) {
      return listQuery(actionsWhere(actions, seriesId, filter));
    },

    byIds(ids: string[]) {
      return ids.length ? listQuery(inArray(actions.id, ids)) : [];
    },

    /** Open actions agreed at meetings of the series held before `before`: the next meeting's matters arising. */
    openBefore(seriesId: string, before: number) {
      return listQuery(and(eq(actions.seriesId, seriesId), eq(actions.status, 'open'), lt(meetings.scheduledAt, before)));
    },

    /** Ids of actions whose status was changed during this meeting's matters arising. */
    updatedInMeeting(meetingId: string): string[] {
      return db.selectDistinct({ id: actionUpdates.actionId }).from(actionUpdates).where(eq(actionUpdates.meetingId, meetingId)).all().map((r) => r.id);
    },

    find(id: string) {
      return db.select().from(actions).where(eq(actions.id, id)).get();
    },

    history(actionIds: string[]) {
      if (actionIds.length === 0) return [];
      return db
        .select({ actionId: actionUpdates.actionId, status: actionUpdates.status, note: actionUpdates.note, at: actionUpdates.at, meetingId: actionUpdates.meetingId, byName: people.name })
        .from(actionUpdates)
        .innerJoin(people, eq(people.id, actionUpdates.byPersonId))
        .where(inArray(actionUpdates.actionId, actionIds))
        .orderBy(asc(actionUpdates.at), asc(actionUpdates.id))
        .all();
    },

    /** When the meeting is scheduled (0 when there is no such meeting): its matters arising come from before it. */
    meetingScheduledAt(meetingId: string): number {
      return db.select({ at: meetings.scheduledAt }).from(meetings).where(eq(meetings.id, meetingId)).get()?.at ?? 0;
    },

    /** The series a meeting belongs to, or null when there is no such meeting. */
    meetingSeriesId(meetingId: string): string | null {
      return db.select({ seriesId: meetings.seriesId }).from(meetings).where(eq(meetings.id, meetingId)).get()?.seriesId ?? null;
    },

    seriesName(seriesId: string): string | null {
      return db.select({ name: series.name }).from(series).where(eq(series.id, seriesId)).get()?.name ?? null;
    },

    /** Several actions set to one status together: all of them or none (one transaction), each with its history row. */
    setStatuses(ids: string[], change: { status: ActionStatus; note: string | null; byPersonId: string }, now: number): void {
      db.transaction((tx) => {
        tx.update(actions).set({ status: change.status, updatedAt: now }).where(inArray(actions.id, ids)).run();
        for (const actionId of ids) tx.insert(actionUpdates).values({ actionId, ...change, meetingId: null, at: now }).run();
      });
    },

    setStatus(id: string, change: { status: ActionStatus; note: string | null; meetingId: string | null; byPersonId: string }, now: number): void {
      db.transaction((tx) => {
        tx.update(actions).set({ status: change.status, updatedAt: now }).where(eq(actions.id, id)).run();
        tx.insert(actionUpdates).values({ actionId: id, ...change, at: now }).run();
      });
    },
  };
}
export type ActionsRepo = ReturnType<typeof actionsRepo>;
