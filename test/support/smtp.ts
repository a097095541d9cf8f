/**
 * A real SMTP server (the `smtp-server` package) on a free port, keeping every message it accepts parsed with
 * `mailparser`, as a recipient's mail client would read it. It can refuse recipients or be stopped and started
 * again on the same port, to test delivery failures.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface TestSmtp {
  url: string;
  port: number;
  messages: ParsedMail[];
  /** When set, every RCPT TO is refused with this reply (e.g. a full mailbox). */
  refuseRecipients: string | null;
  /** Resolves once `count` messages in all have arrived. */
  received(count: number): Promise<ParsedMail[]>;
  /** Messages to one address. */
  to(address: string): ParsedMail[];
  stop(): Promise<void>;
  /** Listens again on the same port. */
  restart(): Promise<void>;
}

export async function startTestSmtp(): Promise<TestSmtp> {
  const waiters: { count: number; resolve: (m: ParsedMail[]) => void }[] = [];
  const state: TestSmtp = {
    url: '',
    port: 0,
    messages: [],
    refuseRecipients: null,
    received: (count) => new Promise((resolve) => (state.messages.length >= count ? resolve(state.messages) : waiters.push({ count, resolve }))),
    to: (address) => state.messages.filter((m) => (Array.isArray(m.to) ? m.to : [m.to]).some((t) => t?.value.some((v) => v.address === address))),
    stop: async () => undefined,
    restart: async () => undefined,
  };
  const create = () =>
    new SMTPServer({
      secure: false,
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo(_address, _session, callback) {
        if (state.refuseRecipients) {
          const err = Object.assign(new Error(state.refuseRecipients), { responseCode: 550 });
          return callback(err);
        }
        callback();
      },
      onData(stream, _session, callback) {
        simpleParser(stream).then(
          (mail) => {
            state.messages.push(mail);
            for (const w of waiters.filter((x) => state.messages.length >= x.count)) {
              waiters.splice(waiters.indexOf(w), 1);
              w.resolve(state.messages);
            }
            callback();
          },
          (err: Error) => callback(err),
        );
      },
    });
  let server = create();
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
  await listen(0);
  state.port = (server.server.address() as AddressInfo).port;
  state.url = `smtp://127.0.0.1:${state.port}`;
  state.stop = () => new Promise<void>((resolve) => server.close(() => resolve()));
  state.restart = async () => {
    server = create();
    await listen(state.port);
  };
  return state;
}
