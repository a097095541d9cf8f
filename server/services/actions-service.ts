/**
 * Actions after their meeting: the series tracker, the next meeting's matters arising, and status updates that land
 * on the original action with a history row saying who, when and where. Engine-neutral: reads through the storage's
 * stores, each change one transaction with its audit row.
 */
import type { ActionView } from '../../shared/api-types.js';
import type { ActionStatus } from '../../shared/minutes.js';
import type { ActionListRow } from '../db/stores/actions.js';
import type { AuditEntry } from '../db/stores/room-records.js';
import type { Storage } from '../db/stores/storage.js';
import { msg } from '../../shared/i18n/message.js';
import { AppError } from '../errors.js';
import { roleMay, type Actor, type Policies } from '../policies/index.js';

const today = (now: number) => new Date(now).toISOString().slice(0, 10);

export function createActionsService(deps: { storage: Storage; policies: Policies; now: () => number }) {
  const { storage, policies, now } = deps;
  const { actions } = storage.stores;
  /** A read's audit row (it lists people's actions across meetings): one statement, nothing else to commit with it. */
  const auditRead = (entry: AuditEntry) => storage.stores.audit.record(entry, now());

  async function present(rows: ActionListRow[]): Promise<ActionView[]> {
    const history = await actions.history(rows.map((r) => r.id));
    const day = today(now());
    return rows.map((r) => ({
      id: r.id,
      meeting: { id: r.meetingId, title: r.meetingTitle, heldAt: new Date(r.meetingAt).toISOString() },
      caseRef: r.caseRef,
      what: r.what,
      owner: r.ownerName ? { id: r.ownerPersonId, name: r.ownerName, agencyId: r.ownerAgencyId, agency: r.ownerAgency ?? '' } : null,
      due: r.due,
      status: r.status,
      overdue: r.status === 'open' && r.due !== null && r.due < day,
      history: history
        .filter((h) => h.actionId === r.id)
        .map((h) => ({ status: h.status, note: h.note, at: new Date(h.at).toISOString(), by: h.byName, meetingId: h.meetingId })),
    }));
  }

  return {
    /** The series' action tracker; each read is audited (it lists people's actions across meetings). */
    async tracker(
      actor: Actor | null,
      seriesId: string,
      query: { agencyId?: string; personId?: string; state: 'open' | 'overdue' | 'all' },
      ip: string | null,
    ): Promise<{ series: { id: string; name: string }; actions: ActionView[]; canUpdate: boolean }> {
      const role = await policies.authoriseSeries(actor, seriesId, 'viewMinutes');
      await auditRead({ actorId: actor!.id, action: 'actions.tracker.view', targetType: 'series', targetId: seriesId, detail: { state: query.state }, ip });
      const statuses: ActionStatus[] | undefined = query.state === 'all' ? undefined : ['open'];
      const views = await present(await actions.list(seriesId, { agencyId: query.agencyId, personId: query.personId, statuses }));
      return {
        series: { id: seriesId, name: (await actions.seriesName(seriesId)) ?? '' },
        actions: query.state === 'overdue' ? views.filter((v) => v.overdue) : views,
        canUpdate: roleMay(role, 'amendMinutes'),
      };
    },

    /** Open actions from the series' earlier meetings, plus those whose status was changed in this meeting. */
    async mattersArising(actor: Actor | null, meetingId: string, ip: string | null): Promise<ActionView[]> {
      const { seriesId } = await policies.meetingAccess(actor, meetingId, 'mattersArising');
      await auditRead({ actorId: actor!.id, action: 'actions.matters-arising.view', targetType: 'meeting', targetId: meetingId, ip });
      const open = await actions.openBefore(seriesId, await actions.meetingScheduledAt(meetingId));
      const openIds = new Set(open.map((o) => o.id));
      const changedHere = await actions.byIds((await actions.updatedInMeeting(meetingId)).filter((id) => !openIds.has(id)));
      return present([...open, ...changedHere]);
    },

    async updateStatus(actor: Actor | null, actionId: string, change: { status: ActionStatus; note?: string; meetingId?: string }, ip: string | null): Promise<ActionView> {
      await storage.transaction(async (s) => {
        const action = await s.actions.find(actionId);
        policies.requireActor(actor);
        // No existence oracle: an action of a series where the actor holds no role answers exactly as a missing one.
        const noSuchAction = new AppError('not_found', msg('actions:errors.noSuchAction'));
        if (!action) throw noSuchAction;
        try {
          await policies.authoriseSeries(actor, action.seriesId, 'view');
        } catch (err) {
          throw err instanceof AppError && err.code === 'not_found' ? noSuchAction : err;
        }
        if (change.meetingId) {
          // Updated under matters arising: the person must be editing a live or upcoming meeting of the same series.
          const { status } = await policies.meetingAccess(actor, change.meetingId, 'edit');
          if ((await s.actions.meetingSeriesId(change.meetingId)) !== action.seriesId) throw new AppError('validation_failed', msg('actions:errors.otherSeries'));
          if (status === 'ended') throw new AppError('conflict', msg('actions:errors.meetingEnded'));
        } else {
          await policies.authoriseSeries(actor, action.seriesId, 'amendMinutes');
        }
        const at = now();
        await s.actions.setStatus(actionId, { status: change.status, note: change.note?.trim() || null, meetingId: change.meetingId ?? null, byPersonId: actor!.id }, at);
        await s.audit.record({ actorId: actor!.id, action: 'action.status', targetType: 'action', targetId: actionId, detail: { status: change.status, meetingId: change.meetingId ?? null }, ip }, at);
      });
      return (await present(await actions.byIds([actionId])))[0];
    },

    /**
     * The tracker's bulk change: several actions of one series to one status, in one transaction with one audit row.
     * Every id must be an action of this series, or nothing changes (an id from elsewhere answers as a missing one).
     */
    async updateStatuses(actor: Actor | null, seriesId: string, change: { actionIds: string[]; status: ActionStatus; note?: string }, ip: string | null): Promise<ActionView[]> {
      await policies.authoriseSeries(actor, seriesId, 'amendMinutes');
      const ids = [...new Set(change.actionIds)];
      await storage.transaction(async (s) => {
        const found = await s.actions.byIds(ids);
        if (found.length !== ids.length || found.some((a) => a.seriesId !== seriesId)) throw new AppError('not_found', msg('actions:errors.noSuchAction'));
        const at = now();
        await s.actions.setStatuses(ids, { status: change.status, note: change.note?.trim() || null, byPersonId: actor!.id }, at);
        await s.audit.record({ actorId: actor!.id, action: 'actions.status.bulk', targetType: 'series', targetId: seriesId, detail: { status: change.status, count: ids.length, actionIds: ids.join(',') }, ip }, at);
      });
      return present(await actions.byIds(ids));
    },
  };
}
export type ActionsService = ReturnType<typeof createActionsService>;
