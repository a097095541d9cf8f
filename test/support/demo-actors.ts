/** Demo people signed in once per test server, and the REST calls tests make as them. */
import { demoUsers, signIn, withCookie } from './session.js';

export type DemoUser = keyof typeof demoUsers;

export function demoActors(baseUrl: () => string) {
  const cookies: Partial<Record<DemoUser, string>> = {};
  const cookie = async (who: DemoUser) => (cookies[who] ??= await signIn(baseUrl(), demoUsers[who]));
  const api = async <T>(who: DemoUser, path: string, init: RequestInit = {}) => {
    const res = await fetch(`${baseUrl()}/api${path}`, withCookie(await cookie(who), { ...init, headers: { 'content-type': 'application/json', ...init.headers } }));
    // Binary downloads keep their body unread for the caller.
    return { status: res.status, body: res.headers.get('content-type')?.includes('json') ? ((await res.json()) as T) : (undefined as T), res };
  };
  return {
    cookie,
    api,
    post: <T>(who: DemoUser, path: string, body: unknown) => api<T>(who, path, { method: 'POST', body: JSON.stringify(body) }),
    /** A new server means new sessions. */
    forget: () => {
      for (const k of Object.keys(cookies)) delete cookies[k as DemoUser];
    },
  };
}
