/**
 * The PostgreSQL actions: the same queries as server/db/actions-repo.ts. SQLite sorts NULL first and text bytewise;
 * here undated actions are put first explicitly and text compared with collate "C", so both list in the same order.
 */
import { and, asc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { actionsWhere, type ActionsStore } from '../stores/actions.js';
import type { PgExecutor } from './client.js';
import { bytewise } from './bytewise.js';
import { pgCall } from './faults.js';
import { actionUpdates, actions, agencies, meetings, people, series } from './schema.js';


export function pgActionsStore(db: PgExecutor): ActionsStore {
  const listQuery = (where: SQL | undefined) =>
    db
      .select({
        id: actions.id,
        seriesId: actions.seriesId,
        meetingId: actions.meetingId,
        meetingTitle: meetings.title,
        meetingAt: sql<number>`coalesce(${meetings.openedAt}, ${meetings.scheduledAt})`.mapWith(Number),
        caseRef: actions.caseRef,
        what: actions.what,
        ownerPersonId: actions.ownerPersonId,
        ownerAgencyId: actions.ownerAgencyId,
        ownerName: people.name,
        ownerAgency: agencies.name,
        due: actions.due,
        status: actions.status,
        updatedAt: actions.updatedAt,
      })
      .from(actions)
      .innerJoin(meetings, eq(meetings.id, actions.meetingId))
      .leftJoin(people, eq(people.id, actions.ownerPersonId))
      .leftJoin(agencies, eq(agencies.id, actions.ownerAgencyId))
      .where(where)
      .orderBy(sql`${actions.due} collate "C" asc nulls first`, asc(meetings.scheduledAt), asc(actions.position), bytewise(actions.id));

  return {
    list: (seriesId, filter) => pgCall(() => listQuery(actionsWhere(actions, seriesId, filter))),
    byIds: (ids) => pgCall(async () => (ids.length ? listQuery(inArray(actions.id, ids)) : [])),
    openBefore: (seriesId, before) => pgCall(() => listQuery(and(eq(actions.seriesId, seriesId), eq(actions.status, 'open'), lt(meetings.scheduledAt, before)))),
    updatedInMeeting: (meetingId) =>
      pgCall(async () => (await db.selectDistinct({ id: actionUpdates.actionId }).from(actionUpdates).where(eq(actionUpdates.meetingId, meetingId))).map((r) => r.id)),
    find: (id) => pgCall(async () => (await db.select().from(actions).where(eq(actions.id, id)))[0]),
    history: (actionIds) =>
      pgCall(async () => {
        if (actionIds.length === 0) return [];
        return db
          .select({ actionId: actionUpdates.actionId, status: actionUpdates.status, note: actionUpdates.note, at: actionUpdates.at, meetingId: actionUpdates.meetingId, byName: people.name })
          .from(actionUpdates)
          .innerJoin(people, eq(people.id, actionUpdates.byPersonId))
          .where(inArray(actionUpdates.actionId, actionIds))
          .orderBy(asc(actionUpdates.at), asc(actionUpdates.id));
      }),
    meetingScheduledAt: (meetingId) => pgCall(async () => (await db.select({ at: meetings.scheduledAt }).from(meetings).where(eq(meetings.id, meetingId)))[0]?.at ?? 0),
    meetingSeriesId: (meetingId) =>
      pgCall(async () => (await db.select({ seriesId: meetings.seriesId }).from(meetings).where(eq(meetings.id, meetingId)))[0]?.seriesId ?? null),
    seriesName: (seriesId) => pgCall(async () => (await db.select({ name: series.name }).from(series).where(eq(series.id, seriesId)))[0]?.name ?? null),
    setStatuses: (ids, change, now) =>
      pgCall(() =>
        // All of them or none, as SQLite's: a savepoint when called inside a command's transaction.
        db.transaction(async (tx) => {
          if (ids.length === 0) return;
          await tx.update(actions).set({ status: change.status, updatedAt: now }).where(inArray(actions.id, ids));
          await tx.insert(actionUpdates).values(ids.map((actionId) => ({ actionId, ...change, meetingId: null, at: now })));
        }),
      ),
    setStatus: (id, change, now) =>
      pgCall(() =>
        db.transaction(async (tx) => {
          await tx.update(actions).set({ status: change.status, updatedAt: now }).where(eq(actions.id, id));
          await tx.insert(actionUpdates).values({ actionId: id, ...change, at: now });
        }),
      ),
  };
}
