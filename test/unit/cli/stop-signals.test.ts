import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { type StopReason, waitForStop } from '../../../electron/host/cli/stop-signals';

const never = new Promise<StopReason>(() => {});

describe('stop signals', () => {
  it('the first signal stops; a second one while stopping forces the exit', async () => {
    const source = new EventEmitter();
    const forced: StopReason[] = [];
    const wait = waitForStop(source, never, (r) => forced.push(r));
    source.emit('SIGTERM');
    expect(await wait.stopped).toBe('SIGTERM');
    expect(forced).toEqual([]);
    source.emit('SIGINT');
    expect(forced).toEqual(['SIGINT']);
    wait.done();
    expect(source.listenerCount('SIGTERM') + source.listenerCount('SIGINT') + source.listenerCount('SIGHUP')).toBe(0);
  });

  it('the parent ending stops too, and a signal after it forces', async () => {
    const source = new EventEmitter();
    const forced: StopReason[] = [];
    const wait = waitForStop(source, Promise.resolve('parent-gone'), (r) => forced.push(r));
    expect(await wait.stopped).toBe('parent-gone');
    source.emit('SIGTERM');
    expect(forced).toEqual(['SIGTERM']);
  });
});
