/**
 * The one same-origin check for all three doors (REST writes, Socket.IO, the Yjs upgrade).
 *
 * A browser adds `Origin` to every cross-site request and to every WebSocket; a page on another site must not act
 * with the user's cookie, so a present Origin has to name this server (the request's Host). The check is total: it
 * reads raw header values, never throws, and answers with a verdict each door turns into its own refusal.
 * `Origin: null` (sandboxed frames, `file:` pages, some redirects) names no site at all, so it is refused.
 * A request without Origin is not from a cross-site page (browsers always send it there), so it passes: scripts and
 * tests talk to the API that way.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { msg, type Msg } from '../errors.js';

export type OriginVerdict = { ok: true } | { ok: false; message: Msg };

const allowed: OriginVerdict = { ok: true };
const refused = (message: Msg): OriginVerdict => ({ ok: false, message });

// host[:port] with a DNS name, IPv4 or bracketed IPv6 address: anything else in Host is not a real server name.
const hostPattern = /^(?:[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;
// scheme://host[:port] and nothing else: an Origin never carries a path, query, user or fragment.
const originPattern = /^(https?):\/\/([^/?#@\s]+)$/i;

/** One header's value as a single string, or null when absent, repeated or not a string. */
function single(value: string | string[] | undefined): string | null {
  if (typeof value === 'string') return value;
  return null;
}

/** `host[:port]` lower-cased, with the scheme's default port removed (so `Host: x:80` equals `Origin: http://x`). */
function normaliseHost(host: string, scheme: 'http' | 'https' | null): string | null {
  if (host.length > 261 || !hostPattern.test(host)) return null;
  let h = host.toLowerCase().replace(/\.(?=:|$)/, '');
  if ((scheme === 'http' || scheme === null) && h.endsWith(':80')) h = h.slice(0, -3);
  if ((scheme === 'https' || scheme === null) && h.endsWith(':443')) h = h.slice(0, -4);
  return h;
}

/** Whether a request's Origin (if any) names this server, given the raw request headers. Never throws. */
export function checkOrigin(headers: IncomingHttpHeaders): OriginVerdict {
  const raw = headers.origin;
  if (raw === undefined) return allowed;
  const origin = single(raw);
  if (origin === null) return refused(msg('errors:origin.oneHeader'));
  if (origin.trim().toLowerCase() === 'null') return refused(msg('errors:origin.null'));
  const match = originPattern.exec(origin.trim());
  if (!match) return refused(msg('errors:origin.bad'));
  const scheme = match[1].toLowerCase() as 'http' | 'https';
  const originHost = normaliseHost(match[2], scheme);
  if (originHost === null) return refused(msg('errors:origin.bad'));
  const hostHeader = single(headers.host);
  const host = hostHeader === null ? null : normaliseHost(hostHeader.trim(), scheme);
  if (host === null) return refused(msg('errors:origin.noHost'));
  if (host !== originHost) return refused(msg('errors:origin.crossSite'));
  return allowed;
}
