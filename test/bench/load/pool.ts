/** R rooms × C load clients against one server: connecting, paced sending, and latency/delivery accounting. */
import { LoadClient, nowMs } from './client.js';
import type { StampedStruct } from './protocol.js';
import type { ClientTarget } from '../servers/types.js';
import { LatencyWindow, median, rng } from '../stats.js';

export interface ConnectResult {
  ms: number;
  /** Per-client time to synced: median and slowest. */
  clientP50Ms: number;
  clientMaxMs: number;
  clients: number;
  failed: number;
  firstError?: string;
}

export class LoadPool {
  readonly clients: LoadClient[] = [];
  private readonly byId = new Map<number, LoadClient>();
  private readonly byRoom = new Map<string, LoadClient[]>();
  private window: LatencyWindow | null = null;
  private timer: NodeJS.Timeout | null = null;
  closedCount = 0;

  constructor(
    readonly target: ClientTarget,
    readonly rooms: readonly string[],
    readonly clientsPerRoom: number,
    private readonly seed: number,
  ) {
    const events = {
      onStamps: (receiver: LoadClient, stamps: StampedStruct[]) => this.onStamps(receiver, stamps),
      onClose: () => void this.closedCount++,
    };
    rooms.forEach((room, r) => {
      const list: LoadClient[] = [];
      for (let c = 0; c < clientsPerRoom; c++) {
        const client = new LoadClient(room, 1 + r * clientsPerRoom + c, target, events);
        list.push(client);
        this.clients.push(client);
        this.byId.set(client.clientId, client);
      }
      this.byRoom.set(room, list);
    });
  }

  private onStamps(receiver: LoadClient, stamps: StampedStruct[]): void {
    const at = nowMs();
    for (const { client, clock, stamp } of stamps) {
      if (this.target.ack === 'broadcast') this.byId.get(client)?.markRelayed(clock + 1);
      if (stamp.sender === receiver.clientId) continue;
      if (this.window?.covers(stamp.t)) this.window.record(at - stamp.t);
    }
  }

  /** Connects every client at once (a join storm) and waits until all are synced or have failed. */
  async connectAll(timeoutMs: number): Promise<ConnectResult> {
    this.closedCount = 0;
    const t0 = performance.now();
    const times: number[] = [];
    const results = await Promise.allSettled(this.clients.map((c) => c.connect(timeoutMs).then(() => void times.push(performance.now() - t0))));
    const ms = performance.now() - t0;
    const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    return { ms, clientP50Ms: median(times), clientMaxMs: times.length ? Math.max(...times) : NaN, clients: this.clients.length, failed: failures.length, firstError: failures[0] ? String(failures[0].reason?.message ?? failures[0].reason) : undefined };
  }

  /** Starts sending `perRoomPerSec` updates per room, from a sender chosen with the seeded PRNG each time. */
  startLoad(perRoomPerSec: number): void {
    this.stopLoad();
    const random = rng(this.seed);
    const period = 1000 / perRoomPerSec;
    const start = performance.now();
    const next = this.rooms.map(() => start + random() * period);
    this.timer = setInterval(() => {
      const now = performance.now();
      this.rooms.forEach((room, r) => {
        if (now - next[r] > 1000) next[r] = now; // generator fell behind: skip rather than burst
        const list = this.byRoom.get(room)!;
        while (next[r] <= now) {
          next[r] += period;
          const sender = list[Math.floor(random() * list.length)];
          const t = nowMs();
          if (sender.sendStamp() && this.window?.covers(t)) this.window.sent++;
        }
      });
    }, 2);
  }

  stopLoad(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Records deliveries of updates sent from now until `closeWindow`. */
  openWindow(): LatencyWindow {
    this.window?.destroy();
    this.window = new LatencyWindow();
    this.window.open(nowMs());
    return this.window;
  }

  closeWindow(): void {
    this.window?.close(nowMs());
  }

  /** Waits until in-window deliveries stop arriving (quiet for `quietMs`) or `maxMs` passes. */
  async drain(quietMs = 300, maxMs = 5000): Promise<void> {
    const until = performance.now() + maxMs;
    let last = -1;
    while (performance.now() < until) {
      const count = this.window?.deliveries ?? 0;
      if (count === last) return;
      last = count;
      await new Promise((resolve) => setTimeout(resolve, quietMs));
    }
  }

  get syncedCount(): number {
    return this.clients.filter((c) => c.synced).length;
  }

  closeAll(): void {
    this.stopLoad();
    for (const c of this.clients) c.close();
  }

  destroy(): void {
    this.closeAll();
    this.window?.destroy();
    this.window = null;
    for (const c of this.clients) c.destroy();
  }
}
