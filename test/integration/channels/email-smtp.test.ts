import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { OutgoingMessage } from '../../../electron/core/channels/channel';
import { emailIdempotencyId, SmtpEmailTransport } from '../../../electron/core/channels/email-smtp';
import { startSmtpServer, type SmtpTestServer } from '../../helpers/smtp';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function server(o: Parameters<typeof startSmtpServer>[0] = {}): Promise<SmtpTestServer> {
  const s = await startSmtpServer(o);
  cleanups.push(() => s.close());
  return s;
}

function transport(url: string, timeoutMs = 2_000): SmtpEmailTransport {
  return new SmtpEmailTransport({
    smtpUrl: url,
    from: 'Riverside Clinic <reminders@riverside.example>',
    timeoutMs,
    extra: { ignoreTLS: true },
  });
}

const email = (over: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  outboxId: 1,
  idempotencyKey: 'appt:42:email:step1',
  channel: 'email',
  to: 'pat@example.org',
  subject: 'Appointment reminder: Tuesday Mar 3 at 10:30 AM',
  body: 'Hello,\n\nSee you Tuesday.\n',
  html: '<p>Hello,</p>\n<p>See you Tuesday.</p>',
  expiresAt: Date.UTC(2026, 2, 3),
  claimedAt: Date.UTC(2026, 2, 2),
  ...over,
});

describe('SmtpEmailTransport', () => {
  it('delivers text + HTML with a Message-ID and Idempotency-Key derived from the outbox key', async () => {
    const s = await server();
    const result = await transport(s.url).send(email());
    const id = emailIdempotencyId('appt:42:email:step1');
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(result).toEqual({ kind: 'accepted', providerId: `<${id}@riverside.example>` });
    expect(s.received).toHaveLength(1);
    const mail = s.received[0];
    expect(mail?.from).toBe('reminders@riverside.example');
    expect(mail?.to).toEqual(['pat@example.org']);
    expect(mail?.headers['message-id']).toBe(`<${id}@riverside.example>`);
    expect(mail?.headers['idempotency-key']).toBe(id);
    expect(mail?.headers.subject).toBe('Appointment reminder: Tuesday Mar 3 at 10:30 AM');
    expect(mail?.headers['content-type']).toContain('multipart/alternative');
    expect(mail?.raw).toContain('See you Tuesday.');
    expect(mail?.raw).toContain('<p>Hello,</p>');
    expect(mail?.raw).not.toContain('appt:42');
  });

  it('maps a refused recipient (550) to invalid_address', async () => {
    const s = await server({ rejectRecipients: ['pat@example.org'] });
    expect(await transport(s.url).send(email())).toMatchObject({ kind: 'rejected', action: 'invalid_address', code: '550' });
  });

  it('maps a temporary 451 to retry and a 554 to fail', async () => {
    const s1 = await server({ dataResponseCode: 451 });
    expect(await transport(s1.url).send(email())).toMatchObject({ kind: 'rejected', action: 'retry', code: '451' });
    const s2 = await server({ dataResponseCode: 554 });
    expect(await transport(s2.url).send(email())).toMatchObject({ kind: 'rejected', action: 'fail', code: '554' });
  });

  it('pauses on a failed login', async () => {
    const s = await server({ auth: { user: 'desk', pass: 'right' } });
    const url = s.url.replace('smtp://', 'smtp://desk:wrong@');
    expect(await transport(url).send(email())).toMatchObject({ kind: 'rejected', action: 'pause' });
  });

  it('retries when nothing listens (connection refused: nothing was handed over)', async () => {
    const s = await startSmtpServer();
    await s.close();
    expect(await transport(s.url).send(email())).toMatchObject({ kind: 'rejected', action: 'retry' });
  });

  it('reports unknown when the connection drops after the message data', async () => {
    const s = await server({ dropAfterData: true });
    expect(await transport(s.url).send(email())).toMatchObject({ kind: 'unknown' });
  });

  it('retries when the server goes silent before DATA (nothing handed over)', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((sock) => {
      sockets.push(sock);
      sock.write('220 silent.example ESMTP\r\n');
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    cleanups.push(
      () =>
        new Promise<void>((r) => {
          sockets.forEach((x) => x.destroy());
          silent.close(() => r());
        }),
    );
    const port = (silent.address() as AddressInfo).port;
    const started = Date.now();
    expect(await transport(`smtp://127.0.0.1:${port}`, 300).send(email())).toMatchObject({ kind: 'rejected', action: 'retry' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('cannot query SMTP, so reconcile says not_found', async () => {
    expect(await transport('smtp://127.0.0.1:9').reconcile(email())).toEqual({ kind: 'not_found' });
  });
});
