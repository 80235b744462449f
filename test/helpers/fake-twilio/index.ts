import type { AddressInfo } from 'node:net';
import { Faults, type FaultRule } from './faults';
import { createFakeServer, Gates, type LoggedRequest } from './server';
import type { CallOutcome, StoredCall, StoredMessage } from './shapes';
import { FakeState } from './state';
import { FakeStudio } from './studio';

export type { FaultRule, FaultAction } from './faults';
export type { LoggedRequest } from './server';
export type { CallOutcome, StoredCall, StoredMessage } from './shapes';

/** A clock the fake moves on `advance`; share it with the transports under test. */
export interface FakeTwilioClock {
  now(): number;
  advance(ms: number): void;
}

export interface FakeTwilioOptions {
  readonly accountSid?: string;
  readonly authToken?: string;
  /** Our Twilio number (owned, SMS- and voice-capable besides the magic +15005550006). */
  readonly fromNumber?: string;
  /** Extra API keys: `SK…` → secret. */
  readonly apiKeys?: Readonly<Record<string, string>>;
  /** Start time of the internal clock when `clock` is not given. */
  readonly startAt?: number;
  readonly clock?: FakeTwilioClock;
  /** When false, messages and calls stay queued until the control API moves them. Default true. */
  readonly autoProgress?: boolean;
  /** Numbers the fake treats as landlines (21614 on SMS). */
  readonly landlines?: readonly string[];
  /** Messaging Services (MG sid → sender number); default one, `DEFAULT_SERVICE_SID`, sending from `fromNumber`. */
  readonly messagingServices?: Readonly<Record<string, string>>;
}

/** The Messaging Service every fake account has unless told otherwise. */
export const DEFAULT_SERVICE_SID = 'MG0123456789abcdef0123456789abcdef';

export interface FakeTwilio {
  readonly baseUrl: string;
  readonly accountSid: string;
  readonly authToken: string;
  readonly fromNumber: string;
  /** The first Messaging Service's sid. */
  readonly messagingServiceSid: string;
  readonly clock: FakeTwilioClock;
  close(): Promise<void>;
  inbound(input: { from: string; to?: string; body: string; at?: number }): Promise<Record<string, unknown>>;
  advance(ms: number): Promise<void>;
  setMessageStatus(sid: string, status: string, errorCode?: number): Promise<void>;
  callOutcome(sid: string, outcome: CallOutcome): Promise<void>;
  addFault(rule: FaultRule): Promise<void>;
  /** Opens a `hold` fault's gate: requests held on it are served, later ones pass. */
  releaseGate(gate: string): Promise<void>;
  /** How many requests a `hold` fault's gate holds now. */
  heldAt(gate: string): Promise<number>;
  clearFaults(): Promise<void>;
  requests(): Promise<LoggedRequest[]>;
  state(): Promise<{ now: number; messages: StoredMessage[]; calls: StoredCall[]; optOuts: string[] }>;
  reset(): Promise<void>;
}

/** Fixed start: Mon, 02 Mar 2026 15:30:00 UTC (the spec examples' day). */
const DEFAULT_START = Date.UTC(2026, 2, 2, 15, 30, 0);

function manualClock(start: number): FakeTwilioClock & { reset(): void } {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms), reset: () => void (t = start) };
}

/** Starts the fake Twilio REST + Studio server on 127.0.0.1:0 (docs/twilio.md#the-fake-twilio-server). */
export async function startFakeTwilio(options: FakeTwilioOptions = {}): Promise<FakeTwilio> {
  const accountSid = options.accountSid ?? 'ACa221078285b12bd1e578d4fd9cb404f1';
  const authToken = options.authToken ?? 'fake-auth-token-0123456789abcdef';
  const fromNumber = options.fromNumber ?? '+15005550006';
  const own = options.clock ? undefined : manualClock(options.startAt ?? DEFAULT_START);
  const clock: FakeTwilioClock = options.clock ?? own ?? manualClock(DEFAULT_START);
  const state = new FakeState(clock, { autoProgress: options.autoProgress ?? true }, accountSid);
  const services = options.messagingServices ?? { [DEFAULT_SERVICE_SID]: fromNumber };
  for (const [sid, sender] of Object.entries(services)) state.serviceSenders.set(sid, sender);
  const studio = new FakeStudio(state, accountSid);
  const credentials = new Map<string, string>([[accountSid, authToken], ...Object.entries(options.apiKeys ?? {})]);
  const log: LoggedRequest[] = [];
  const server = createFakeServer({
    state,
    studio,
    faults: new Faults(),
    gates: new Gates(),
    log,
    accountSid,
    credentials,
    vopts: { owned: [...new Set([fromNumber, '+15005550006'])], landlines: [...(options.landlines ?? [])], services: state.serviceSenders },
    advance: (ms) => clock.advance(ms),
    // `reset` rewinds the fake's own clock; an injected clock belongs to the test.
    resetClock: () => own?.reset(),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${baseUrl}/__fake/${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`fake control ${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };

  return {
    baseUrl,
    accountSid,
    authToken,
    fromNumber,
    messagingServiceSid: Object.keys(services)[0] ?? DEFAULT_SERVICE_SID,
    clock,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
    inbound: (input) => call('POST', 'inbound', input),
    advance: async (ms) => void (await call('POST', 'advance', { ms })),
    setMessageStatus: async (sid, status, errorCode) => void (await call('POST', `message/${sid}/status`, { status, errorCode })),
    callOutcome: async (sid, outcome) => void (await call('POST', `call/${sid}/outcome`, outcome)),
    addFault: async (rule) => void (await call('POST', 'faults', rule)),
    releaseGate: async (gate) => void (await call('POST', `gates/${gate}`)),
    heldAt: async (gate) => (await call<{ held: number }>('GET', `gates/${gate}`)).held,
    clearFaults: async () => void (await call('DELETE', 'faults')),
    requests: () => call('GET', 'requests'),
    state: () => call('GET', 'state'),
    reset: async () => void (await call('POST', 'reset')),
  };
}
