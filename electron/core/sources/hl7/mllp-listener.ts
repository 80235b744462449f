import { createServer as createTcpServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { mllpFrame, MllpDecoder } from './mllp';

export interface MllpListenerOptions {
  host: string;
  port: number;
  /** PEM key and certificate: the listener speaks MLLP inside TLS. */
  tls?: { key: Buffer; cert: Buffer } | undefined;
  /** Answers one message with its ACK (in arrival order per connection). */
  handle: (message: string) => Promise<string>;
  /** A frame too long to be a message: what to answer (an AR), or undefined to close the connection. */
  tooLong: () => Promise<string | undefined>;
  onError: (error: Error) => void;
}

/**
 * An MLLP server (docs/hl7.md): each connection's frames are handled one after the other and each gets its
 * ACK on the same connection, in order. The peer (the EHR's interface engine) keeps the connection open.
 */
export class MllpListener {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly options: MllpListenerOptions) {}

  /** Starts listening; resolves with the port (the one given, or the one chosen for port 0). */
  start(): Promise<number> {
    const onSocket = (socket: Socket) => this.serve(socket);
    const server = this.options.tls
      ? createTlsServer({ key: this.options.tls.key, cert: this.options.tls.cert }, onSocket)
      : createTcpServer(onSocket);
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => {
        server.off('error', reject);
        server.on('error', (error) => this.options.onError(error));
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : this.options.port);
      });
    });
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private serve(socket: Socket): void {
    this.sockets.add(socket);
    // One small ACK per message, awaited by the sender: Nagle's delay would cap a feed at ~25 messages a second.
    socket.setNoDelay(true);
    const decoder = new MllpDecoder();
    let queue = Promise.resolve();
    socket.on('data', (chunk: Buffer) => {
      for (const event of decoder.push(chunk)) {
        queue = queue.then(async () => {
          const answer = event.kind === 'message' ? await this.options.handle(event.text) : await this.options.tooLong();
          if (answer === undefined) socket.destroy();
          else if (!socket.destroyed) socket.write(mllpFrame(answer));
        });
        queue = queue.catch((error: unknown) => {
          // No ACK for a message that could not be stored: the sender resends it. Close so it notices.
          this.options.onError(error as Error);
          socket.destroy();
        });
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.sockets.delete(socket));
  }
}
