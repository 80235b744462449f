import type { FrontdeskServices } from '../core/api/service-types';
import { Menu, Tray, nativeImage, type MenuItemConstructorOptions } from 'electron';
import { join } from 'node:path';
import { assertNever } from '../core/platform/errors';
import type { EngineStatus, ResumeReview, TodayAppointment } from '../../shared/domain/dto';

export type TrayIcon = 'active' | 'paused' | 'attention';
export type TrayAction = 'open' | 'pause' | 'resume' | 'quit' | 'toggle-open-at-login';
export type TodayCounts = Readonly<{ appointments: number; confirmed: number; contacted: number; pending: number }>;
export type TrayItem =
  | Readonly<{ type: 'normal'; id: TrayAction | 'info'; label: string; enabled: boolean }>
  | Readonly<{ type: 'checkbox'; id: TrayAction; label: string; checked: boolean }>
  | Readonly<{ type: 'separator' }>;
export type TrayModel = Readonly<{ icon: TrayIcon; tooltip: string; items: readonly TrayItem[] }>;
export type TrayStatus = Pick<EngineStatus, 'paused' | 'reason' | 'pauseKind' | 'needsAttention' | 'clinicName'>;

const CONTACTED = new Set(['sent', 'delivered', 'undelivered', 'unknown']);

/** Today's numbers for the tray from the day's appointments. */
export function countToday(rows: readonly TodayAppointment[]): TodayCounts {
  const live = rows.filter((r) => r.status !== 'cancelled');
  const reminders = rows.flatMap((r) => r.contacts);
  return {
    appointments: live.length,
    confirmed: live.filter((r) => r.status === 'confirmed').length,
    contacted: reminders.filter((c) => CONTACTED.has(c.state)).length,
    pending: reminders.filter((c) => c.state === 'pending').length,
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Why sending is paused, in fixed words. Never `status.reason`: it is free text (typed by staff, or a
 * provider's error) that may name a patient or a number, and the tooltip shows over a locked desk.
 */
function pausedHeadline(kind: TrayStatus['pauseKind']): string {
  switch (kind) {
    case 'breaker':
      return 'All contact paused: safety breaker tripped';
    case 'config':
      return 'All contact paused: check the connection settings';
    case 'manual':
    case null:
      return 'All contact paused';
    default:
      return assertNever(kind);
  }
}

/** The tray's icon, tooltip and menu for a state: paused beats needs-attention beats active. */
export function trayModel(status: TrayStatus, counts: TodayCounts | null, openAtLogin?: boolean): TrayModel {
  const icon: TrayIcon = status.paused ? 'paused' : status.needsAttention > 0 ? 'attention' : 'active';
  const headline = status.paused
    ? pausedHeadline(status.pauseKind)
    : status.needsAttention > 0
      ? `Sending — ${plural(status.needsAttention, 'item')} need attention`
      : 'Sending reminders';
  const today: TrayItem[] = counts
    ? [
        {
          type: 'normal',
          id: 'info',
          label: `Today: ${plural(counts.appointments, 'appointment')}, ${counts.confirmed} confirmed`,
          enabled: false,
        },
        { type: 'normal', id: 'info', label: `${plural(counts.contacted, 'contact')} made, ${counts.pending} waiting`, enabled: false },
      ]
    : [];
  return {
    icon,
    tooltip: `Frontdesk — ${status.clinicName}: ${headline}`,
    items: [
      { type: 'normal', id: 'info', label: headline, enabled: false },
      ...today,
      { type: 'separator' },
      { type: 'normal', id: 'pause', label: 'Pause all contact', enabled: !status.paused },
      { type: 'normal', id: 'resume', label: 'Resume…', enabled: status.paused },
      { type: 'separator' },
      { type: 'normal', id: 'open', label: 'Open Frontdesk', enabled: true },
      // docs/desktop-power.md#open-at-login
      ...(openAtLogin === undefined
        ? []
        : [{ type: 'checkbox', id: 'toggle-open-at-login', label: 'Open at login', checked: openAtLogin } as const]),
      { type: 'normal', id: 'quit', label: 'Quit Frontdesk', enabled: true },
    ],
  };
}

/** The confirmation shown before a tray resume: what would go out now (docs/safeguards.md#backlog-breaker). */
export function resumeConfirmation(review: ResumeReview): Readonly<{ message: string; detail: string }> {
  const items = review.waiting.reduce((n, g) => n + g.items.length, 0);
  const detail =
    items === 0
      ? 'Nothing is waiting to be sent.'
      : `${plural(items, 'reminder')} to ${plural(review.waiting.length, 'patient')} can go out now.`;
  const expired = review.expiredOnResume > 0 ? ` ${plural(review.expiredOnResume, 'stale reminder')} will be dropped, not sent.` : '';
  return { message: 'Resume sending reminders?', detail: detail + expired };
}

/** File of a tray icon; `dir` is build/tray in development, resources/tray when packaged. */
export function trayIconFile(dir: string, icon: TrayIcon, scale: 1 | 2): string {
  return join(dir, `tray-${icon}${scale === 2 ? '@2x' : ''}.png`);
}

export type TrayDeps = Readonly<{
  iconDir: string;
  /** Current state; null counts when today's schedule could not be read. */
  read: () => { status: TrayStatus; counts: TodayCounts | null; openAtLogin?: boolean };
  onAction: (action: TrayAction) => void;
}>;

/** Creates the tray and returns refresh (call on engine changes) and destroy. */
export function setupTray(deps: TrayDeps): { refresh(): void; destroy(): void } {
  const tray = new Tray(nativeImage.createFromPath(trayIconFile(deps.iconDir, 'active', 1)));
  const refresh = () => {
    const { status, counts, openAtLogin } = deps.read();
    const model = trayModel(status, counts, openAtLogin);
    const image = nativeImage.createFromPath(trayIconFile(deps.iconDir, model.icon, 1));
    image.addRepresentation({ scaleFactor: 2, buffer: nativeImage.createFromPath(trayIconFile(deps.iconDir, model.icon, 2)).toPNG() });
    tray.setImage(image);
    tray.setToolTip(model.tooltip);
    const template: MenuItemConstructorOptions[] = model.items.map((item) =>
      item.type === 'separator'
        ? { type: 'separator' }
        : item.type === 'checkbox'
          ? { type: 'checkbox', label: item.label, checked: item.checked, click: () => deps.onAction(item.id) }
          : {
              label: item.label,
              enabled: item.enabled,
              click: item.id === 'info' ? undefined : () => deps.onAction(item.id as TrayAction),
            },
    );
    tray.setContextMenu(Menu.buildFromTemplate(template));
  };
  tray.on('click', () => deps.onAction('open'));
  refresh();
  return { refresh, destroy: () => tray.destroy() };
}

/** What the tray shows, read from the engine; today's counts are optional (the sending state is not). */
export function trayReader(services: Pick<FrontdeskServices, 'status' | 'today'>) {
  return () => {
    let counts: ReturnType<typeof countToday> | null = null;
    try {
      counts = countToday(services.today({}));
    } catch {
      counts = null; // the tray still shows whether sending is active or paused
    }
    return { status: services.status(), counts };
  };
}
