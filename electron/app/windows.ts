import { BrowserWindow } from 'electron';
import { secureWebPreferences } from './security';

export type MainWindowOptions = Readonly<{ preload: string; icon?: string; show?: boolean }>;

/** The single app window, hardened; shown once its first paint is ready to avoid a white flash. */
export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    title: 'Frontdesk',
    show: false,
    ...(opts.icon ? { icon: opts.icon } : {}),
    webPreferences: secureWebPreferences(opts.preload),
  });
  if (opts.show !== false) win.once('ready-to-show', () => win.show());
  return win;
}

/** Brings the window to the front (second instance, tray "Open", notification click). */
export function revealWindow(win: BrowserWindow | null): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}
