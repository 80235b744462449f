/**
 * The one Content-Security-Policy of the app (Electron security checklist 7): only our own scripts,
 * no eval, no remote origins. Sent as a header by the Electron session and by the web host; the meta
 * tag in renderer/index.html says the same wherever the page is loaded from.
 */
export const APP_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
