/** Injected faults (TWILIO.md §11): matched per request, each used `times` times (forever when absent). */
export type FaultAction =
  /** A Twilio JSON error body, e.g. 429/20429, 401/20003, 500, 503. */
  | { readonly kind: 'error'; readonly status: number; readonly code?: number; readonly message?: string }
  /** A non-JSON body (an HTML 502 from a proxy). */
  | { readonly kind: 'html'; readonly status?: number }
  /** Hold the request for `ms` (past the client timeout), then drop it unprocessed or, with `thenProcess`, serve it. */
  | { readonly kind: 'delay'; readonly ms: number; readonly thenProcess?: boolean }
  /** Hold the request until the test opens `gate` (POST /__fake/gates/<gate>), then serve it: no timing guesswork. */
  | { readonly kind: 'hold'; readonly gate: string }
  /** Close the socket without an answer, before processing. */
  | { readonly kind: 'drop' }
  /** Process the request (the message or call exists), then close the socket: the client never learns. */
  | { readonly kind: 'accept_then_drop' };

export interface FaultRule {
  readonly match?: { readonly method?: string; readonly path?: string; readonly to?: string; readonly host?: string };
  readonly action: FaultAction;
  readonly times?: number;
}

interface LiveRule {
  rule: FaultRule;
  left: number;
}

export interface FaultTarget {
  method: string;
  host: string;
  path: string;
  to: string | undefined;
}

export class Faults {
  private rules: LiveRule[] = [];

  add(rule: FaultRule): void {
    this.rules.push({ rule, left: rule.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.rules = [];
  }

  /** The first matching rule's action, consuming one use. */
  take(t: FaultTarget): FaultAction | null {
    for (const live of this.rules) {
      const m = live.rule.match ?? {};
      if (m.method && m.method.toUpperCase() !== t.method) continue;
      if (m.host && m.host !== t.host) continue;
      if (m.path && !t.path.includes(m.path)) continue;
      if (m.to && m.to !== t.to) continue;
      live.left -= 1;
      if (live.left <= 0) this.rules = this.rules.filter((r) => r !== live);
      return live.rule.action;
    }
    return null;
  }
}
