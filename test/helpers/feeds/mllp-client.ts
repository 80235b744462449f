import { connect, createServer, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { MllpDecoder, mllpFrame } from '../../../electron/core/sources/hl7/mllp';

/** A port free on 127.0.0.1 right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

/**
 * A fake EHR interface engine: a real TCP connection to the listener, sending MLLP frames (whole, split across
 * writes, or several in one write) and reading the ACK frames back in order.
 */
export class FakeMllpClient {
  private readonly acks: string[] = [];
  private waiting: (() => void)[] = [];

  private constructor(private readonly socket: Socket) {
    const decoder = new MllpDecoder();
    socket.on('data', (chunk: Buffer) => {
      for (const event of decoder.push(chunk)) if (event.kind === 'message') this.acks.push(event.text);
      for (const wake of this.waiting.splice(0)) wake();
    });
  }

  static async connect(port: number): Promise<FakeMllpClient> {
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    socket.setNoDelay(true);
    return new FakeMllpClient(socket);
  }

  /** The same over TLS, trusting `ca` (a self-signed test certificate for 127.0.0.1). */
  static async connectTls(port: number, ca: Buffer): Promise<FakeMllpClient> {
    const socket = connectTls({ port, host: '127.0.0.1', ca });
    await new Promise<void>((resolve, reject) => {
      socket.once('secureConnect', resolve);
      socket.once('error', reject);
    });
    return new FakeMllpClient(socket);
  }

  /** Sends one message and waits for its ACK. */
  async send(message: string): Promise<string> {
    this.socket.write(mllpFrame(message));
    return (await this.read(1))[0]!;
  }

  /** Writes raw bytes (several frames, half a frame…). */
  write(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  /** Waits for `n` more ACKs. */
  async read(n: number): Promise<string[]> {
    while (this.acks.length < n) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ACK after 20 s (${this.acks.length} of ${n})`)), 20_000);
        this.waiting.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.acks.splice(0, n);
  }

  close(): void {
    this.socket.destroy();
  }
}

export interface SiuFields {
  event: string;
  controlId: string;
  id: string;
  /** HL7 DTM, e.g. 202611271000 or 202611271000-0500. */
  start: string;
  minutes?: number;
  name?: string;
  phones?: string;
  provider?: string;
}

/** A SIU message as an EHR writes it (segments end with CR). */
export function siu(f: SiuFields): string {
  const name = f.name ?? 'Diaz^Ana';
  const phones = f.phones ?? '^PRN^CP^^1^212^5550101~^NET^Internet^ana@example.com';
  return [
    `MSH|^~\\&|EHR|CLINIC|FRONTDESK|CLINIC|20261126070000||SIU^${f.event}^SIU_S12|${f.controlId}|P|2.5.1`,
    `SCH|P-${f.id}|${f.id}|||||Checkup|||${f.minutes ?? 30}|MIN|^^${f.minutes ?? 30}^${f.start}|||||||||||||Booked`,
    `PID|1||MRN-${f.id}^^^CLINIC^MR||${name}||19800101|F|||||${phones}`,
    'RGS|1|A',
    `AIP|1|A|${f.provider ?? 'D1^Smith^Jane'}|D^Dentist||${f.start}|0|MIN|${f.minutes ?? 30}|MIN`,
  ].join('\r');
}
