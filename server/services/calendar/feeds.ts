/**
 * Calendars: a meeting's .ics for anyone who may see the meeting, and a private feed per person of all their series'
 * meetings. The feed URL carries a random token (calendar apps cannot sign in); only its hash is stored, a new one
 * revokes the old, and the request log redacts it. Creating and revoking a feed are audited; the token never is.
 */
import type { Stores } from '../../db/stores/index.js';
import type { Storage } from '../../db/stores/storage.js';
import { AppError } from '../../errors.js';
import type { Actor, Policies } from '../../policies/index.js';
import { renderCalendar } from '../../presenters/calendar.js';
import { hashToken, newToken } from '../tokens.js';
import { msg } from '../../../shared/i18n/message.js';
import type { Language } from '../../../shared/i18n/languages.js';
import { translator } from '../../i18n.js';

export interface CalendarDeps {
  storage: Storage;
  policies: Policies;
  now: () => number;
}

export const feedPath = (token: string): string => `/api/calendar/${token}.ics`;

export function createCalendarService(deps: CalendarDeps) {
  const { storage, policies } = deps;
  const stores = storage.stores;
  /** One command: its write and its audit row in one transaction. */
  const audited = (actor: Actor, action: string, ip: string | null, work: (s: Stores) => Promise<unknown>): Promise<void> =>
    storage.transaction(async (s) => {
      await work(s);
      await s.audit.record({ actorId: actor.id, action, targetType: 'person', targetId: actor.id, ip }, deps.now());
    });

  return {
    /** One meeting as an invite; a cancelled one as a cancellation. */
    async meetingIcs(actor: Actor | null, meetingId: string, baseUrl: string, lang: Language = 'en'): Promise<{ ics: string; fileName: string }> {
      await policies.authoriseMeeting(actor, meetingId, 'view');
      const meeting = (await stores.series.findMeeting(meetingId))!;
      const series = (await stores.series.find(meeting.seriesId))!;
      return { ics: await renderCalendar([{ meeting, series }], { name: series.name, baseUrl, single: true, lang }), fileName: `${meeting.id}.ics` };
    },

    async feedStatus(actor: Actor | null): Promise<{ active: boolean; createdAt: string | null }> {
      const who = policies.requireActor(actor);
      const feed = await stores.calendar.feedOf(who.id);
      return { active: feed !== undefined, createdAt: feed ? new Date(feed.createdAt).toISOString() : null };
    },

    /** A new private feed URL, shown once; any earlier URL of this person stops working. */
    async createFeed(actor: Actor | null, ip: string | null): Promise<{ path: string }> {
      const who = policies.requireActor(actor);
      const token = newToken();
      await audited(who, 'calendar.feed.create', ip, (s) => s.calendar.setFeed(who.id, hashToken(token), deps.now()));
      return { path: feedPath(token) };
    },

    async revokeFeed(actor: Actor | null, ip: string | null): Promise<void> {
      const who = policies.requireActor(actor);
      await audited(who, 'calendar.feed.revoke', ip, async (s) => {
        // Checked where it is deleted, so two revocations at once give one audit row and one 404.
        if (!(await s.calendar.deleteFeed(who.id))) throw new AppError('not_found', msg('series:errors.noFeed'));
      });
    },

    /** The feed behind a token: the person's series' meetings (cancelled ones as cancelled). 404 for any bad token. */
    async feed(token: string, baseUrl: string): Promise<string> {
      const owner = /^[A-Za-z0-9_-]{20,100}$/.test(token) ? await stores.calendar.ownerOf(hashToken(token)) : undefined;
      // Administrators hold no meeting role, and a disabled account's feed stops with it.
      if (!owner || owner.role === 'admin' || owner.disabled !== null) throw new AppError('not_found', msg('series:errors.noSuchCalendar'));
      // A calendar app fetches the feed with no session or cookie: it is written in its owner's saved language.
      const lang = owner.language ?? 'en';
      return await renderCalendar(await stores.calendar.meetingsOfMember(owner.id), { name: translator(lang)('series:calendar.feedName'), baseUrl, single: false, lang });
    },
  };
}
export type CalendarService = ReturnType<typeof createCalendarService>;
