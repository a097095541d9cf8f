/**
 * "Someone's access just changed": told by the commands that change it (sign-out, disabling an account, series
 * membership and role changes), heard by the live connections registry (server/realtime/live-connections.ts), which
 * closes or downgrades every open Yjs and Socket.IO connection concerned. The commands say WHAT changed; who may do
 * what afterwards is still decided only by server/policies, re-asked for each open connection.
 *
 * Listeners run inside the command's request, and `changed` resolves once they are done (re-asking the policy reads
 * storage, asynchronously): a command awaits it before it answers, so nothing the person sends afterwards is stored.
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
  type Listener = (change: AccessChange) => void | Promise<void>;
  const listeners = new Set<Listener>();
  return {
    /** Tells every listener; resolves when each has finished (a listener's failure is its own to report). */
    async changed(change: AccessChange): Promise<void> {
      await Promise.all(Array.from(listeners, async (listener) => listener(change)));
    },
    /** Returns the function that stops listening. */
    listen(listener: Listener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
export type AccessEvents = ReturnType<typeof createAccessEvents>;
