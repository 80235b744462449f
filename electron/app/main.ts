import { existsSync } from 'node:fs';
import { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session } from 'electron';
import { createHandlers } from '../core/api/handlers';
import { createEngine, type Engine } from '../core/compose';
import { systemClock } from '../core/platform/clock';
import { assertNever } from '../core/platform/errors';
import { stderrLogger } from '../core/platform/logger';
import { forwardEvents } from './ipc/events';
import { registerIpc } from './ipc/register';
import { registerAppScheme, serveAppProtocol } from './app-protocol';
import { holdForCredentials, transportPlan, transportsOption } from './engine-credentials';
import { setupNotifications, startupNotifications } from './notifications';
import { appPaths, type AppPaths } from './paths';
import { createSecretStore, type SecretStore } from './secrets';
import { hardenSession, hardenWebContents, isTrustedSender } from './security';
import { resumeConfirmation, setupTray, trayReader, type TrayAction } from './tray';
import { createMainWindow, revealWindow } from './windows';
import { startsHidden } from './login-item';
import { atRiskCounter } from './at-risk';
import { applyOpenAtLogin, setupQuit, setupStayingAwake } from './staying-awake';

// Composition root (docs/architecture.md#composition-root): lifecycle + wiring only; every decision lives in a tested module.
const logger = stderrLogger;
const state: { win: BrowserWindow | null; engine: Engine | null; quitting: boolean } = { win: null, engine: null, quitting: false };
const desk: { openAtLogin: boolean; awake?: { stop(): void } } = { openAtLogin: true };

function setupSingleInstance(): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', () => revealWindow(state.win));
  return true;
}

function setupUserData(): void {
  // Tests and portable setups point the data folder elsewhere; must happen before 'ready'.
  if (process.env['FRONTDESK_USER_DATA']) app.setPath('userData', process.env['FRONTDESK_USER_DATA']);
}

function setupSecurity(paths: AppPaths): void {
  hardenSession(session.defaultSession);
  // The renderer is served from app://frontdesk/ (never file://), only from the built renderer folder.
  serveAppProtocol(protocol, paths.rendererDir);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, paths.appUrl));
}

function setupEngine(paths: AppPaths, secrets: SecretStore): Engine {
  // Credentials stay in main; none stored = simulate, unreadable = paused and unable to send (never simulate).
  const plan = transportPlan(secrets.read());
  const transports = transportsOption(plan);
  const nativeBinding = paths.devNativeBinding && existsSync(paths.devNativeBinding) ? paths.devNativeBinding : undefined;
  const engine = createEngine({
    dbFile: paths.dbFile,
    logger,
    planAfterChanges: true,
    backgroundWorker: true,
    nativeBinding,
    ...(transports ? { transports } : {}),
  });
  holdForCredentials(engine.services, plan);
  void engine.jobs.start();
  return engine;
}

function setupWindow(paths: AppPaths): BrowserWindow {
  // A login start (--hidden) opens in the tray only (docs/desktop-power.md#open-at-login).
  const win = createMainWindow({ preload: paths.preload, icon: paths.windowIcon, show: !startsHidden(process.argv) });
  // Closing the window keeps reminders running in the tray; Quit in the tray menu really quits.
  win.on('close', (event) => {
    if (!state.quitting) {
      event.preventDefault();
      win.hide();
    }
  });
  void win.loadURL(paths.appUrl);
  return win;
}

function setupIpc(paths: AppPaths, engine: Engine, secrets: SecretStore): void {
  const handlers = (session: string | undefined) => createHandlers(engine.services, { actor: 'desk', secrets, session });
  registerIpc({ ipcMain, handlers, logger, isTrustedSender: (frame) => isTrustedSender(frame, paths.appUrl) });
  forwardEvents(engine.events, () => state.win?.webContents ?? null);
}

async function confirmResume(engine: Engine): Promise<void> {
  const { message, detail } = resumeConfirmation(engine.services.resumeReview());
  const options = { type: 'question' as const, buttons: ['Resume sending', 'Stay paused'], defaultId: 1, cancelId: 1, message, detail };
  const { response } = state.win ? await dialog.showMessageBox(state.win, options) : await dialog.showMessageBox(options);
  if (response === 0) engine.services.resume({ actor: 'desk' });
}

function setupTrayIcon(paths: AppPaths, engine: Engine): void {
  const onAction = (action: TrayAction): void => {
    switch (action) {
      case 'open':
        return revealWindow(state.win);
      case 'pause':
        engine.services.pause({ reason: 'Paused from the tray', actor: 'desk' });
        return;
      case 'resume':
        confirmResume(engine).catch((error: unknown) => logger.error('resume from tray failed', { error: String(error) }));
        return;
      case 'quit':
        return app.quit();
      case 'toggle-open-at-login':
        return void ((desk.openAtLogin = applyOpenAtLogin(paths.desktopSettingsFile, logger, !desk.openAtLogin)), tray.refresh());
      default:
        return assertNever(action);
    }
  };
  const read = trayReader(engine.services);
  const tray = setupTray({
    iconDir: paths.trayIconDir,
    read: () => {
      const shown = read();
      return { ...shown, extra: { ...shown.extra, openAtLogin: desk.openAtLogin } };
    },
    onAction,
  });
  engine.events.on(() => tray.refresh());
}

function setupShutdown(): void {
  const takeEngine = (): Engine | null => {
    const engine = state.engine;
    state.engine = null;
    desk.awake?.stop();
    return engine;
  };
  // "Send ahead" is offered only where texts can be scheduled at Twilio (a Messaging Service is set).
  const sendAhead = state.engine?.sendAhead.canSchedule ? state.engine.sendAhead : null;
  const sendAheadNow = sendAhead ? async (): Promise<void> => void (await sendAhead.scheduleBeforeQuit()) : undefined;
  setupQuit({
    logger,
    sendAhead: sendAheadNow,
    countAtRisk: () => (state.engine ? atRiskCounter(state.engine.services)() : 0),
    parent: () => state.win,
    setQuitting: (q) => void (state.quitting = q),
    takeEngine,
  });
}

async function start(): Promise<void> {
  await app.whenReady();
  const paths = appPaths({
    userData: app.getPath('userData'),
    mainDir: __dirname,
    appPath: app.getAppPath(),
    resourcesPath: process.resourcesPath,
    isPackaged: app.isPackaged,
    devServerUrl: process.env['ELECTRON_RENDERER_URL'],
    electronVersion: process.versions.electron,
  });
  setupSecurity(paths);
  const secrets = createSecretStore({ file: paths.secretsFile, crypto: safeStorage });
  desk.openAtLogin = applyOpenAtLogin(paths.desktopSettingsFile, logger);
  const engine = (state.engine = setupEngine(paths, secrets));
  desk.awake = setupStayingAwake(engine, logger);
  setupIpc(paths, engine, secrets);
  state.win = setupWindow(paths);
  setupTrayIcon(paths, engine);
  const initial = startupNotifications(secrets.status());
  const dailySummary = () => engine.services.reports.takeDueDailySummary();
  setupNotifications(engine.events, { now: () => systemClock.now(), onClick: () => revealWindow(state.win), initial, dailySummary });
  app.on('activate', () => revealWindow(state.win));
}

app.enableSandbox();
registerAppScheme(protocol); // before 'ready', as Electron requires
setupUserData();
if (setupSingleInstance()) {
  setupShutdown();
  start().catch((error: unknown) => {
    logger.error('Frontdesk failed to start', { stack: error instanceof Error ? error.stack : String(error) });
    dialog.showErrorBox('Frontdesk could not start', error instanceof Error ? error.message : String(error));
    app.exit(1);
  });
} else {
  app.quit();
}
