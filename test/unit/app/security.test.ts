import { describe, expect, it, vi } from 'vitest';
import {
  APP_CSP,
  decideNavigation,
  decidePermission,
  decideWindowOpen,
  hardenSession,
  hardenWebContents,
  appOriginOf,
  isAppOrigin,
  isAppUrl,
  isTrustedSender,
  secureWebPreferences,
  withCspHeader,
} from '../../../electron/app/security';

const APP = 'app://frontdesk/index.html';
const OLD_FILE_PAGE = 'file:///opt/Frontdesk/resources/app.asar/out/renderer/index.html';
const DEV = 'http://localhost:5173/';

describe('security decisions', () => {
  it('webPreferences isolate and sandbox the page (checklist 2–4)', () => {
    expect(secureWebPreferences('/p/index.js')).toMatchObject({
      preload: '/p/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('recognises only the app page itself', () => {
    expect(isAppUrl(APP, APP)).toBe(true);
    expect(isAppUrl(`${APP}#/settings`, APP)).toBe(true);
    expect(isAppUrl(`${APP}?tab=2`, APP)).toBe(true);
    expect(isAppUrl('app://frontdesk/assets/index.js', APP)).toBe(false);
    expect(isAppUrl('app://evil/index.html', APP)).toBe(false);
    expect(isAppUrl(OLD_FILE_PAGE, APP)).toBe(false);
    expect(isAppUrl('file:///etc/passwd', APP)).toBe(false);
    expect(isAppUrl('https://evil.example/', APP)).toBe(false);
    expect(isAppUrl('not a url', APP)).toBe(false);
    expect(isAppUrl('http://localhost:5173/#/x', DEV)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', DEV)).toBe(false);
  });

  // Table: [candidate URL, trusted as the app's origin?]. The app is app://frontdesk in production.
  const origins: Array<[string, boolean]> = [
    ['app://frontdesk/index.html', true],
    ['app://frontdesk/', true],
    ['app://frontdesk/assets/x.js', true],
    ['app://frontdesk', true],
    ['app://frontdesk.evil/index.html', false],
    ['app://evil/index.html', false],
    ['app://frontdesk:1234/index.html', false],
    ['app://user@frontdesk/index.html', false],
    ['app:///index.html', false],
    ['app:frontdesk/index.html', false],
    ['apps://frontdesk/index.html', false],
    [OLD_FILE_PAGE, false],
    ['file://frontdesk/index.html', false],
    ['http://frontdesk/index.html', false],
    ['https://frontdesk/', false],
    ['http://localhost:5173/', false], // the dev server is not trusted when the app runs from app://
    ['about:blank', false],
    ['data:text/html,<script>1</script>', false],
    ['devtools://devtools/bundled/inspector.html', false],
    ['', false],
  ];
  it.each(origins)('app origin check: %s → %s', (url, trusted) => {
    expect(isAppOrigin(url, APP)).toBe(trusted);
  });

  it('builds app:// origins by hand (WHATWG gives custom schemes an opaque origin)', () => {
    expect(new URL(APP).origin).toBe('null');
    expect(appOriginOf(APP)).toBe('app://frontdesk');
    expect(appOriginOf(DEV)).toBe('http://localhost:5173');
    expect(appOriginOf(OLD_FILE_PAGE)).toBeNull();
  });

  it('denies navigation away from the app and every new window (checklist 13–14)', () => {
    expect(decideNavigation(APP, APP)).toBe('allow');
    for (const url of [
      'https://example.com',
      'file:///tmp/x.html',
      OLD_FILE_PAGE,
      'app://evil/index.html',
      'app://frontdesk/assets/x.svg',
      'javascript:alert(1)',
      'data:text/html,hi',
    ]) {
      expect(decideNavigation(url, APP)).toBe('deny');
    }
    expect(decideWindowOpen('https://example.com')).toEqual({ action: 'deny' });
    expect(decideWindowOpen(APP)).toEqual({ action: 'deny' });
  });

  it('denies every permission (checklist 5)', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) expect(decidePermission(p)).toBe(false);
  });

  it('trusts IPC only from a top frame on exactly the app:// origin (checklist 17)', () => {
    expect(isTrustedSender({ url: APP, parent: null }, APP)).toBe(true);
    expect(isTrustedSender({ url: `${APP}#/settings`, parent: null }, APP)).toBe(true);
    expect(isTrustedSender({ url: APP, parent: { url: APP } }, APP)).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/' }, APP)).toBe(false);
    expect(isTrustedSender({ url: OLD_FILE_PAGE, parent: null }, APP)).toBe(false);
    expect(isTrustedSender({ url: 'app://evil/index.html', parent: null }, APP)).toBe(false);
    expect(isTrustedSender(null, APP)).toBe(false);
    // In development the window shows the dev server, and only that origin is trusted.
    expect(isTrustedSender({ url: 'http://localhost:5173/#/today', parent: null }, DEV)).toBe(true);
    expect(isTrustedSender({ url: APP, parent: null }, DEV)).toBe(false);
  });

  it('sends a strict CSP header (checklist 7)', () => {
    expect(APP_CSP).toContain("default-src 'none'");
    expect(APP_CSP).toContain("script-src 'self'");
    expect(APP_CSP).not.toContain('unsafe-eval');
    expect(withCspHeader({ a: ['1'] })).toEqual({ a: ['1'], 'Content-Security-Policy': [APP_CSP] });
  });
});

describe('security appliers', () => {
  it('hardenSession installs deny-all permission handlers and the CSP header', () => {
    const calls: Record<string, (...a: never[]) => unknown> = {};
    const session = {
      setPermissionRequestHandler: (h: never) => void (calls['request'] = h),
      setPermissionCheckHandler: (h: never) => void (calls['check'] = h),
      webRequest: { onHeadersReceived: (h: never) => void (calls['headers'] = h) },
    };
    hardenSession(session as never);
    const granted = vi.fn();
    (calls['request'] as unknown as (c: unknown, p: string, cb: (ok: boolean) => void) => void)(null, 'media', granted);
    expect(granted).toHaveBeenCalledWith(false);
    expect((calls['check'] as unknown as (c: unknown, p: string) => boolean)(null, 'media')).toBe(false);
    const cb = vi.fn();
    (calls['headers'] as unknown as (d: unknown, cb: unknown) => void)({ responseHeaders: {} }, cb);
    expect(cb).toHaveBeenCalledWith({ responseHeaders: { 'Content-Security-Policy': [APP_CSP] } });
  });

  it('hardenWebContents blocks foreign navigation, redirects, webviews and window.open', () => {
    const listeners = new Map<string, (event: { preventDefault(): void }, url?: string) => void>();
    let openHandler: ((d: { url: string }) => unknown) | undefined;
    const contents = {
      on: (name: string, l: never) => listeners.set(name, l),
      setWindowOpenHandler: (h: never) => void (openHandler = h),
    };
    hardenWebContents(contents as never, APP);
    const nav = (name: string, url: string) => {
      const event = { preventDefault: vi.fn() };
      listeners.get(name)?.(event, url);
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(nav('will-navigate', 'https://evil.example')).toBe(true);
    expect(nav('will-navigate', APP)).toBe(false);
    expect(nav('will-redirect', 'https://evil.example')).toBe(true);
    expect(nav('will-attach-webview', APP)).toBe(true);
    expect(openHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
  });
});
