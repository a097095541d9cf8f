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
  | { type: 'person-changed'; personId: string }
  /**
   * Changes made by other processes may have gone unheard (the Redis relay between processes was away): re-ask the
   * policy for every open connection, from storage. Told here only, never relayed.
   */
  | { type: 'any-changed' };

/** Carries each change to the other processes serving this install (server/realtime/access-relay.ts). */
export interface AccessRelay {
  /** Resolves once every other process reachable now has applied it (or after a bounded wait). Never rejects. */
  publish(change: AccessChange): Promise<void>;
}

export function createAccessEvents() {
  type Listener = (change: AccessChange) => void | Promise<void>;
  const listeners = new Set<Listener>();
  let relay: AccessRelay | null = null;
  /** Tells every listener here; resolves when each has finished (a listener's failure is its own to report). */
  const tellHere = async (change: AccessChange): Promise<void> => {
    await Promise.all(Array.from(listeners, async (listener) => listener(change)));
  };
  return {
    /**
     * Tells every listener here and, with several processes, every other process; resolves once all have applied it,
     * so the command answers only after the person's connections are cut or downgraded wherever they are.
     */
    async changed(change: AccessChange): Promise<void> {
      await Promise.all([tellHere(change), relay?.publish(change)]);
    },
    /** A change heard from another process (or a relay gap): told here only, never relayed again. */
    heard: tellHere,
    /** Several processes: changes made here are relayed through this from now on. */
    relayThrough(through: AccessRelay): void {
      relay = through;
    },
    /** Returns the function that stops listening. */
    listen(listener: Listener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
export type AccessEvents = ReturnType<typeof createAccessEvents>;
