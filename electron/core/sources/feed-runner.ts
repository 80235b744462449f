import type { WritableDB } from '../db/types';
import { listSources } from '../db/repos/sources-repo';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';
import type { FhirFetch } from './fhir/fhir-client';
import { FhirPoller } from './fhir/fhir-poller';
import type { SourceFileResult } from './folder/process-file';
import type { Hl7Receipt } from './hl7/hl7-feed';
import { Hl7Listeners } from './hl7/hl7-listeners';
import type { SourceSecrets } from './source-secrets';

export interface FeedRunnerDeps {
  db: WritableDB;
  clock: Clock;
  logger: Logger;
  secrets: SourceSecrets;
  fetch: FhirFetch;
  /** The schedule changed (plan, refresh the window). */
  scheduleChanged: () => void;
  /** Something the desk must see (a listener that cannot start, a paused FHIR source). */
  attention: (message: string) => void;
  /** Status changed without a schedule change (a refused message): the Sources screen refreshes. */
  statusChanged: () => void;
  fhirPollMs?: number | undefined;
}

/** Sources added or removed while the engine runs are picked up within this. */
const REFRESH_MS = 60_000;

/**
 * The standards feeds of a long-running engine (run, serve, the desktop app): an MLLP listener per HL7 source
 * and a 5-minute poll of each FHIR source (docs/hl7.md, docs/fhir.md).
 */
export class FeedRunner {
  readonly hl7: Hl7Listeners;
  readonly fhir: FhirPoller;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: FeedRunnerDeps) {
    this.hl7 = new Hl7Listeners({
      db: deps.db,
      clock: deps.clock,
      logger: deps.logger,
      onReceipt: (_id, receipt: Hl7Receipt) => (receipt.changed ? deps.scheduleChanged() : deps.statusChanged()),
      onProblem: (_id, message) => deps.attention(message),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    });
    this.fhir = new FhirPoller(deps.db, () => deps.clock.now(), {
      fetch: deps.fetch,
      secrets: deps.secrets,
      everyMs: deps.fhirPollMs,
      onResult: (result: SourceFileResult) => this.onFhirResult(result),
      onError: (error) => deps.logger.error(`FHIR poll failed: ${error.message}`),
    });
  }

  async start(): Promise<void> {
    await this.hl7.refresh(listSources(this.deps.db));
    this.fhir.start();
    this.timer = setInterval(() => {
      this.hl7.refresh(listSources(this.deps.db)).catch((error: Error) => this.deps.logger.error(`HL7 listeners: ${error.message}`));
    }, REFRESH_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.fhir.stop();
    await this.hl7.stop();
  }

  /** Sources whose pause the desk was told about (once per pause, not every 5 minutes). */
  private readonly alerted = new Set<number>();

  private onFhirResult(result: SourceFileResult): void {
    const r = result.result;
    if (r && r.created + r.updated > 0) this.deps.scheduleChanged();
    else this.deps.statusChanged();
    if (result.outcome === 'refused' && !this.alerted.has(result.sourceId)) {
      this.alerted.add(result.sourceId);
      this.deps.attention(`FHIR source ${result.file}: ${result.summary}`);
    } else if (result.outcome === 'imported') this.alerted.delete(result.sourceId);
  }
}
