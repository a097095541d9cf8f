/**
 * Who may open an agency extract sent by link: only the person it was sent to, signed in as themselves, before it
 * expires, and only while they still read minutes in the series (removed from it, the link stops working). Anyone
 * else hears exactly what a wrong or expired link gets: 404, so a link reveals nothing to the person it was not for.
 */
import { AppError, msg } from '../errors.js';
import type { Actor } from './index.js';

export function authoriseExtractLink(
  actor: Actor | null,
  link: { personId: string; expiresAt: number | null } | undefined,
  now: number,
  readsMinutesInSeries: (personId: string) => boolean,
): asserts link is { personId: string; expiresAt: number } {
  if (!actor) throw new AppError('unauthorised', msg('errors:signInFirst'));
  const ok = link !== undefined && link.personId === actor.id && link.expiresAt !== null && now < link.expiresAt && actor.globalRole !== 'admin' && readsMinutesInSeries(actor.id);
  if (!ok) throw new AppError('not_found', msg('errors:thisLinkHasExpiredOrIs'));
}
