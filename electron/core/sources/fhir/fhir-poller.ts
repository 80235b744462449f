import type { WritableDB } from '../../db/types';
import { findSource, listSources, type SourceRow } from '../../db/repos/sources-repo';
import type { SourceFileResult } from '../folder/process-file';
import type { SourceSecrets } from '../source-secrets';
import type { FhirFetch } from './fhir-client';
import { syncFhirSource } from './fhir-sync';

/** How often run, serve and the desktop app poll each FHIR server. */
export const FHIR_POLL_MS = 5 * 60_000;

export interface FhirSyncDeps {
  fetch: FhirFetch;
  secrets: SourceSecrets;
}

/** `sources sync` and the poller: every FHIR source once, now, one after the other (a paused one says so). */
export async function syncFhirSources(db: WritableDB, now: () => number, deps: FhirSyncDeps): Promise<SourceFileResult[]> {
  const results: SourceFileResult[] = [];
  for (const source of listSources(db).filter((s) => s.kind === 'fhir')) results.push(await syncOne(db, now(), source, deps));
  return results;
}

function syncOne(db: WritableDB, now: number, source: SourceRow, deps: FhirSyncDeps): Promise<SourceFileResult> {
  return syncFhirSource(db, now, source, { fetch: deps.fetch, token: deps.secrets.get(source.id) });
}

/**
 * Polls the FHIR sources of a long-running engine every 5 minutes (real time; a poll never overlaps the
 * previous one). `onResult` gets every sync's result (the engine plans after a change, alerts on a pause).
 */
export class FhirPoller {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly db: WritableDB,
    private readonly now: () => number,
    private readonly deps: FhirSyncDeps & {
      onResult: (result: SourceFileResult) => void;
      onError: (error: Error) => void;
      everyMs?: number;
    },
  ) {}

  start(): void {
    void this.poll();
    this.timer = setInterval(() => void this.poll(), this.deps.everyMs ?? FHIR_POLL_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One poll of every FHIR source (joins the running one rather than overlapping it). */
  poll(): Promise<void> {
    if (this.running) return this.running;
    const poll = this.pollOnce().finally(() => {
      if (this.running === poll) this.running = undefined;
    });
    this.running = poll;
    return poll;
  }

  private async pollOnce(): Promise<void> {
    try {
      for (const source of listSources(this.db).filter((s) => s.kind === 'fhir')) {
        if (!findSource(this.db, source.id)) continue;
        this.deps.onResult(await syncOne(this.db, this.now(), source, this.deps));
      }
    } catch (error) {
      this.deps.onError(error as Error);
    }
  }
}
