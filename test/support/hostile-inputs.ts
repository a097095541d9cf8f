/**
 * The hostile inputs the fuzz tests send (test/integration/fuzz-*.test.ts): fast-check arbitraries for path parameters,
 * queries, headers, cookies, origins and bodies, one hostile request per REST route, and the checks on the answers.
 * Each case is hostile by construction (no session, a cross-site Origin, ids that do not exist, or a body that cannot
 * parse), so every answer must be a 4xx in the error shape.
 */
import zlib from 'node:zlib';
import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import { demoMeetingId } from '../../server/seed/demo.js';
import { limits } from '../../shared/limits.js';
import { errorCodes } from '../../shared/protocol.js';
import type { ApiRoute, RawRequest, RawResponse } from './hostile-http.js';

const realIds = [demoMeetingId, 'demo-previous', 'series-repeat-removals', 'RR-2026-014'];

export const ascii = fc.constantFrom(...Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) => String.fromCharCode(0x21 + i)));
const headerText = (maxLength: number) => fc.string({ unit: fc.constantFrom(...' \t!"#$%&\'()*+,-./0123456789:;<=>?@AZaz[\\]^_`{|}~é\u00ff'.split('')), maxLength });

/** A path parameter that names nothing real: bad percent-encoding, traversal, prototype names, huge, junk. */
export const hostileParam = fc.oneof(
  fc.constantFrom('%E0%A4%A', '%ZZ', '%', '%00', '%2e%2e%2f%2e%2e%2fetc', '..', '__proto__', 'constructor', 'prototype', "'%20or%20'1'='1", '-1', '1e309', 'NaN', 'null', '%5B%5D', `${demoMeetingId}%00`, 'RR-2026-014%0d%0aX:1', '%C0%AF', '%uFFFF'),
  fc.string({ unit: ascii, minLength: 1, maxLength: 40 }).map((s) => s.replace(/[/?#]/g, '_')),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 16 }).map(encodeURIComponent),
  fc.integer({ min: 300, max: 5000 }).map((n) => 'x'.repeat(n)),
);
const realOrHostileParam = fc.oneof(fc.constantFrom(...realIds), hostileParam);
const hostileQuery = fc.option(
  fc.oneof(
    fc.constantFrom('?version=-1', '?version=%ZZ', '?version=1&version=2', '?agency=%E0&agency=x', '?state=__proto__', '?a[b][c]=1&a[__proto__][x]=1', '?%=%', '?format=exe', `?${'q=1&'.repeat(400)}`),
    fc.string({ unit: ascii, maxLength: 60 }).map((s) => `?${s.replace(/#/g, '')}`),
  ),
  { nil: '' },
);

export const junkCookie = fc.oneof(
  fc.constantFrom('triage_session=', 'triage_session=%E0%A4%A', 'triage_session=%', '=; ;;', 'a=%; b', `triage_session=${'A'.repeat(43)}`, 'triage_session="quoted"', 'triage_session=a; triage_session=b'),
  headerText(200),
);
export const hostileOrigin = fc.oneof(fc.constantFrom('null', 'NULL', 'http://evil.example', 'file://', 'https://127.0.0.1.evil.example', 'http://[', 'http://a@b'), headerText(60));
/** Headers that ride along on any case. */
const noiseHeaders = fc.record(
  {
    accept: fc.oneof(fc.constantFrom('*/*', 'application/json;q=abc', 'text/html, */*;q=0.0'), headerText(80)),
    'accept-encoding': headerText(40),
    'accept-language': headerText(40),
    'user-agent': headerText(200),
    'x-forwarded-for': fc.oneof(fc.constantFrom('1.2.3.4', '::1, 10.0.0.1, garbage', 'unknown', '999.999.999.999'), headerText(100)),
    range: fc.constantFrom('bytes=0-0,-1', 'bytes=x', 'lines=1-2'),
    'if-none-match': headerText(40),
    host: fc.constantFrom('evil.example', 'localhost:99999', '[::1', 'a_b', 'x'.repeat(300)),
  },
  { requiredKeys: [] },
);

/** A body that cannot get past parsing: so even a real id with a real session reaches no handler. */
const unparsableBody = fc.oneof(
  fc.constantFrom('{', '{"a":', '[1,2', '\u0000', 'nul', '{"a":1}}', '["x"', `{"${'a'.repeat(50)}":`).map((body) => ({ contentType: 'application/json', body: Buffer.from(body) })),
  fc.string({ unit: ascii, minLength: 1, maxLength: 80 }).filter((s) => {
    try {
      JSON.parse(s);
      return false;
    } catch {
      return true;
    }
  }).map((body) => ({ contentType: 'application/json', body: Buffer.from(body) })),
  fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', '').map((contentType) => ({ contentType, body: Buffer.from('{}') })),
  fc.constant({ contentType: 'application/json; charset=utf-99', body: Buffer.from('{}') }),
  fc.constant({ contentType: 'application/json', body: Buffer.from(`"${'a'.repeat(limits.jsonBodyBytes + 10)}"`) }),
  fc.constant({ contentType: 'application/json', body: Buffer.from('['.repeat(20000)) }),
  fc.constant({ contentType: 'application/json', encoding: 'gzip', body: Buffer.from('not gzip at all') }),
  fc.constant({ contentType: 'application/json', encoding: 'x-unknown', body: Buffer.from('{}') }),
  fc.constant({ contentType: 'application/json', encoding: 'gzip', body: zlib.gzipSync(Buffer.from('{"unclosed":')) }),
);
/** Any JSON at all, including prototype keys and wrong types: only sent where no real target or no session exists. */
const anyBody = fc.oneof(
  unparsableBody,
  fc.oneof(fc.json({ maxDepth: 4 }), fc.constantFrom('{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}', '{"email":[],"password":{}}', '[]', '""', 'null', '1e999'))
    .map((body) => ({ contentType: 'application/json', body: Buffer.from(body) })),
);

export type Kind = 'anonymous' | 'crossSite' | 'badParams' | 'badBody';
const isWrite = (route: ApiRoute) => route.method !== 'GET' && route.method !== 'HEAD';
const paramNames = (route: ApiRoute) => Array.from(route.path.matchAll(/:(\w+)/g), (m) => m[1]);

/** One hostile request for `route`, of a kind that route can be hostile in. */
export function hostileCase(route: ApiRoute, cookies: string[]) {
  const kinds: Kind[] = ['anonymous'];
  if (isWrite(route)) kinds.push('crossSite', 'badBody');
  if (paramNames(route).length > 0) kinds.push('badParams');
  const names = paramNames(route);
  return fc
    .record({
      kind: fc.constantFrom(...kinds),
      hostile: fc.tuple(...names.map(() => hostileParam)),
      realish: fc.tuple(...names.map(() => realOrHostileParam)),
      query: hostileQuery,
      noise: noiseHeaders,
      junk: junkCookie,
      cookie: fc.constantFrom(...cookies),
      cookieShape: fc.constantFrom('plain', 'afterJunk', 'twoHeaders'),
      origin: hostileOrigin,
      unparsable: unparsableBody,
      anyBody,
    })
    .map((c): { kind: Kind; request: RawRequest } => {
      const params = c.kind === 'badParams' || c.kind === 'anonymous' ? c.hostile : c.realish;
      let i = 0;
      const filled = route.path.replace(/:(\w+)/g, () => String(params[i++]));
      const headers: Record<string, string | string[]> = { ...c.noise };
      const session = c.cookieShape === 'plain' ? c.cookie : c.cookieShape === 'afterJunk' ? `${c.junk}; ${c.cookie}` : [c.junk, c.cookie];
      headers.cookie = c.kind === 'anonymous' ? c.junk : session;
      let body = c.kind === 'badBody' ? c.unparsable : isWrite(route) ? c.anyBody : null;
      if (c.kind === 'crossSite') {
        headers.origin = c.origin;
        // A Host naming the Origin's own site is not cross-site (and no browser sends our cookie to another host).
        delete headers.host;
      }
      if (body) {
        headers['content-type'] = body.contentType;
        const contentEncoding = (body as { encoding?: string }).encoding;
        if (contentEncoding) headers['content-encoding'] = contentEncoding;
        headers['content-length'] = String(body.body.length);
      } else body = null;
      if (headers['content-type'] === '') delete headers['content-type'];
      return { kind: c.kind, request: { method: route.method, path: filled + c.query, headers, ...(body ? { body: body.body } : {}) } };
    });
}

export const isErrorShape = (res: RawResponse): boolean => {
  if (!res.contentType.includes('application/json')) return false;
  try {
    const parsed = JSON.parse(res.body) as { error?: { code?: unknown; message?: unknown } };
    return (errorCodes as readonly unknown[]).includes(parsed.error?.code) && typeof parsed.error?.message === 'string' && parsed.error.message.length > 0;
  } catch {
    return false;
  }
};

export const yFrame = (type: number, write: (e: encoding.Encoder) => void) => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, type);
  write(e);
  return encoding.toUint8Array(e);
};
