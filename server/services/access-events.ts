/**
 * "Someone's access just changed": told by the commands that change it (sign-out, disabling an account, series
 * membership and role changes), heard by the live connections registry (server/realtime/live-connections.ts), which
 * closes or downgrades every open Yjs and Socket.IO connection concerned. The commands say WHAT changed; who may do
 * what afterwards is still decided only by server/policies, re-asked for each open connection.
 *
 * Listeners run synchronously, inside the command's request: by the time the command answers, nothing the person
 * sends afterwards is stored.
 */
export type AccessChange =
  /** One session ended: signed out here, or expired. */
  | { type: 'session-ended'; tokenHash: string; cause: 'signedOut' | 'sessionExpired' }
  /** The account was disabled: every session is gone. */
  | { type: 'account-disabled'; personId: string }
  /**
   * The person's series roles, global role or agency changed: re-ask the policy for each of their connections.
   * (A command that changes many people at once, e.g. an agency's place in a series, tells each of them.)
   */
  | { type: 'person-changed'; personId: string };

export function createAccessEvents() {
  const listeners = new Set<(change: AccessChange) => void>();
  return {
    changed(change: AccessChange): void {
      for (const listener of listeners) listener(change);
    },
    /** Returns the function that stops listening. */
    listen(listener: (change: AccessChange) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
export type AccessEvents = ReturnType<typeof createAccessEvents>;
