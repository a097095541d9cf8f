/**
 * The browser copy of meeting documents (IndexedDB via y-indexeddb), so edits made offline survive a reload and
 * merge on reconnect. Case notes are sensitive: one store per person and meeting, and every store is deleted on
 * sign-out. The names are kept in localStorage too, for browsers without indexedDB.databases().
 */
import { clearDocument } from 'y-indexeddb';

const prefix = 'triage-meeting:';
const registryKey = 'triage-meeting-stores';

export const meetingStoreName = (userId: string, meetingId: string): string => `${prefix}${userId}:${meetingId}`;

function registered(): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(registryKey) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((n): n is string => typeof n === 'string' && n.startsWith(prefix)) : [];
  } catch {
    return [];
  }
}

export function rememberMeetingStore(name: string): void {
  const names = registered();
  if (!names.includes(name)) localStorage.setItem(registryKey, JSON.stringify([...names, name]));
}

export async function clearMeetingStore(name: string): Promise<void> {
  await clearDocument(name);
  localStorage.setItem(registryKey, JSON.stringify(registered().filter((n) => n !== name)));
}

/** Deletes every meeting store on this device. A store still open is deleted as soon as its page lets go of it. */
export async function clearAllMeetingStores(): Promise<void> {
  const names = new Set(registered());
  if (typeof indexedDB.databases === 'function') {
    for (const db of await indexedDB.databases()) if (db.name?.startsWith(prefix)) names.add(db.name);
  }
  localStorage.removeItem(registryKey);
  await Promise.all(Array.from(names, (name) => clearDocument(name)));
}
