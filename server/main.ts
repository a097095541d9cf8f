/** The process entry: read config, start the server, print how to use it, shut down cleanly on a signal. */
import { readConfig, ConfigError, describeDatabase, type Config } from './config.js';
import { createLogger } from './logger.js';
import { createTriageServer } from './app.js';
import { demoPassword, demoPeople } from './seed/demo-data.js';
import { demoMeetingId } from './seed/demo.js';

function fail(message: string): never {
  process.stderr.write(`triage-room: ${message}\n`);
  process.exit(1);
}

// No top-level await: the compiled server is one CommonJS bundle, loaded with V8's code cache (scripts/build-server.mjs).
async function main(): Promise<void> {
  let config: Config;
  try {
    config = readConfig();
  } catch (err) {
    fail(err instanceof ConfigError ? err.message : String(err));
  }

  const logger = createLogger(config.logLevel);
  const server = await createTriageServer(config, logger).catch((err: Error) => fail(`could not start: ${err.message}`));

  // Handlers go in before "running at" is printed: a supervisor (or a test) that reads it may send SIGTERM at once.
  // Last resort only: every known source of errors outside a request (timers, batches, socket handlers) catches and
  // handles its own. Anything reaching here is a bug; log it and keep serving the meetings that are running, since
  // exiting would drop every live connection and whatever is still being retried in memory. Only a signal stops us.
  const describe = (e: unknown) => (e instanceof Error ? { err: e.message, stack: e.stack } : { err: String(e) });
  process.on('uncaughtException', (err) => logger.error(describe(err), 'uncaught exception (kept serving)'));
  process.on('unhandledRejection', (reason) => logger.error(describe(reason), 'unhandled rejection (kept serving)'));

  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'shutting down');
      // Not ready from now on (/readyz 503); then every room is flushed and every connection closed.
      server.drain();
      server.close().then(
        () => process.exit(0),
        (err: Error) => fail(`shutdown failed: ${err.message}`),
      );
    });
  }

  let url: string;
  try {
    url = await server.listen();
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') fail(`port ${config.port} is already in use: stop the other process or set PORT=<free port>`);
    if (e.code === 'EACCES') fail(`no permission to listen on port ${config.port}: choose PORT above 1023`);
    fail(`could not listen on ${config.host}:${config.port}: ${e.message}`);
  }

  // The demo's shared password is printed only for a local demo: never in production, never for a real database.
  const demoLines =
    server.demo && !config.production
      ? [
          `  Demo meeting: ${url}/meetings/${demoMeetingId}`,
          `  Demo logins (synthetic people; password "${demoPassword}"):`,
          ...demoPeople.map((p) => `    ${p.role.padEnd(12)} ${p.email}`),
        ]
      : server.demo
        ? ['  This database holds the synthetic demo: do not enter real data. Start with an empty database file for real use.']
        : [];
  const adminLines = (await server.hasAdministrator())
    ? []
    : ['  No administrator yet: create the first one with', '    npm run admin -- create --email <email> --name "<name>" --agency "<agency name>"'];
  process.stdout.write(['', `Triage Room is running at ${url}`, `  Database:     ${describeDatabase(config)}`, ...demoLines, ...adminLines, ''].join('\n') + '\n');
}

void main();
