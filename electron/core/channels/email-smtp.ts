import { createHash } from 'node:crypto';
import type { Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { OutgoingMessage, ReconcileResult, SendResult, Transport } from './channel';

export interface SmtpEmailOptions {
  /** e.g. smtp://user:pass@mail.example.org:587 or smtps://…:465 */
  readonly smtpUrl: string;
  /** From address, e.g. "Riverside Clinic <reminders@riverside.example>". */
  readonly from: string;
  /** Connection, greeting and socket timeout. Default 20 s. */
  readonly timeoutMs?: number;
  /** Extra nodemailer SMTP options (tests: ignoreTLS). */
  readonly extra?: Readonly<SMTPTransport.Options>;
}

interface SmtpError {
  code?: string;
  responseCode?: number;
  command?: string;
  message: string;
}

/** A stable, opaque id from the outbox key: the key itself may name the appointment, so only its hash leaves. */
export function emailIdempotencyId(idempotencyKey: string): string {
  return createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32);
}

function domainOf(from: string): string {
  const m = /@([^>\s]+)>?\s*$/.exec(from);
  return m?.[1] ?? 'frontdesk.invalid';
}

/**
 * Maps a nodemailer failure. SMTP replies are definite (4xx not accepted, 5xx refused). Without a reply, what matters is
 * whether DATA was sent: before it nothing was handed over (safe to retry), after it the server may have the message.
 * nodemailer's `err.command` can't tell (it says CONN either way), so the caller watches the SMTP transcript.
 */
export function smtpErrorResult(err: unknown, dataSent: boolean): SendResult {
  const e = (err ?? {}) as SmtpError;
  const message = e.message ?? String(err);
  const code = e.responseCode ? String(e.responseCode) : e.code;
  if (e.code === 'EAUTH' || e.code === 'ENOAUTH' || e.code === 'ECONFIG') {
    return { kind: 'rejected', action: 'pause', error: `Email server refused our login or settings: ${message} — check SMTP_URL`, code };
  }
  if (e.responseCode !== undefined) {
    if (e.responseCode < 500)
      return { kind: 'rejected', action: 'retry', error: `Email server is busy (${message}); will try again`, code };
    if (e.command === 'RCPT TO')
      return { kind: 'rejected', action: 'invalid_address', error: `Email address refused (${message}) — fix this address`, code };
    if (e.command === 'MAIL FROM')
      return {
        kind: 'rejected',
        action: 'pause',
        error: `Email server refused our From address (${message}) — check FRONTDESK_EMAIL_FROM`,
        code,
      };
    return { kind: 'rejected', action: 'fail', error: `Email server refused the message: ${message}`, code };
  }
  if (!dataSent) return { kind: 'rejected', action: 'retry', error: `Cannot reach the email server: ${message}`, code };
  return { kind: 'unknown', error: `Email server connection lost (${message}); the email may or may not have been sent`, code };
}

/** A nodemailer logger that only notes whether the DATA command went out (message content is never kept). */
function dataWatcher(): { logger: SMTPTransport.Options['logger']; sent: () => boolean } {
  let sent = false;
  const noop = (): void => undefined;
  const debug = (entry: { tnx?: string } | undefined, msg?: unknown): void => {
    if (entry?.tnx === 'client' && typeof msg === 'string' && msg.trim().toUpperCase() === 'DATA') sent = true;
  };
  return { logger: { level: noop, trace: noop, debug, info: noop, warn: noop, error: noop, fatal: noop }, sent: () => sent };
}

/** Email through SMTP (nodemailer, loaded on first send so the CLI starts fast). */
export class SmtpEmailTransport implements Transport {
  readonly name = 'smtp';
  readonly channel = 'email' as const;
  /** At most 120 emails a minute, the default limit (docs/safeguards.md#rate-limits). */
  readonly minIntervalMs = 500;
  constructor(private readonly options: SmtpEmailOptions) {}

  /** One transporter per send (SMTP opens a connection per message anyway), so its transcript is this send's alone. */
  private mailer(logger: SMTPTransport.Options['logger']): Transporter<SMTPTransport.SentMessageInfo> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const nodemailer = require('nodemailer') as typeof import('nodemailer');
    const t = this.options.timeoutMs ?? 20_000;
    return nodemailer.createTransport({
      url: this.options.smtpUrl,
      connectionTimeout: t,
      greetingTimeout: t,
      socketTimeout: t,
      ...this.options.extra,
      transactionLog: true,
      logger,
    });
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    const id = emailIdempotencyId(message.idempotencyKey);
    const watch = dataWatcher();
    const mailer = this.mailer(watch.logger);
    try {
      const info = await mailer.sendMail({
        from: this.options.from,
        to: message.to,
        subject: message.subject ?? 'Appointment reminder',
        text: message.body,
        html: message.html,
        // Receivers that deduplicate by Message-ID drop a resend of the same outbox row.
        messageId: `<${id}@${domainOf(this.options.from)}>`,
        headers: { 'Idempotency-Key': id },
      });
      if (info.rejected.length > 0 && info.accepted.length === 0) {
        return { kind: 'rejected', action: 'invalid_address', error: `Email address refused (${info.response}) — fix this address` };
      }
      return { kind: 'accepted', providerId: info.messageId };
    } catch (err) {
      return smtpErrorResult(err, watch.sent());
    } finally {
      mailer.close();
    }
  }

  /**
   * SMTP has no way to ask a server what it accepted earlier, so an interrupted send is reported as not found:
   * a possible duplicate email is the lesser harm (email is outside the SMS/call budget; docs/email.md), and the
   * unchanged Message-ID lets receiving servers drop it.
   */
  reconcile(_message: OutgoingMessage): Promise<ReconcileResult> {
    return Promise.resolve({ kind: 'not_found' });
  }
}
