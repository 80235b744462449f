import { BrowserWindow, Notification, app, dialog, powerMonitor, powerSaveBlocker } from 'electron';
import type { Engine } from '../core/compose';
import { watchForClockJumps } from '../core/jobs/catch-up';
import { KeepAwake, refreshKeepAwake } from '../core/jobs/keep-awake';
import { systemMonotonic } from '../core/platform/clock-jump';
import { drop, type Logger } from '../core/platform/logger';
import { readDesktopSettings, writeDesktopSettings } from './desktop-settings';
import { loginItemPlan } from './login-item';
import { type QuitChoice, QuitGate, type QuitTrigger, quitChoice, quitWarning } from './quit-warning';
import { applyXdgAutostart, autostartDir } from './xdg-autostart';

// Thin Electron adapters for docs/desktop-power.md; every decision is in a tested module they call.

/** Applies "open at login" from the desktop settings file; returns the value (for the tray's checkbox). */
export function applyOpenAtLogin(settingsFile: string, logger: Logger, change?: boolean): boolean {
  const openAtLogin = change ?? readDesktopSettings(settingsFile).openAtLogin;
  if (change !== undefined) writeDesktopSettings(settingsFile, { openAtLogin: change });
  const plan = loginItemPlan({
    platform: process.platform,
    packaged: app.isPackaged,
    openAtLogin,
    execPath: process.execPath,
    appImage: process.env['APPIMAGE'],
  });
  try {
    if (plan.kind === 'login-item') app.setLoginItemSettings({ openAtLogin: plan.settings.openAtLogin, args: [...plan.settings.args] });
    else if (plan.kind === 'xdg-autostart') applyXdgAutostart(autostartDir(process.env, app.getPath('home')), plan.enabled, plan.command);
  } catch (error) {
    logger.warn('could not update open at login', { error: String(error) });
  }
  return openAtLogin;
}

/** Keep-awake while a reminder is due within the hour, and a catch-up cycle on resume or a clock jump. */
export function setupStayingAwake(engine: Engine, logger: Logger): { stop(): void } {
  const keepAwake = new KeepAwake(powerSaveBlocker, logger);
  const refresh = (): void => {
    try {
      refreshKeepAwake({ db: engine.db, clock: engine.clock, isPaused: () => engine.control.isPaused(), keepAwake });
    } catch (error) {
      logger.warn('keep-awake check failed', { error: String(error) });
    }
  };
  const timer = setInterval(refresh, 60_000);
  const unsubscribe = engine.events.on(refresh);
  // `resume` is missing on some Linux builds (electron#42050): the clock watch is the path that always works.
  const watch = watchForClockJumps({ wall: engine.clock, monotonic: systemMonotonic, runCycle: () => engine.jobs.runCycle(), logger });
  const onResume = (): void => {
    watch.resumed();
    refresh();
  };
  powerMonitor.on('resume', onResume);
  refresh();
  return {
    stop: () => {
      clearInterval(timer);
      unsubscribe();
      watch.stop();
      powerMonitor.off('resume', onResume);
      keepAwake.set(false);
    },
  };
}

/** How long Quit waits for the send in flight and the running jobs before it closes the schedule anyway. */
const QUIT_STOP_LIMIT_MS = 20_000;

export type QuitGuardDeps = Readonly<{
  logger: Logger;
  /** How many planned reminders fall in expected off time (the coverage module's at-risk list). */
  countAtRisk: () => number;
  /** Hands at-risk texts to the provider's scheduling; absent when not configured. */
  sendAhead?: (() => Promise<void>) | undefined;
  parent: () => BrowserWindow | null;
}>;

/**
 * Before Frontdesk stops with reminders at risk it says how many and offers "send ahead" and "keep
 * running": on Quit (before-quit), and on Windows' query-session-end, heard by a hidden window
 * (before-quit does not fire on a Windows shutdown). Linux and macOS shutdowns cannot wait for an
 * answer: a notification says it, and the engine stops cleanly.
 */
export function setupQuitGuard(deps: QuitGuardDeps): void {
  const gate = new QuitGate();
  const safeCount = (): number => {
    try {
      return deps.countAtRisk();
    } catch (error) {
      deps.logger.warn('could not count reminders at risk', { error: String(error) });
      return 0;
    }
  };
  const ask = async (trigger: QuitTrigger, atRisk: number): Promise<void> => {
    const warning = quitWarning({ atRisk, trigger, canSendAhead: deps.sendAhead !== undefined })!;
    const options = { type: 'warning' as const, ...warning, buttons: [...warning.buttons], noLink: true };
    let choice: QuitChoice = 'keep-running';
    try {
      const parent = deps.parent();
      const { response } = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
      choice = quitChoice(warning, response);
      if (choice === 'send-ahead') await deps.sendAhead?.();
    } catch (error) {
      // No answer, or nothing surely handed over: stay running, and ask again at the next Quit.
      choice = 'keep-running';
      throw error;
    } finally {
      if (gate.answered(choice)) app.quit();
    }
  };
  const onQuitRequest = (event: { preventDefault(): void }, trigger: QuitTrigger): void => {
    const atRisk = safeCount();
    const decision = gate.request(atRisk);
    if (decision === 'go') return;
    event.preventDefault();
    if (decision === 'ask') drop(ask(trigger, atRisk), deps.logger, 'the quit warning');
  };
  app.on('before-quit', (event) => onQuitRequest(event, 'quit'));
  if (process.platform === 'win32') {
    // A window can exist only once the app is ready; this one is never shown.
    void app.whenReady().then(() => {
      const listener = new BrowserWindow({ show: false, skipTaskbar: true, webPreferences: { sandbox: true, contextIsolation: true } });
      listener.on('query-session-end', (event) => onQuitRequest(event, 'session-end'));
      // The session ends whatever we answered: stop the engine cleanly while there is time.
      listener.on('session-end', () => {
        gate.answered('quit');
        app.quit();
      });
    });
  } else {
    // Typed without arguments, but Electron passes an event whose preventDefault() delays the shutdown.
    powerMonitor.on('shutdown', (...args: unknown[]) => {
      const event = args[0] as { preventDefault?: () => void } | undefined;
      const warning = quitWarning({ atRisk: safeCount(), trigger: 'session-end', canSendAhead: false });
      if (warning && Notification.isSupported())
        new Notification({ title: warning.message, body: warning.detail, urgency: 'critical' }).show();
      event?.preventDefault?.();
      gate.answered('quit');
      app.quit();
    });
  }
}

/**
 * The quit path: the quit guard (registered first) may hold a quit to ask; only a quit that goes ahead
 * lets the window close. Then the jobs stop (the send in flight finishes, the rest goes back to pending),
 * the schedule closes, and the app exits.
 */
export function setupQuit(
  deps: QuitGuardDeps & Readonly<{ setQuitting: (quitting: boolean) => void; takeEngine: () => Engine | null }>,
): void {
  setupQuitGuard(deps);
  app.on('before-quit', (event) => deps.setQuitting(!event.defaultPrevented));
  app.on('will-quit', (event) => {
    const engine = deps.takeEngine();
    if (!engine) return;
    event.preventDefault();
    // A provider call that never answers must not hold the quit forever: the schedule is crash-safe.
    const limit = new Promise<void>((resolve) => setTimeout(resolve, QUIT_STOP_LIMIT_MS));
    Promise.race([engine.jobs.stop(), limit])
      .catch((error: unknown) => deps.logger.error('stopping jobs failed', { error: String(error) }))
      .finally(() => {
        engine.close();
        app.exit(0);
      });
  });
}
