/** What the harness needs from each server under test. */

/** y-websocket framing (ours, @y/websocket-server) or Hocuspocus framing (document name before every message, Auth first). */
export type Framing = 'y-websocket' | 'hocuspocus';

/**
 * When a sender may consider an update accepted: `saved` = our "saved" message (type 101, the sender's own clocks) covers it
 * (sent after the update is on disk); `broadcast` = the server relayed it (echo to the sender or receipt elsewhere).
 */
export type AckKind = 'saved' | 'broadcast';

/** Where and how load clients connect. Adding a session cookie later is a change to `headers()` only. */
export interface ClientTarget {
  framing: Framing;
  ack: AckKind;
  url(room: string): string;
  headers?(): Record<string, string>;
}

/**
 * One server-side process as the report names it, and its OS processes now (PostgreSQL is a postmaster and its
 * backends, so several pids). Read again at each measurement: backends come and go.
 */
export interface ProcessGroup {
  name: string;
  pids: number[];
}

export interface ServerInstance extends ClientTarget {
  /** The server's current process id (changes on restart). */
  readonly pid: number;
  kill9(): Promise<void>;
  /** Starts the server again on the same port and data; resolves when it listens. */
  restart(): Promise<void>;
  stop(): Promise<void>;
  output(): string;
  /** How many bench rooms are known to have been unloaded since `sinceMs` (epoch ms), or null if not observable. */
  unloadedRooms(rooms: readonly string[], sinceMs: number): Promise<number | null>;
  /**
   * Several server-side processes (the two-process row: both servers, PostgreSQL, Redis): CPU and memory are then
   * reported per process, and the "server" figures are their sum. Absent: the one process `pid`.
   */
  processes?(): ProcessGroup[];
}

/** Scenarios a server may leave out (reported as "—", and named in the notes). Steady state always runs. */
export type SkippableScenario = 'ramp' | 'late joiner' | 'restart' | 'idle' | 'ready';

export interface ServerAdapter {
  name: string;
  /** One line on how it persists, printed with the results. */
  persistence: string;
  /** Scenarios not run for this server, with why (a note in the report). */
  skips?: { scenarios: readonly SkippableScenario[]; why: string };
  start(options: { rooms: readonly string[]; dataDir: string; cpu: number | null }): Promise<ServerInstance>;
}
