import { request, type ClientRequest } from 'node:http';

/** Just enough of the browser's EventSource for Node tests (Node 20 has none): named events, close(). */
export class NodeEventSource {
  private readonly listeners = new Map<string, Set<(e: { data: string }) => void>>();
  private readonly req: ClientRequest;
  /** Resolves once the stream's response headers arrived. */
  readonly opened: Promise<number>;

  constructor(url: string) {
    let resolveOpen: (status: number) => void = () => {};
    this.opened = new Promise((r) => (resolveOpen = r));
    this.req = request(url, (res) => {
      resolveOpen(res.statusCode ?? 0);
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        let end: number;
        while ((end = buf.indexOf('\n\n')) >= 0) {
          this.dispatch(buf.slice(0, end));
          buf = buf.slice(end + 2);
        }
      });
    });
    this.req.on('error', () => {});
    this.req.end();
  }

  private dispatch(block: string): void {
    let name = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event: ')) name = line.slice(7);
      else if (line.startsWith('data: ')) data.push(line.slice(6));
    }
    if (data.length === 0) return;
    for (const l of this.listeners.get(name) ?? []) l({ data: data.join('\n') });
  }

  addEventListener(name: string, cb: (e: { data: string }) => void): void {
    const set = this.listeners.get(name) ?? new Set();
    set.add(cb);
    this.listeners.set(name, set);
  }

  close(): void {
    this.req.destroy();
  }
}

/** A stand-in for the browser window the HTTP transport reads (location, sessionStorage, history). */
export function fakeWindow(href: string) {
  const store = new Map<string, string>();
  const win = {
    location: { href },
    sessionStorage: {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    },
    history: {
      state: null,
      replaceState: (_s: unknown, _t: string, url: string) => {
        win.location.href = new URL(url, win.location.href).href;
      },
    },
    fetch: (input: string, init?: RequestInit) => fetch(input, init),
  };
  return { win: win as unknown as Window, store };
}
