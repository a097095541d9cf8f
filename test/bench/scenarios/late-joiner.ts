/** Scenario 3: a late joiner to a ~1 MB document — from opening the socket to having applied the full state. */
import { LoadClient } from '../load/client.js';
import type { ServerInstance } from '../servers/types.js';
import { median, rng, sleep } from '../stats.js';
import type { LateResult } from '../config.js';

export const lateRoom = 'bench-late';
const noEvents = { onStamps: () => undefined };

function text(bytes: number, seed: number): string {
  const random = rng(seed);
  const words = ['case', 'referral', 'school', 'visit', 'risk', 'plan', 'agency', 'review', 'family', 'action'];
  let chunk = '';
  while (chunk.length < 1024) chunk += words[Math.floor(random() * words.length)] + ' ';
  return chunk.slice(0, 1024).repeat(Math.ceil(bytes / 1024)).slice(0, bytes);
}

async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const until = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

export async function runLateJoiner(server: ServerInstance, docBytes: number, joiners: number, seed: number): Promise<LateResult> {
  const writer = new LoadClient(lateRoom, 900_001, server, noEvents);
  try {
    await writer.connect(20_000);
    const content = text(docBytes, seed);
    writer.edit((doc) => doc.getText('late').insert(0, content));
    // Ours acknowledges with "saved"; the peers echo the update back to its sender.
    await waitFor(() => (server.ack === 'saved' ? writer.acked >= writer.clock : writer.updatesReceived > 0), 30_000, 'the 1 MB update to be accepted');
    const times: number[] = [];
    let ok = true;
    for (let i = 0; i < joiners; i++) {
      const joiner = new LoadClient(lateRoom, 900_100 + i, server, noEvents, true);
      const t0 = performance.now();
      await joiner.connect(30_000);
      times.push(performance.now() - t0);
      ok &&= joiner.lastState?.getText('late').length === docBytes;
      joiner.destroy();
      await sleep(100);
    }
    return { docBytes, medianMs: median(times), maxMs: Math.max(...times), ok };
  } catch (err) {
    return { docBytes, medianMs: NaN, maxMs: NaN, ok: false, error: (err as Error).message };
  } finally {
    writer.destroy();
  }
}
