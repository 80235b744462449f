import { describe, expect, it } from 'vitest';
import { EngineEventBus } from '../../../../electron/core/platform/engine-events';
import { forwardEvents } from '../../../../electron/app/ipc/events';

describe('forwardEvents', () => {
  it('sends engine events to the window under their allowlisted push names', () => {
    const bus = new EngineEventBus();
    const sent: Array<[string, unknown]> = [];
    let destroyed = false;
    const stop = forwardEvents(bus, () => ({ isDestroyed: () => destroyed, send: (c, p) => void sent.push([c, p]) }));
    bus.emit({ type: 'changed', topics: ['outbox'] });
    bus.emit({ type: 'paused', kind: 'breaker', reason: 'r' });
    bus.emit({ type: 'resumed' });
    bus.emit({ type: 'attention', kind: 'call_unknown', message: 'm' });
    expect(sent).toEqual([
      ['engine:changed', { topics: ['outbox'] }],
      ['engine:paused', { kind: 'breaker', reason: 'r' }],
      ['engine:resumed', {}],
      ['engine:attention', { kind: 'call_unknown', message: 'm' }],
    ]);
    destroyed = true;
    bus.emit({ type: 'resumed' });
    stop();
    destroyed = false;
    bus.emit({ type: 'resumed' });
    expect(sent.length).toBe(4);
  });
});
