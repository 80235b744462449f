import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applySettingsUpdate } from '../../electron/core/api/settings-update';
import { setSettleMinutes } from './engine';
import { type ChannelConfig, twilioTransportsFromConfig } from '../../electron/core/channels/twilio-config';
import { createEngine, type Engine } from '../../electron/core/compose';
import type { CoverageSource } from '../../electron/core/coverage/send-ahead/deps';
import type { WritableDB } from '../../electron/core/db/connection';
import type { Channel } from '../../shared/domain/types';
import { ManualScheduler } from '../../electron/core/jobs/scheduler';
import { ManualClock } from '../../electron/core/platform/clock';
import { ZONE } from './engine';
import { startFakeTwilio, type FakeTwilio, type FakeTwilioOptions, type LoggedRequest } from './fake-twilio';
import { startSmtpServer, type SmtpTestServer } from './smtp';

/**
 * Engine-level Twilio tests: one ManualClock shared by the engine and the fake Twilio server (so the fake's
 * dates, lifecycle and list filters line up with the engine's claims), a real SMTP server, and a real engine
 * on a temp-file database whose transports are the production ones from `twilioTransportsFromConfig`, i.e. the
 * real `twilio` SDK redirected to the fake through `apiBase`.
 */
export interface TwilioWorld {
  readonly clock: ManualClock;
  readonly fake: FakeTwilio;
  readonly smtp: SmtpTestServer;
  readonly dir: string;
  /** The channel config the engines get by default (override per engine). */
  config(over?: ConfigOverride): ChannelConfig;
  /** A new engine; `file` defaults to the world's database file (restart = a second engine on it). */
  engine(options?: { file?: string; config?: ConfigOverride; coverage?: CoverageSource }): TwilioTestEngine;
  close(): Promise<void>;
}

export interface TwilioTestEngine extends Engine {
  readonly clock: ManualClock;
  readonly file: string;
}

/** Per-engine changes to the channel config; `undefined` unsets a setting (like an empty env variable). */
export type ConfigOverride = { -readonly [K in keyof ChannelConfig]?: ChannelConfig[K] | undefined };

export const EMAIL_FROM = 'Riverside Clinic <reminders@riverside.example>';

export async function startTwilioWorld(options: {
  now: number;
  fake?: Omit<FakeTwilioOptions, 'clock' | 'startAt'>;
}): Promise<TwilioWorld> {
  const clock = new ManualClock(options.now);
  const fake = await startFakeTwilio({ ...options.fake, clock });
  const smtp = await startSmtpServer();
  const dir = mkdtempSync(join(tmpdir(), 'frontdesk-twilio-engine-'));
  const engines: Engine[] = [];
  const config: TwilioWorld['config'] = (over = {}) => {
    const merged = {
      accountSid: fake.accountSid,
      authToken: fake.authToken,
      from: fake.fromNumber,
      apiBase: fake.baseUrl,
      smtpUrl: smtp.url,
      emailFrom: EMAIL_FROM,
      timeoutMs: 5_000,
      ...over,
    };
    // `undefined` in an override means "unset", as channelConfigFromEnv reads an empty variable.
    return Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined)) as ChannelConfig;
  };
  return {
    clock,
    fake,
    smtp,
    dir,
    config,
    engine: ({ file, config: over, coverage } = {}) => {
      const dbFile = file ?? join(dir, 'frontdesk.db');
      const engine = createEngine({
        dbFile,
        clock,
        scheduler: new ManualScheduler(),
        sleep: async () => {},
        transports: (_db: WritableDB, c) => twilioTransportsFromConfig(config(over), c),
        ...(coverage ? { coverage } : {}),
      });
      applySettingsUpdate(engine.db, clock.now(), { timezone: ZONE, name: 'Riverside Clinic', phone: '(212) 555-0100' }, 'test');
      // These tests dispatch right after importing; settle time has its own tests (test/integration/sources).
      setSettleMinutes(engine.db, 0);
      engines.push(engine);
      return { ...engine, clock, file: dbFile };
    },
    close: async () => {
      for (const e of engines.splice(0)) {
        try {
          e.close();
        } catch {
          // already closed by the test
        }
      }
      await fake.close();
      await smtp.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Provider-side creates from the fake's request log: `Messages` or `Calls`, optionally to one number. */
export function creates(log: readonly LoggedRequest[], kind: 'Messages' | 'Calls', to?: string): LoggedRequest[] {
  return log.filter(
    (r) => r.method === 'POST' && r.host === 'api.twilio.com' && r.path.endsWith(`/${kind}.json`) && (to === undefined || r.form.To === to),
  );
}

/** The single value of a parsed form/query parameter. */
export function param(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export interface OutboxRowView {
  id: number;
  idempotency_key: string;
  appointment: string;
  channel: string;
  recipient: string;
  state: string;
  reason: string | null;
  attempts: number;
  provider_id: string | null;
  not_before: number;
  expires_at: number;
}

export function outboxRows(db: WritableDB): OutboxRowView[] {
  return db
    .prepare(
      `SELECT o.id, o.idempotency_key, a.external_id AS appointment, o.channel, o.recipient, o.state, o.reason, o.attempts,
              o.provider_id, o.not_before, o.expires_at
       FROM outbox o JOIN appointments a ON a.id = o.appointment_id ORDER BY o.id`,
    )
    .all() as OutboxRowView[];
}

export function outboxRow(db: WritableDB, appointment: string, channel: Channel): OutboxRowView {
  const row = outboxRows(db).find((r) => r.appointment === appointment && r.channel === channel);
  if (!row) throw new Error(`no ${channel} outbox row for ${appointment}`);
  return row;
}

export interface LedgerRowView {
  outbox_id: number;
  appointment: string;
  channel: string;
  recipient: string;
  outcome: string;
  counts_for_budget: number;
  provider_id: string | null;
  error_code: string | null;
  detail: string | null;
}

export function ledgerRows(db: WritableDB): LedgerRowView[] {
  return db
    .prepare(
      `SELECT c.outbox_id, a.external_id AS appointment, c.channel, c.recipient, c.outcome, c.counts_for_budget, c.provider_id,
              c.error_code, c.detail
       FROM contacts c JOIN appointments a ON a.id = c.appointment_id ORDER BY c.id`,
    )
    .all() as LedgerRowView[];
}

export function recipientFacts(
  db: WritableDB,
  address: string,
): { opted_out_at: number | null; opt_out_source: string | null; invalid_reason: string | null } | undefined {
  return db.prepare(`SELECT opted_out_at, opt_out_source, invalid_reason FROM recipients WHERE address = ?`).get(address) as
    | { opted_out_at: number | null; opt_out_source: string | null; invalid_reason: string | null }
    | undefined;
}

export function appointmentStatus(db: WritableDB, externalId: string): string {
  return (db.prepare(`SELECT status FROM appointments WHERE external_id = ?`).get(externalId) as { status: string }).status;
}
