import type TwilioSDK from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import type Response from 'twilio/lib/http/response';

type Sdk = typeof TwilioSDK;
export type TwilioClient = TwilioSDK.Twilio;
type SdkOptions = NonNullable<ConstructorParameters<Sdk['RequestClient']>[0]>;

/** A RequestClient that sends every *.twilio.com request to a local origin (tests, the fake server). */
export interface RedirectingRequestClient extends TwilioSDK.RequestClient {
  readonly origin: string;
}

export interface TwilioClientOptions {
  readonly accountSid: string;
  readonly authToken: string;
  /** e.g. http://127.0.0.1:4010: the fake Twilio server. Unset → the real Twilio hosts. */
  readonly apiBase?: string;
  /** Per-request timeout; after it a create's outcome is unknown (docs/twilio.md#reconciliation). */
  readonly timeoutMs?: number;
  /** SDK retries of HTTP 429 only (not processed, so safe even for creates). Default 3; 0 disables. */
  readonly maxRetries?: number;
  readonly maxRetryDelayMs?: number;
}

/**
 * The `twilio` module, loaded on first use: requiring it takes ~0.3 s and the CLI must start well under 0.5 s,
 * so nothing here imports it at module load (type imports are erased).
 */
export function loadTwilio(): Sdk {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('twilio') as Sdk;
}

/** Builds a RequestClient subclass instance that rewrites each uri to `origin` and keeps the real host in X-Original-Host. */
export function createRedirectingRequestClient(origin: string, options: SdkOptions = {}): RedirectingRequestClient {
  const sdk = loadTwilio();
  // A real subclass is required: RequestClient has a private member, so duck typing fails (docs/twilio.md#the-client).
  class Redirecting extends sdk.RequestClient implements RedirectingRequestClient {
    readonly origin: string;
    constructor() {
      super(options); // timeout and retries belong here: twilio(...) ignores them once httpClient is set
      this.origin = new URL(origin).origin;
    }
    override request<T>(req: RequestClient.RequestOptions<T>): Promise<Response<T>> {
      const real = new URL(req.uri);
      const local = new URL(real.pathname + real.search, this.origin);
      return super.request<T>({ ...req, uri: local.href, headers: { ...req.headers, 'X-Original-Host': real.host } });
    }
  }
  return new Redirecting();
}

/** A Twilio REST client; pointed at `apiBase` when given, with our timeout and 429-only retry policy. */
export function createTwilioClient(o: TwilioClientOptions): TwilioClient {
  const sdk = loadTwilio();
  const maxRetries = o.maxRetries ?? 3;
  const opts: SdkOptions = {
    timeout: o.timeoutMs ?? 20_000,
    autoRetry: maxRetries > 0,
    // `0` can't be passed through (`opts.x || default`), hence autoRetry off instead.
    maxRetries: Math.max(1, maxRetries),
    maxRetryDelay: o.maxRetryDelayMs ?? 2_000,
  };
  const httpClient = o.apiBase ? createRedirectingRequestClient(o.apiBase, opts) : new sdk.RequestClient(opts);
  return sdk(o.accountSid, o.authToken, { httpClient });
}

/** A client, or a factory for one: transports built at start-up should not pay for loading the SDK until used. */
export type TwilioClientSource = TwilioClient | (() => TwilioClient);

/** Resolves a TwilioClientSource. */
export function resolveClient(source: TwilioClientSource): TwilioClient {
  return typeof source === 'function' ? source() : source;
}

/** A factory that creates the client (and loads the SDK) on first call, then reuses it. */
export function lazyTwilioClient(o: TwilioClientOptions): () => TwilioClient {
  let client: TwilioClient | undefined;
  return () => (client ??= createTwilioClient(o));
}
