// Single-engine (SQLite) on purpose: this checks the client's reconnect backoff across a cut TCP link; nothing is stored.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import { demoMeetingId } from '../../server/seed/demo.js';
import { backoff, controlReconnects, reconnectDelay, type Reconnector } from '../../client/live/reconnect.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { demoUsers, signIn } from '../support/session.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { connectYClient, type YClient } from '../support/yjs-client.js';

/** Resolves with the time of the provider's next attempt to connect. */
const nextAttempt = (provider: WebsocketProvider) =>
  new Promise<number>((resolve) => {
    const onStatus = ({ status }: { status: string }) => {
      if (status !== 'connecting') return;
      provider.off('status', onStatus);
      resolve(Date.now());
    };
    provider.on('status', onStatus);
  });
const loopSlackMs = 100;
const closed = (provider: WebsocketProvider) => new Promise<number>((resolve) => provider.once('connection-close', () => resolve(Date.now())));

describe('reconnecting the meeting document: our backoff replaces y-websocket’s', () => {
  let server: TestServer;
  let proxy: TcpProxy;
  let client: YClient | null = null;
  let reconnects: Reconnector | null = null;
  beforeEach(async () => {
    server = await startTestServer();
    proxy = await startTcpProxy(server.url);
  });
  afterEach(async () => {
    // Stopped even when the test failed half-way: a running reconnector would bring the destroyed client back.
    reconnects?.stop();
    client?.destroy();
    await proxy.close();
    await server.cleanup();
  });

  it('waits the jittered exponential delay between attempts (y-websocket alone retries after 200 ms), and resets once synced', async () => {
    client = connectYClient(proxy.url, demoMeetingId, { headers: { cookie: await signIn(server.url, demoUsers.member) } });
    await client.synced;
    const provider = client.provider;
    // The largest draw: the delay is the whole ceiling, well above y-websocket's own 200 ms first retry.
    reconnects = controlReconnects(provider, () => undefined, () => 0.999999);

    const cutAt = closed(provider);
    proxy.setMode('cut');
    const firstClose = await cutAt;
    expect(reconnects.retrying).toBe(true);
    expect(provider.shouldConnect).toBe(false); // y-websocket's scheduled retry is a no-op now
    const firstAttempt = await nextAttempt(provider);
    // Timers count from the event loop's cached time, which lags Date.now() by however long the current turn has run
    // (a loaded machine has seen 13 ms): hence the slack, still far above y-websocket's own 200 ms retry.
    expect(firstAttempt - firstClose).toBeGreaterThanOrEqual(reconnectDelay(0, () => 0.999999) - loopSlackMs);

    // Still cut: the attempt fails and the next wait doubles.
    const secondClose = await closed(provider);
    const secondAttempt = await nextAttempt(provider);
    expect(secondAttempt - secondClose).toBeGreaterThanOrEqual(reconnectDelay(1, () => 0.999999) - loopSlackMs);
    expect(reconnectDelay(1, () => 0.999999)).toBe(2 * backoff.baseMs);

    proxy.setMode('open');
    await new Promise<void>((resolve) => {
      const onSync = (synced: boolean) => synced && (provider.off('sync', onSync), resolve());
      provider.on('sync', onSync);
    });
    expect(reconnects.retrying).toBe(false);
  });
});
