/**
 * The path of a raw request URL (`/yjs/abc?x=1` → `/yjs/abc`), for code that sees a request before Express does
 * (the upgrade listener). Total: `new URL(req.url, base)` throws on request lines such as `GET //` and would take
 * the process down from inside an event listener. Not decoded: the routes it feeds match plain ASCII ids only.
 */
export function requestPath(url: string | undefined): string {
  if (typeof url !== 'string' || url.length === 0) return '/';
  const end = url.search(/[?#]/);
  return end < 0 ? url : url.slice(0, end);
}
