import type { WritableDB } from '../../db/types';
import type { SourceRow } from '../../db/repos/sources-repo';
import type { Clock } from '../../platform/clock';
import type { Logger } from '../../platform/logger';
import { feedRowContext } from '../feed-context';
import { hl7Options, readTls } from '../feed-sources';
import { buildAck } from './ack';
import { type Hl7Receipt, receiveHl7Message } from './hl7-feed';
import { MAX_MESSAGE_CHARS } from './hl7-message';
import { MllpListener } from './mllp-listener';

export interface Hl7ListenersDeps {
  db: WritableDB;
  clock: Clock;
  logger: Logger;
  /** After each message (the engine plans after a change, and counts errors). */
  onReceipt: (sourceId: number, receipt: Hl7Receipt) => void;
  /** A listener that cannot start (port in use, unreadable certificate): the desk must know. */
  onProblem: (sourceId: number, message: string) => void;
  sleep: (ms: number) => Promise<void>;
}

/** Tries at storing a message while another writer holds the schedule (a large import on the worker). */
const BUSY_TRIES = 40;
const BUSY_WAIT_MS = 250;

/** The MLLP listeners of the HL7 sources, started, changed and stopped as the configured sources change. */
export class Hl7Listeners {
  private readonly running = new Map<number, { key: string; listener: MllpListener; port: number }>();

  constructor(private readonly deps: Hl7ListenersDeps) {}

  /** Starts listeners for new HL7 sources, restarts changed ones, stops removed ones. */
  async refresh(sources: readonly SourceRow[]): Promise<void> {
    const wanted = new Map(sources.filter((s) => s.kind === 'hl7').map((s) => [s.id, s]));
    for (const [id, entry] of this.running) {
      if (wanted.get(id)?.options_json === entry.key) continue;
      this.running.delete(id);
      await entry.listener.stop();
    }
    for (const [id, source] of wanted) if (!this.running.has(id)) await this.startOne(source);
  }

  /** The port a source listens on (port 0 in tests picks a free one). */
  portOf(sourceId: number): number | undefined {
    return this.running.get(sourceId)?.port;
  }

  async stop(): Promise<void> {
    const all = [...this.running.values()];
    this.running.clear();
    await Promise.all(all.map((e) => e.listener.stop()));
  }

  private async startOne(source: SourceRow): Promise<void> {
    const options = hl7Options(source);
    try {
      const listener = new MllpListener({
        host: options.host,
        port: options.port,
        tls: readTls(options),
        handle: (text) => this.receive(source.id, text),
        tooLong: async () =>
          buildAck({
            code: 'AR',
            controlId: '',
            event: '',
            reason: `message longer than ${MAX_MESSAGE_CHARS} characters`,
            ackId: 'FD0',
            at: '',
          }),
        onError: (error) => this.deps.logger.error(`HL7 source ${source.id}: ${error.message}`),
      });
      const port = await listener.start();
      this.running.set(source.id, { key: source.options_json, listener, port });
      this.deps.logger.info(`HL7 source ${source.id}: listening on ${options.host}:${port}${options.tlsCert ? ' (TLS)' : ''}`);
    } catch (error) {
      const message = `HL7 source ${source.id} cannot listen on ${source.target}: ${(error as Error).message}`;
      this.deps.logger.error(message);
      this.deps.onProblem(source.id, message);
    }
  }

  private async receive(sourceId: number, text: string): Promise<string> {
    const { db, clock } = this.deps;
    for (let attempt = 1; ; attempt++) {
      try {
        const receipt = receiveHl7Message(db, clock.now(), sourceId, text, feedRowContext(db));
        this.deps.onReceipt(sourceId, receipt);
        return receipt.ack;
      } catch (error) {
        if ((error as { code?: string }).code !== 'SQLITE_BUSY' || attempt >= BUSY_TRIES) throw error;
        await this.deps.sleep(BUSY_WAIT_MS);
      }
    }
  }
}
