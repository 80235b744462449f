/** The argument a login start passes, so the app opens in the tray without a window. */
export const HIDDEN_ARG = '--hidden';

/** Was this start a login start (or asked to start hidden)? */
export function startsHidden(argv: readonly string[]): boolean {
  return argv.includes(HIDDEN_ARG);
}

export type LoginItemFacts = Readonly<{
  platform: NodeJS.Platform;
  /** Only a packaged app registers itself: in development the binary is Electron itself, not Frontdesk. */
  packaged: boolean;
  openAtLogin: boolean;
  /** process.execPath: the app's binary. */
  execPath: string;
  /** $APPIMAGE: an AppImage runs from a temporary mount, so login must start the .AppImage file itself. */
  appImage: string | undefined;
}>;

/**
 * How "open at login" is set on this platform (docs/desktop-power.md#open-at-login): Electron's login
 * item on Windows and macOS (openAsHidden was removed in Electron 44, so the hidden start is an
 * argument), an XDG autostart entry elsewhere.
 */
export type LoginItemPlan =
  | Readonly<{ kind: 'login-item'; settings: Readonly<{ openAtLogin: boolean; args: readonly string[] }> }>
  | Readonly<{ kind: 'xdg-autostart'; enabled: boolean; command: readonly string[] }>
  | Readonly<{ kind: 'none' }>;

export function loginItemPlan(facts: LoginItemFacts): LoginItemPlan {
  if (!facts.packaged) return { kind: 'none' };
  if (facts.platform === 'win32' || facts.platform === 'darwin') {
    return { kind: 'login-item', settings: { openAtLogin: facts.openAtLogin, args: [HIDDEN_ARG] } };
  }
  return { kind: 'xdg-autostart', enabled: facts.openAtLogin, command: [facts.appImage || facts.execPath, HIDDEN_ARG] };
}
