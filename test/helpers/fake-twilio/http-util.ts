import { createHash } from 'node:crypto';

export type Params = Record<string, string | string[]>;

/** Parses a query string or form body: `%20` and `+` decoded, repeated keys become arrays. */
export function parseParams(text: string): Params {
  const out: Params = {};
  for (const [k, v] of new URLSearchParams(text)) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

/** The single value of a parameter (the first when repeated). */
export function one(p: Params, key: string): string | undefined {
  const v = p[key];
  return Array.isArray(v) ? v[0] : v;
}

/** Deterministic `prefix + 32 lowercase hex` sids, distinct per server instance. */
export class SidMaker {
  private n = 0;
  constructor(private readonly seed: string) {}
  next(prefix: string): string {
    this.n += 1;
    return prefix + createHash('md5').update(`${this.seed}:${prefix}:${this.n}`).digest('hex');
  }
}

const DAY = 86_400_000;

/** Twilio date filters compare calendar days (UTC), inclusive: `X` same day, `X<` on or before, `X>` on or after. */
export function dateFilter(p: Params, key: string, value: number | null): boolean {
  const checks: [string, (a: number, b: number) => boolean][] = [
    [key, (a, b) => a === b],
    [`${key}<`, (a, b) => a <= b],
    [`${key}>`, (a, b) => a >= b],
  ];
  for (const [k, cmp] of checks) {
    const raw = one(p, k);
    if (raw === undefined) continue;
    const bound = Date.parse(raw);
    if (Number.isNaN(bound) || value === null) return false;
    if (!cmp(Math.floor(value / DAY), Math.floor(bound / DAY))) return false;
  }
  return true;
}

export interface PageResult {
  body: Record<string, unknown>;
}

/**
 * One page of a list, newest first, with relative `next_page_uri` carrying `Page` and `PageToken=PA<last sid>`
 * like Twilio's (docs/twilio.md#rest-shapes). Filters are echoed in the page URIs with encoded keys.
 */
export function pageOf<T extends { sid: string }>(
  key: string,
  path: string,
  all: T[],
  query: Params,
  toJson: (item: T) => Record<string, unknown>,
): Record<string, unknown> {
  const pageSize = Math.min(1000, Math.max(1, Number(one(query, 'PageSize') ?? 50) || 50));
  const page = Math.max(0, Number(one(query, 'Page') ?? 0) || 0);
  const token = one(query, 'PageToken');
  let start = page * pageSize;
  if (token?.startsWith('PA')) {
    const idx = all.findIndex((i) => i.sid === token.slice(2));
    if (idx >= 0) start = idx + 1;
  }
  const items = all.slice(start, start + pageSize);
  const filters = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (['PageSize', 'Page', 'PageToken'].includes(k)) continue;
    for (const x of Array.isArray(v) ? v : [v]) filters.append(k, x);
  }
  const uriFor = (p: number, tok?: string): string => {
    const q = new URLSearchParams(filters);
    q.set('PageSize', String(pageSize));
    q.set('Page', String(p));
    if (tok) q.set('PageToken', tok);
    return `${path}?${q.toString()}`;
  };
  const last = items[items.length - 1];
  const hasNext = start + pageSize < all.length && last !== undefined;
  return {
    [key]: items.map(toJson),
    end: Math.max(start, start + items.length - 1),
    first_page_uri: uriFor(0),
    next_page_uri: hasNext ? uriFor(page + 1, `PA${last.sid}`) : null,
    page,
    page_size: pageSize,
    previous_page_uri: page > 0 ? uriFor(page - 1) : null,
    start,
    uri: uriFor(page, token),
  };
}
