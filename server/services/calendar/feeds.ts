/**
 * Calendars: a meeting's .ics for anyone who may see the meeting, and a private feed per person of all their series'
 * meetings. The feed URL carries a random token (calendar apps cannot sign in); only its hash is stored, a new one
 * revokes the old, and the request log redacts it. Creating and revoking a feed are audited; the token never is.
 */
import type Database from 'better-sqlite3';
import type { AuditRepo } from '../../db/audit-repo.js';
import type { CalendarRepo } from '../../db/calendar-repo.js';
import type { SeriesRepo } from '../../db/series-repo.js';
import { AppError } from '../../errors.js';
import type { Actor, Policies } from '../../policies/index.js';
import { renderCalendar } from '../../presenters/calendar.js';
import { hashToken, newToken } from '../tokens.js';
import { msg } from '../../../shared/i18n/message.js';
import type { Language } from '../../../shared/i18n/languages.js';
import { translator } from '../../i18n.js';

export interface CalendarDeps {
  sqlite: Database.Database;
  repo: CalendarRepo;
  series: SeriesRepo;
  policies: Policies;
  auditRepo: AuditRepo;
  now: () => number;
}

export const feedPath = (token: string): string => `/api/calendar/${token}.ics`;

export function createCalendarService(deps: CalendarDeps) {
  const { repo, policies } = deps;
  const audited = (actor: Actor, action: string, ip: string | null, work: () => void) =>
    deps.sqlite
      .transaction(() => {
        work();
        deps.auditRepo.record({ actorId: actor.id, action, targetType: 'person', targetId: actor.id, ip }, deps.now());
      })
      .immediate();

  return {
    /** One meeting as an invite; a cancelled one as a cancellation. */
    meetingIcs(actor: Actor | null, meetingId: string, baseUrl: string, lang: Language = 'en'): { ics: string; fileName: string } {
      policies.authoriseMeeting(actor, meetingId, 'view');
      const meeting = deps.series.findMeeting(meetingId)!;
      const series = deps.series.find(meeting.seriesId)!;
      return { ics: renderCalendar([{ meeting, series }], { name: series.name, baseUrl, single: true, lang }), fileName: `${meeting.id}.ics` };
    },

    feedStatus(actor: Actor | null): { active: boolean; createdAt: string | null } {
      const who = policies.requireActor(actor);
      const feed = repo.feedOf(who.id);
      return { active: feed !== undefined, createdAt: feed ? new Date(feed.createdAt).toISOString() : null };
    },

    /** A new private feed URL, shown once; any earlier URL of this person stops working. */
    createFeed(actor: Actor | null, ip: string | null): { path: string } {
      const who = policies.requireActor(actor);
      const token = newToken();
      audited(who, 'calendar.feed.create', ip, () => repo.setFeed(who.id, hashToken(token), deps.now()));
      return { path: feedPath(token) };
    },

    revokeFeed(actor: Actor | null, ip: string | null): void {
      const who = policies.requireActor(actor);
      if (!repo.feedOf(who.id)) throw new AppError('not_found', msg('series:errors.noFeed'));
      audited(who, 'calendar.feed.revoke', ip, () => repo.deleteFeed(who.id));
    },

    /** The feed behind a token: the person's series' meetings (cancelled ones as cancelled). 404 for any bad token. */
    feed(token: string, baseUrl: string): string {
      const owner = /^[A-Za-z0-9_-]{20,100}$/.test(token) ? repo.ownerOf(hashToken(token)) : undefined;
      // Administrators hold no meeting role, and a disabled account's feed stops with it.
      if (!owner || owner.role === 'admin' || owner.disabled !== null) throw new AppError('not_found', msg('series:errors.noSuchCalendar'));
      // A calendar app fetches the feed with no session or cookie: it is written in its owner's saved language.
      const lang = owner.language ?? 'en';
      return renderCalendar(repo.meetingsOfMember(owner.id), { name: translator(lang)('series:calendar.feedName'), baseUrl, single: false, lang });
    },
  };
}
export type CalendarService = ReturnType<typeof createCalendarService>;
