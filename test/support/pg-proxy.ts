/**
 * A TCP proxy in front of the test PostgreSQL cluster, so a test can make the database really unreachable: refuse
 * new connections, drop the open ones, or drop a connection at the moment its client sends a given statement (say
 * COMMIT), which is PostgreSQL going away mid-transaction. No hook in the code under test.
 */
import net from 'node:net';

export interface PgProxy {
  /** The same database URL, through the proxy. */
  url: string;
  /** Drop every connection now and refuse new ones until `open()`. */
  cut(): void;
  open(): void;
  /** Drop the connection whose client sends a message containing `text` (case-insensitive), before it is forwarded. */
  cutOn(text: string | null): void;
  close(): Promise<void>;
}

export async function startPgProxy(databaseUrl: string): Promise<PgProxy> {
  const target = new URL(databaseUrl);
  let refusing = false;
  let trigger: string | null = null;
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server = net.createServer((client) => {
    track(client);
    if (refusing) return client.destroy();
    const upstream = net.connect(Number(target.port), target.hostname);
    track(upstream);
    client.on('data', (chunk) => {
      if (trigger && chunk.toString('latin1').toLowerCase().includes(trigger)) {
        trigger = null;
        client.destroy();
        upstream.destroy();
        return;
      }
      upstream.write(chunk);
    });
    upstream.pipe(client);
    upstream.on('close', () => client.destroy());
    client.on('close', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String((server.address() as net.AddressInfo).port);
  return {
    url: url.toString(),
    cut() {
      refusing = true;
      for (const socket of sockets) socket.destroy();
    },
    open() {
      refusing = false;
    },
    cutOn(text) {
      trigger = text?.toLowerCase() ?? null;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
