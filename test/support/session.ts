import { demoPassword } from '../../server/seed/demo-data.js';

export const demoUsers = {
  admin: 'admin@demo.triage.test',
  chair: 'chair@demo.triage.test',
  coordinator: 'coordinator@demo.triage.test',
  member: 'mh@demo.triage.test',
  member2: 'police@demo.triage.test',
  housing: 'housing@demo.triage.test',
  observer: 'observer@demo.triage.test',
  governance: 'governance@demo.triage.test',
} as const;

/** Signs in through the real endpoint and returns the Cookie header value to send. */
export async function signIn(baseUrl: string, email: string, password = demoPassword): Promise<string> {
  const res = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 201) throw new Error(`sign-in as ${email} failed: ${res.status} ${await res.text()}`);
  const setCookie = res.headers.get('set-cookie') ?? '';
  return setCookie.split(';')[0];
}

export const withCookie = (cookie: string, init: RequestInit = {}): RequestInit => ({
  ...init,
  headers: { ...(init.headers as Record<string, string> | undefined), cookie },
});
