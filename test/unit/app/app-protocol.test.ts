import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  APP_PAGE_URL,
  APP_SCHEME_PRIVILEGES,
  createAppProtocolHandler,
  mimeTypeFor,
  nodeAppFiles,
  registerAppScheme,
  resolveAppPath,
  serveAppProtocol,
} from '../../../electron/app/app-protocol';
import { APP_CSP } from '../../../shared/util/csp';

describe('resolveAppPath (pure)', () => {
  const allowed: Array<[string, string[]]> = [
    ['app://frontdesk/', ['index.html']],
    ['app://frontdesk', ['index.html']],
    ['app://frontdesk/index.html', ['index.html']],
    ['app://frontdesk/index.html#/settings?tab=1', ['index.html']],
    ['app://frontdesk/assets/index-abc123.js', ['assets', 'index-abc123.js']],
    ['app://frontdesk/assets/index.js?v=2', ['assets', 'index.js']],
    ['app://frontdesk//assets///x.css', ['assets', 'x.css']],
    ['app://frontdesk/assets/Jos%C3%A9%20M%C3%BCller.png', ['assets', 'José Müller.png']],
    ['app://frontdesk/a~b%C2%80.txt', ['a~b\u0080.txt']], // the characters either side of DEL are not control characters here
    // The URL parser resolves these dot segments before we see the path: they stay inside the folder.
    ['app://frontdesk/../../etc/passwd', ['etc', 'passwd']],
    ['app://frontdesk/assets/%2e%2e/%2E%2E/index.html', ['index.html']],
  ];
  it.each(allowed)('%s → %j', (url, segments) => {
    expect(resolveAppPath(url)).toEqual({ ok: true, segments });
  });

  const refused: Array<[string, number]> = [
    ['app://frontdesk/assets/..%2f..%2fsecret.txt', 403], // encoded separator
    ['app://frontdesk/..%2F..%2Fetc%2Fpasswd', 403],
    ['app://frontdesk/..%5c..%5csecret.txt', 403], // encoded backslash (Windows separator)
    ['app://frontdesk/assets\\..\\..\\secret.txt', 403], // raw backslash (non-special scheme keeps it)
    ['app://frontdesk/%2Fetc%2Fpasswd', 403], // an absolute path in one segment
    ['app://frontdesk/C%3A%5CWindows%5Cwin.ini', 403], // a drive letter
    ['app://frontdesk/index.html%00.png', 403], // NUL
    ['app://frontdesk/a%0Ab', 403], // control character
    ['app://frontdesk/a%1Fb', 403], // the last C0 control character
    ['app://frontdesk/a%7Fb', 403], // DEL
    ['app://frontdesk/%E0%A4%A', 400], // malformed %-encoding
    ['app://frontdesk/%', 400],
    ['app://evil/index.html', 403], // another host
    ['app://frontdesk:8080/index.html', 403],
    ['app://user:pw@frontdesk/index.html', 403],
    ['file:///etc/passwd', 400],
    ['https://frontdesk/index.html', 400],
    ['not a url', 400],
  ];
  it.each(refused)('%s → %i', (url, status) => {
    expect(resolveAppPath(url)).toMatchObject({ ok: false, status });
  });

  it('serves GET and HEAD only', () => {
    expect(resolveAppPath(APP_PAGE_URL, 'HEAD')).toMatchObject({ ok: true });
    expect(resolveAppPath(APP_PAGE_URL, 'POST')).toMatchObject({ ok: false, status: 405 });
  });

  it('names the right MIME types, and unknown files as opaque bytes', () => {
    expect(mimeTypeFor('index.html')).toBe('text/html; charset=utf-8');
    expect(mimeTypeFor('assets/a.JS')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeFor('assets/a.css')).toBe('text/css; charset=utf-8');
    expect(mimeTypeFor('a.svg')).toBe('image/svg+xml');
    expect(mimeTypeFor('a.woff2')).toBe('font/woff2');
    expect(mimeTypeFor('secrets.bin')).toBe('application/octet-stream');
    expect(mimeTypeFor('Makefile')).toBe('application/octet-stream');
  });
});

describe('app:// handler on a real folder', () => {
  let base: string;
  let root: string;
  let handler: ReturnType<typeof createAppProtocolHandler>;
  const get = (url: string, init: { method?: string; initiatorOrigin?: string | null } = {}) =>
    handler({
      url,
      method: init.method ?? 'GET',
      ...(init.initiatorOrigin !== undefined ? { initiatorOrigin: init.initiatorOrigin } : {}),
    });

  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'frontdesk-app-protocol-'));
    root = join(base, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Frontdesk</title>');
    writeFileSync(join(root, 'assets', 'index.js'), 'console.log(1)');
    writeFileSync(join(root, 'assets', 'style.css'), 'body{}');
    writeFileSync(join(base, 'secret.txt'), 'TOP SECRET');
    writeFileSync(join(base, 'renderer-evil.txt'), 'NEIGHBOUR'); // a sibling whose name starts like the root
    symlinkSync(join(base, 'secret.txt'), join(root, 'assets', 'link-out.txt'));
    symlinkSync(base, join(root, 'up'));
    symlinkSync(join(root, 'assets', 'style.css'), join(root, 'assets', 'link-in.css'));
    handler = createAppProtocolHandler({ root, files: nodeAppFiles });
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('serves the page and its assets with the right type and the CSP', async () => {
    for (const [url, type] of [
      ['app://frontdesk/', 'text/html; charset=utf-8'],
      [APP_PAGE_URL, 'text/html; charset=utf-8'],
      ['app://frontdesk/assets/index.js', 'text/javascript; charset=utf-8'],
      ['app://frontdesk/assets/style.css', 'text/css; charset=utf-8'],
      ['app://frontdesk/assets/link-in.css', 'text/css; charset=utf-8'], // a symlink that stays inside
    ] as const) {
      const res = await get(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type')).toBe(type);
      expect(res.headers.get('content-security-policy')).toBe(APP_CSP);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect(await (await get(APP_PAGE_URL)).text()).toContain('<title>Frontdesk</title>');
    const head = await get(APP_PAGE_URL, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('refuses everything outside the folder, with the CSP on the refusal too', async () => {
    for (const url of [
      'app://frontdesk/assets/link-out.txt', // symlink to a file outside
      'app://frontdesk/up/secret.txt', // symlinked directory pointing up
      'app://frontdesk/assets/..%2f..%2fsecret.txt',
      'app://frontdesk/..%2frenderer-evil.txt',
      `app://frontdesk/${encodeURIComponent(join(base, 'secret.txt'))}`, // an absolute path
      'app://frontdesk/missing.js',
      'app://frontdesk/assets', // a directory
      'app://other/index.html',
    ]) {
      const res = await get(url);
      expect([403, 404], url).toContain(res.status);
      expect(res.headers.get('content-security-policy')).toBe(APP_CSP);
      const text = await res.text();
      expect(text).not.toContain('TOP SECRET');
      expect(text).not.toContain('NEIGHBOUR');
    }
    expect((await get('app://frontdesk/%E0%A4%A')).status).toBe(400);
    expect((await get(APP_PAGE_URL, { method: 'POST' })).status).toBe(405);
  });

  it('serves requests from the app page or the browser itself, never from another origin', async () => {
    expect((await get(APP_PAGE_URL, { initiatorOrigin: 'app://frontdesk' })).status).toBe(200);
    expect((await get(APP_PAGE_URL)).status).toBe(200); // no initiator: the browser's own load (loadURL)
    expect((await get(APP_PAGE_URL, { initiatorOrigin: null })).status).toBe(403); // an opaque origin (sandboxed frame, data:)
    expect((await get(APP_PAGE_URL, { initiatorOrigin: 'https://evil.example' })).status).toBe(403);
    expect((await get(APP_PAGE_URL, { initiatorOrigin: 'file://' })).status).toBe(403);
  });
});

describe('scheme registration', () => {
  it('registers app: as standard and secure (not bypassing CSP) and handles it on the built folder', async () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() };
    registerAppScheme(protocol);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([{ scheme: 'app', privileges: APP_SCHEME_PRIVILEGES }]);
    expect(APP_SCHEME_PRIVILEGES).toEqual({ standard: true, secure: true, supportFetchAPI: true, codeCache: true });
    serveAppProtocol(protocol, '/nonexistent/renderer');
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    const served = protocol.handle.mock.calls[0]![1] as (r: { url: string; method: string }) => Promise<Response>;
    expect((await served({ url: APP_PAGE_URL, method: 'GET' })).status).toBe(404);
  });
});
