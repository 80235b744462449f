import type { FhirBundle } from './fhir-types';

/** The part of fetch the client uses (the global fetch; a fake in tests). */
export type FhirFetch = (url: string, init: { headers: Record<string, string>; signal?: AbortSignal }) => Promise<FhirResponse>;
export interface FhirResponse {
  status: number;
  json(): Promise<unknown>;
}

/** The server refused the credentials (401/403): the source pauses until its token is replaced. */
export class FhirAuthError extends Error {}

/** Pages followed at most in one search (a server whose `next` never ends must not keep the sync forever). */
const MAX_PAGES = 1_000;
/** Ids asked for per search when looking up appointments that left the window. */
const IDS_PER_SEARCH = 50;
const PAGE_SIZE = 200;
const REQUEST_TIMEOUT_MS = 30_000;

export interface FhirClientOptions {
  /** The server's base URL, without a trailing slash. */
  base: string;
  token: string | undefined;
  fetch: FhirFetch;
}

/**
 * A FHIR R4 search client (docs/fhir.md): `GET [base]/Appointment?…&_include=Appointment:patient`, then every
 * `Bundle.link` "next" page. Next links must stay on the server's own origin, so the Bearer token is never sent
 * elsewhere.
 */
export class FhirClient {
  private readonly origin: string;

  constructor(private readonly options: FhirClientOptions) {
    this.origin = new URL(options.base).origin;
  }

  /** Appointments starting in [from, to) (dates YYYY-MM-DD), with their Patients, all pages. */
  searchWindow(from: string, to: string): Promise<FhirBundle[]> {
    const query = `date=ge${from}&date=lt${to}&_include=Appointment:patient&_count=${PAGE_SIZE}`;
    return this.searchAll(`${this.options.base}/Appointment?${query}`);
  }

  /** The appointments with these ids, wherever they are now (those that left the window), with their Patients. */
  async searchIds(ids: readonly string[]): Promise<FhirBundle[]> {
    const pages: FhirBundle[] = [];
    for (let i = 0; i < ids.length; i += IDS_PER_SEARCH) {
      const chunk = ids
        .slice(i, i + IDS_PER_SEARCH)
        .map(encodeURIComponent)
        .join(',');
      pages.push(...(await this.searchAll(`${this.options.base}/Appointment?_id=${chunk}&_include=Appointment:patient`)));
    }
    return pages;
  }

  private async searchAll(first: string): Promise<FhirBundle[]> {
    const pages: FhirBundle[] = [];
    const seen = new Set<string>();
    for (let url: string | undefined = first; url !== undefined; ) {
      if (seen.has(url) || pages.length >= MAX_PAGES) throw new Error(`the server's next links do not end (after ${pages.length} pages)`);
      seen.add(url);
      const page = await this.get(url);
      pages.push(page);
      url = this.nextOf(page);
    }
    return pages;
  }

  private nextOf(page: FhirBundle): string | undefined {
    const next = (page.link ?? []).find((l) => l.relation === 'next')?.url;
    if (!next) return undefined;
    const url = new URL(next, `${this.options.base}/`);
    if (url.origin !== this.origin) throw new Error(`the server's next link goes to another server (${url.origin}): not followed`);
    return url.toString();
  }

  private async get(url: string): Promise<FhirBundle> {
    const headers: Record<string, string> = { Accept: 'application/fhir+json' };
    if (this.options.token) headers['Authorization'] = `Bearer ${this.options.token}`;
    let response: FhirResponse;
    try {
      response = await this.options.fetch(url, { headers, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    } catch (error) {
      throw new Error(`cannot reach the FHIR server at ${this.options.base}: ${(error as Error).message}`);
    }
    if (response.status === 401 || response.status === 403) {
      throw new FhirAuthError(
        `the FHIR server refused the access token (HTTP ${response.status}): polling of this source is paused until a new token ` +
          `is given (sources add fhir ${this.options.base} --token NEW_TOKEN)`,
      );
    }
    if (response.status !== 200) throw new Error(`the FHIR server answered HTTP ${response.status} to ${url}`);
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw new Error(`the FHIR server's answer to ${url} is not JSON`);
    }
    if (typeof body !== 'object' || body === null || (body as { resourceType?: unknown }).resourceType !== 'Bundle') {
      throw new Error(`the FHIR server's answer to ${url} is not a Bundle`);
    }
    return body as FhirBundle;
  }
}
