/**
 * One TCP port in front of several server processes, as nginx or HAProxy would stand in front of them
 * (docs/scale-out.md): each new connection goes to the next process in turn, and a process that refuses the
 * connection (stopped, killed) is skipped for the next. Bytes are passed through untouched, so WebSocket upgrades,
 * cookies and the Origin check work as they do directly. `assigned` records where each connection went, so a test
 * can show its clients were spread over both.
 */
import net from 'node:net';

export interface Balancer {
  /** Base URL of the shared address (same host as the processes, so cookies and the Origin check still work). */
  url: string;
  /** Index of the backend each accepted connection was sent to, in order. */
  assigned: number[];
  /** A network blip: every open connection is dropped at once (new ones are accepted as before). */
  dropAll(): void;
  /** While true, new connections are refused (as a network that is down); open ones are left as they are. */
  refuse(down: boolean): void;
  close(): Promise<void>;
}

export async function startBalancer(targetUrls: string[]): Promise<Balancer> {
  const targets = targetUrls.map((u) => new URL(u));
  const host = targets[0].hostname;
  let next = 0;
  let refusing = false;
  const assigned: number[] = [];
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  /** Connects to the next backend that accepts, trying each at most once. */
  const connect = (tried: number, onUp: (upstream: net.Socket, index: number) => void, onNone: () => void) => {
    if (tried >= targets.length) return onNone();
    const index = next;
    next = (next + 1) % targets.length;
    const upstream = net.connect(Number(targets[index].port), targets[index].hostname);
    const refused = () => connect(tried + 1, onUp, onNone);
    upstream.once('error', refused);
    upstream.once('connect', () => {
      upstream.off('error', refused);
      onUp(upstream, index);
    });
  };
  const server = net.createServer((client) => {
    track(client);
    if (refusing) return client.destroy();
    client.pause();
    connect(
      0,
      (upstream, index) => {
        if (client.destroyed) return upstream.destroy();
        track(upstream);
        assigned.push(index);
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
        upstream.on('close', () => client.destroy());
        client.on('close', () => upstream.destroy());
      },
      () => client.destroy(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `${targets[0].protocol}//${host}:${port}`,
    assigned,
    refuse: (down) => {
      refusing = down;
    },
    dropAll: () => {
      for (const socket of sockets) socket.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
