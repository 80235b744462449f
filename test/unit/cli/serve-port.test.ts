import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../../electron/host/cli/args';
import { listenFailure, servePort } from '../../../electron/host/cli/serve-port';

describe('serve --port', () => {
  it('accepts 0–65535 and defaults to 0 (any free port)', () => {
    expect(servePort(parseCommandLine(['serve']))).toBe(0);
    expect(servePort(parseCommandLine(['serve', '--port', '8080']))).toBe(8080);
    expect(servePort(parseCommandLine(['serve', '--port', '65535']))).toBe(65535);
  });

  it.each(['abc', '', '65536', '1e3', '0x50', ' 80 x'])('refuses %j with one line', (raw) => {
    expect(() => servePort(parseCommandLine(['serve', `--port=${raw}`]))).toThrow(/^--port must be a whole number from 0 to 65535/);
  });

  it('a listen error becomes an actionable one-line message (exit code 2)', () => {
    // Root may listen anywhere, so EACCES cannot be produced for real on every machine: the mapping is tested here.
    const denied = listenFailure(Object.assign(new Error('listen EACCES: permission denied 127.0.0.1:80'), { code: 'EACCES' }), 80);
    expect(denied.code).toBe('BAD_REQUEST');
    expect(denied.message).toBe(
      'no permission to listen on port 80 (ports below 1024 need administrator rights); choose a port from 1024 to 65535 with --port, e.g. --port 8080',
    );
    expect(listenFailure(Object.assign(new Error('x'), { code: 'EADDRINUSE' }), 5000).message).toMatch(
      /^port 5000 on 127\.0\.0\.1 is already in use/,
    );
    expect(listenFailure(Object.assign(new Error('x'), { code: 'EADDRNOTAVAIL' }), 5000).message).toBe(
      'cannot listen on 127.0.0.1:5000 (EADDRNOTAVAIL); choose another port with --port',
    );
  });
});
