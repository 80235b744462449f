import type { ServerResponse } from 'node:http';
import type { EngineEvent } from '../../core/platform/engine-events';
import { toPushEvent } from '../../core/api/handlers';
import { SECURITY_HEADERS } from './guard';

export type EventSourceLike = Readonly<{ on(listener: (event: EngineEvent) => void): () => void }>;

const HEARTBEAT_MS = 25_000;

/** Streams engine pushes to one browser as Server-Sent Events until it disconnects; returns a closer. */
export function openEventStream(res: ServerResponse, events: EventSourceLike): () => void {
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
  });
  res.write('retry: 2000\n: connected\n\n');
  const unsubscribe = events.on((event) => {
    const push = toPushEvent(event);
    res.write(`event: ${push.name}\ndata: ${JSON.stringify(push.payload)}\n\n`);
  });
  const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    unsubscribe();
    res.end();
  };
  res.on('close', close);
  return close;
}
