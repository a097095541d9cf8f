/**
 * A small TCP proxy between one browser context and the real server, so a test can really cut that page's
 * connection. Chromium's `context.setOffline(true)` does not close WebSockets that are already open (checked with
 * Chromium 156: the socket stays OPEN and frames simply stop), so on its own it cannot show how the app behaves
 * when its connection dies. Cutting here closes every TCP connection of that page, as a dropped network would,
 * without any test-only hook in the server.
 */
import net from 'node:net';

export type ProxyMode = 'open' | 'cut' | 'no-yjs';

export interface TcpProxy {
  /** Base URL to open pages through (same host as the server, so cookies and the Origin check still work). */
  url: string;
  /** 'cut': drop every connection and refuse new ones. 'no-yjs': pages load, but Yjs WebSocket upgrades are dropped. */
  setMode(mode: ProxyMode): void;
  close(): Promise<void>;
}

export async function startTcpProxy(targetUrl: string): Promise<TcpProxy> {
  const target = new URL(targetUrl);
  let mode: ProxyMode = 'open';
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server = net.createServer((client) => {
    track(client);
    if (mode === 'cut') return client.destroy();
    client.once('data', (first) => {
      if (mode === 'cut' || (mode === 'no-yjs' && first.toString('latin1', 0, 9) === 'GET /yjs/')) return client.destroy();
      const upstream = net.connect(Number(target.port), target.hostname);
      track(upstream);
      upstream.write(first);
      client.pipe(upstream);
      upstream.pipe(client);
      upstream.on('close', () => client.destroy());
      client.on('close', () => upstream.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, target.hostname, resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `${target.protocol}//${target.hostname}:${port}`,
    setMode(next) {
      mode = next;
      if (next === 'cut') for (const socket of sockets) socket.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
