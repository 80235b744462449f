import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  /** Header lines of the message, lower-cased names, unfolded. */
  headers: Record<string, string>;
}

export interface SmtpTestServerOptions {
  /** RCPT TO addresses answered with 550. */
  readonly rejectRecipients?: readonly string[];
  /** Answer DATA with this SMTP code (e.g. 451 temporary, 554 refused). */
  readonly dataResponseCode?: number;
  /** Close the connection after DATA without answering: the client cannot tell whether it was accepted. */
  readonly dropAfterData?: boolean;
  /** Require this user/password. */
  readonly auth?: { readonly user: string; readonly pass: string };
}

export interface SmtpTestServer {
  readonly port: number;
  /** smtp://127.0.0.1:port */
  readonly url: string;
  readonly received: ReceivedMail[];
  close(): Promise<void>;
}

function parseHeaders(raw: string): Record<string, string> {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? '';
  const out: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) out[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return out;
}

const addr = (a: SMTPServerAddress | false): string => (a ? a.address : '');

/** A real SMTP server on 127.0.0.1:0 (smtp-server), recording what it accepts. */
export async function startSmtpServer(o: SmtpTestServerOptions = {}): Promise<SmtpTestServer> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: !o.auth,
    disabledCommands: o.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    allowInsecureAuth: true,
    logger: false,
    closeTimeout: 1_000,
    onAuth(auth, _session, cb) {
      if (o.auth && auth.username === o.auth.user && auth.password === o.auth.pass) cb(null, { user: auth.username });
      else cb(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, cb) {
      if (o.rejectRecipients?.includes(address.address)) cb(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
      else cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (o.dropAfterData) {
          // smtp-server does not expose the socket to onData; reach it through the server's connection set.
          for (const conn of (server as unknown as { connections: Set<{ _socket: { destroy(): void } }> }).connections)
            conn._socket.destroy();
          return;
        }
        if (o.dataResponseCode) {
          cb(
            Object.assign(new Error(o.dataResponseCode < 500 ? 'Try again later' : 'Message refused'), {
              responseCode: o.dataResponseCode,
            }),
          );
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({
          from: addr(session.envelope.mailFrom),
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          headers: parseHeaders(raw),
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
