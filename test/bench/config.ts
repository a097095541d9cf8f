/** Parameters of a run (printed with the results) and the shapes of what each scenario reports. */

export interface BenchConfig {
  mode: 'quick' | 'full';
  seed: number;
  reps: number;
  rooms: number;
  clientsPerRoom: number;
  /** Steady fan-out rates, updates per second per room. */
  rates: number[];
  warmupS: number;
  measureS: number;
  /** Ramp rates (full mode, first repetition); null = skipped. */
  ramp: number[] | null;
  rampStepS: number;
  rampP99LimitMs: number;
  lateDocBytes: number;
  lateJoiners: number;
  restartRate: number;
  restartLoadS: number;
  idleS: number;
  persistenceUpdates: number;
  connectTimeoutMs: number;
  /** Restarts with no clients, timed from spawn to ready (each repetition). */
  readyRestarts: number;
  /** Rounds of alternated steady windows of the single-process servers at the first rate (scenarios/alternated.ts). */
  alternatedRounds: number;
}

export const quickConfig: BenchConfig = {
  mode: 'quick',
  seed: 42,
  reps: 1,
  rooms: 4,
  clientsPerRoom: 5,
  rates: [5, 20],
  warmupS: 0.3,
  measureS: 1.5,
  ramp: null,
  rampStepS: 0,
  rampP99LimitMs: 50,
  lateDocBytes: 1 << 20,
  lateJoiners: 3,
  restartRate: 5,
  restartLoadS: 1,
  idleS: 5,
  persistenceUpdates: 2000,
  connectTimeoutMs: 20_000,
  readyRestarts: 3,
  alternatedRounds: 2,
};

export const fullConfig: BenchConfig = {
  mode: 'full',
  seed: 42,
  reps: 3,
  rooms: 100,
  clientsPerRoom: 30,
  rates: [5, 20],
  warmupS: 2,
  measureS: 10,
  // Up to 30/s per room (87,000 deliveries/s): the target (60,000 per core) lies between 20 and 22.
  ramp: [2, 4, 5, 6, 8, 10, 12, 15, 20, 22, 25, 30],
  rampStepS: 4,
  rampP99LimitMs: 50,
  lateDocBytes: 1 << 20,
  lateJoiners: 5,
  restartRate: 5,
  restartLoadS: 3,
  idleS: 60,
  persistenceUpdates: 20_000,
  connectTimeoutMs: 60_000,
  readyRestarts: 5,
  alternatedRounds: 6,
};

export interface SteadyResult {
  rate: number;
  connections: number;
  p50Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
  deliveriesPerSec: number;
  /** Deliveries received ÷ (updates sent × (C − 1)) within the window. */
  deliveredRatio: number;
  serverCpuPct: number;
  serverRssMiB: number;
  generatorCpuPct: number;
  /** Event-loop delay of the load generator in the window (its GC pauses and queueing show up in every latency). */
  generatorLoopDelayP99Ms: number;
  generatorLoopDelayMaxMs: number;
  /** Machine CPU busy outside the server and the generator (other processes, kernel, steal), % of one core. */
  otherCpuPct: number;
  /**
   * Only for a server of several processes (the two-process row): CPU % and memory of each (node: RSS; PostgreSQL:
   * PSS summed over its processes); `serverCpuPct` and `serverRssMiB` are then their sums.
   */
  processes?: { name: string; cpuPct: number; rssMiB: number }[];
}

export interface RampResult {
  steps: SteadyResult[];
  /** Highest deliveries/s with p99 ≤ the limit (and ≥ 99 % delivered); NaN if none. */
  maxDeliveriesPerSec: number;
  /** That step's deliveries per second of server CPU time (normalises for a server below 100 % CPU). */
  deliveriesPerCpuSecond: number;
  generatorCpuPct: number;
}

export interface StormResult {
  clients: number;
  failed: number;
  allSyncedMs: number;
  clientP50Ms: number;
  /** TCP listen-queue overflows during the storm (whole machine): each costs that client a SYN retransmit (1 s, 3 s, 7 s …). */
  listenOverflows: number;
  serverRssMiB: number;
  error?: string;
}

export interface LateResult {
  docBytes: number;
  medianMs: number;
  maxMs: number;
  ok: boolean;
  error?: string;
}

export interface RestartResult {
  rate: number;
  clients: number;
  acked: number;
  lost: number;
  readyMs: number;
  resyncMs: number;
  listenOverflows: number;
  failed: number;
  error?: string;
}

export interface ReadyResult {
  runs: number;
  /** Spawn → ready (Triage Room: /readyz 200; peers: their listening line), ms. */
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** CPU time (user + system) the new process had used when it was ready, median, ms. */
  cpuMedianMs: number;
}

export interface IdleResult {
  idleS: number;
  rssConnectedMiB: number;
  rssAfterMiB: number;
  unloadedRooms: number | null;
  rooms: number;
}

export interface RepResult {
  rep: number;
  storm?: StormResult;
  steady: SteadyResult[];
  ramp?: RampResult;
  late?: LateResult;
  restart?: RestartResult;
  idle?: IdleResult;
  ready?: ReadyResult;
  errors: string[];
}

export interface ServerSummary {
  name: string;
  persistence: string;
  reps: RepResult[];
  median: {
    storm?: StormResult;
    steady: SteadyResult[];
    ramp?: RampResult;
    late?: LateResult;
    restart?: RestartResult;
    idle?: IdleResult;
    ready?: ReadyResult;
  };
}

/** Updates per log commit in steady state: `rooms × rate` updates/s, one commit per `commitDelayMs`. */
export function servedBatch(rooms: number, rate: number, commitDelayMs: number): number {
  return Math.max(1, Math.round((rooms * rate * commitDelayMs) / 1000));
}

export interface PersistenceResult {
  /** `log`: the SQLite update log alone, one transaction per batch; `served`: journal append per update + log commit per batch. */
  path: 'log' | 'served';
  batch: number;
  updates: number;
  usPerUpdate: number;
  updateBytes: number;
}

/** Alternated steady windows (scenarios/alternated.ts): every window, and each server's medians over its windows. */
export interface AlternatedResult {
  rate: number;
  rounds: number;
  windows: { server: string; round: number; result: SteadyResult }[];
  medians: { server: string; windows: number; p50Ms: number; p99Ms: number; p999Ms: number; serverCpuPct: number }[];
  errors: string[];
}

export interface BenchResults {
  startedAt: string;
  durationS: number;
  config: BenchConfig;
  environment: { node: string; cpus: number; cpuModel: string; pinned: boolean; serverCpu: number | null; generatorCpu: number | null; droppedEnv?: string[] };
  servers: ServerSummary[];
  persistence: PersistenceResult[];
  /** Absent when fewer than two single-process servers ran. */
  alternated?: AlternatedResult;
  notes: string[];
}
