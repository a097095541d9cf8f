import type { DocWriter } from './doc-rules.js';

/** A connection as a room knows it (send / close), never a socket, so rooms can be tested without a network. */
export interface RoomConnection {
  readonly id: string;
  /** Observers and anyone in an ended meeting: their document updates are dropped. */
  readOnly: boolean;
  /**
   * Who writes on this connection, from the server's records at the upgrade. A room that keeps rules drops the
   * updates of a connection without one, and its presence carries this identity whatever the client says.
   */
  writer?: DocWriter;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
}
