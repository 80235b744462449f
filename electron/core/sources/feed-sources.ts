import { readFileSync } from 'node:fs';
import type { WritableDB } from '../db/types';
import { recordEvent } from '../db/repos/events-repo';
import { setSourcePaused, upsertSource, type SourceRow } from '../db/repos/sources-repo';
import { badRequest } from '../platform/errors';
import { DEFAULT_FHIR_DAYS } from './fhir/fhir-sync';
import type { SourceSecrets } from './source-secrets';

/** An HL7 source's settings (sources.options_json). */
export interface Hl7Options {
  host: string;
  port: number;
  /** PEM files: the listener speaks TLS when both are set. */
  tlsCert: string | null;
  tlsKey: string | null;
}

/** The port registered for HL7 over MLLP. */
export const DEFAULT_HL7_PORT = 2575;
export const DEFAULT_HL7_HOST = '127.0.0.1';
const MAX_FHIR_DAYS = 366;

export function hl7Options(row: Pick<SourceRow, 'options_json'>): Hl7Options {
  const o = JSON.parse(row.options_json) as Partial<Hl7Options>;
  return { host: o.host ?? DEFAULT_HL7_HOST, port: o.port ?? DEFAULT_HL7_PORT, tlsCert: o.tlsCert ?? null, tlsKey: o.tlsKey ?? null };
}

/** The PEM key and certificate of a TLS listener, read now (a missing file is a clear error, not a crash later). */
export function readTls(options: Hl7Options): { key: Buffer; cert: Buffer } | undefined {
  if (!options.tlsCert || !options.tlsKey) return undefined;
  try {
    return { cert: readFileSync(options.tlsCert), key: readFileSync(options.tlsKey) };
  } catch (error) {
    throw badRequest(`cannot read the TLS certificate or key: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/**
 * Adds an HL7 v2 listener (`sources add hl7 [--port P] [--host H]`), on 127.0.0.1 unless another interface is
 * asked for; `run`, `serve` and the desktop app listen on it. Adding the same host and port again updates it.
 */
export function addHl7Source(db: WritableDB, now: number, input: Partial<Hl7Options>, actor: string): number {
  const port = input.port ?? DEFAULT_HL7_PORT;
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw badRequest(`--port must be a port number from 1 to 65535, got ${port}`);
  const host = (input.host ?? DEFAULT_HL7_HOST).trim();
  if (!host || /[\s/]/.test(host)) throw badRequest(`--host must be an interface address such as 0.0.0.0 or 10.0.0.5, got "${host}"`);
  if ((input.tlsCert ? 1 : 0) + (input.tlsKey ? 1 : 0) === 1) throw badRequest('TLS needs both --tls-cert and --tls-key');
  const options: Hl7Options = { host, port, tlsCert: input.tlsCert ?? null, tlsKey: input.tlsKey ?? null };
  readTls(options);
  const target = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  return db
    .transaction(() => {
      const id = upsertSource(db, 'hl7', target, JSON.stringify(options), now);
      recordEvent(db, now, 'source_added', actor, { id, kind: 'hl7', target, tls: options.tlsCert !== null });
      return id;
    })
    .immediate();
}

/**
 * Adds a FHIR R4 server to poll (`sources add fhir BASE_URL [--token T] [--days N]`). The token goes to the
 * secret store, never to the database; adding the server again with a new token resumes a paused source.
 */
export function addFhirSource(
  db: WritableDB,
  now: number,
  input: { base: string; token: string | undefined; days: number | undefined },
  secrets: SourceSecrets,
  actor: string,
): number {
  const base = normalizeBase(input.base);
  const days = input.days ?? DEFAULT_FHIR_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > MAX_FHIR_DAYS)
    throw badRequest(`--days must be a whole number from 1 to ${MAX_FHIR_DAYS}, got ${days}`);
  if (input.token !== undefined && (!input.token.trim() || /\s/.test(input.token.trim())))
    throw badRequest('--token must be a token without spaces');
  const { hostname, protocol } = new URL(base);
  if (input.token !== undefined && protocol === 'http:' && !['127.0.0.1', 'localhost', '[::1]'].includes(hostname)) {
    throw badRequest('a token is sent only over https (or to this computer): use the https:// address of the FHIR server');
  }
  const id = db
    .transaction(() => {
      const sourceId = upsertSource(db, 'fhir', base, JSON.stringify({ days }), now);
      setSourcePaused(db, sourceId, null);
      recordEvent(db, now, 'source_added', actor, { id: sourceId, kind: 'fhir', target: base, days, token: input.token !== undefined });
      return sourceId;
    })
    .immediate();
  if (input.token !== undefined) secrets.set(id, input.token.trim());
  return id;
}

function normalizeBase(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw badRequest(`"${raw}" is not a URL: give the FHIR server's base, e.g. https://ehr.example.org/fhir/r4`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw badRequest(`the FHIR base URL must be http(s), got ${url.protocol}`);
  if (url.username || url.password) throw badRequest('put the credentials in --token, not in the URL');
  if (url.search || url.hash) throw badRequest('the FHIR base URL must not have a query or fragment');
  return url.toString().replace(/\/+$/, '');
}
