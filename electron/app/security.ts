import type { Session, WebContents } from 'electron';
import { APP_CSP } from '../../shared/util/csp';
import { APP_SCHEME } from './app-protocol';

/**
 * Window hardening (Electron security checklist 3–5, 7, 13–15, 17), as pure decisions plus two small
 * appliers that take the Electron objects as arguments so tests can pass fakes.
 */

/** webPreferences for every window: isolated, sandboxed, no Node in the page. */
export function secureWebPreferences(preload: string) {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  } as const;
}

/** The app's CSP, also sent as a header (the meta tag in renderer/index.html says the same). */
export { APP_CSP };

/**
 * The origin of an app URL as a comparable string, or null for anything that cannot be the app:
 * `app://frontdesk` for the custom protocol (WHATWG URL gives non-special schemes an opaque "null"
 * origin, so it is built by hand), the http(s) origin for the dev server. file:// is never the app.
 */
export function appOriginOf(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.username !== '' || u.password !== '') return null;
  if (u.protocol === `${APP_SCHEME}:`) return u.host === '' ? null : `${APP_SCHEME}://${u.host}`;
  if (u.protocol === 'http:' || u.protocol === 'https:') return u.origin;
  return null;
}

/** True when `candidate` has exactly the app's origin (app://frontdesk, or the dev server in development). */
export function isAppOrigin(candidate: string, appUrl: string): boolean {
  const origin = appOriginOf(candidate);
  return origin !== null && origin === appOriginOf(appUrl);
}

/** True when `candidate` is the app's own page (same origin and path; any #route or ?query). */
export function isAppUrl(candidate: string, appUrl: string): boolean {
  if (!isAppOrigin(candidate, appUrl)) return false;
  return new URL(candidate).pathname === new URL(appUrl).pathname;
}

/** Navigation is allowed only to the app's own page (a reload); links elsewhere never replace the app. */
export function decideNavigation(url: string, appUrl: string): 'allow' | 'deny' {
  return isAppUrl(url, appUrl) ? 'allow' : 'deny';
}

/** window.open and target=_blank: always denied; we never hand page-supplied URLs to the OS. */
export function decideWindowOpen(_url: string): { action: 'deny' } {
  return { action: 'deny' };
}

/** Camera, microphone, notifications-from-page, geolocation…: the page needs none of them. */
export function decidePermission(_permission: string): boolean {
  return false;
}

/** IPC sender check (checklist 17): only a top frame on the app's own origin may call the API. */
export function isTrustedSender(frame: { url: string; parent?: unknown } | null | undefined, appUrl: string): boolean {
  if (!frame) return false;
  if (frame.parent !== undefined && frame.parent !== null) return false;
  return isAppOrigin(frame.url, appUrl);
}

/** Adds the CSP header to responses the session loads over the network (the dev server); app:// sets its own. */
export function withCspHeader(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  return { ...(headers ?? {}), 'Content-Security-Policy': [APP_CSP] };
}

type SessionLike = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> & {
  webRequest: Pick<Session['webRequest'], 'onHeadersReceived'>;
};

/** Applies the permission handlers and the CSP header to a session. */
export function hardenSession(session: SessionLike): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(decidePermission(permission)));
  session.setPermissionCheckHandler((_contents, permission) => decidePermission(permission));
  session.webRequest.onHeadersReceived((details, callback) => callback({ responseHeaders: withCspHeader(details.responseHeaders) }));
}

type ContentsLike = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/** Denies navigation away from the app, new windows and <webview> on one webContents. */
export function hardenWebContents(contents: ContentsLike, appUrl: string): void {
  contents.on('will-navigate', (event, url) => {
    if (decideNavigation(url, appUrl) === 'deny') event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (decideNavigation(url, appUrl) === 'deny') event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => decideWindowOpen(url));
}
