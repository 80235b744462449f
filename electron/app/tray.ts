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
/**
 * What the tray shows beside the engine's status: reminders at risk while the desk is off, unread patient replies
 * (counts), and whether a source's export is overdue or held (`scheduleStale`, docs/import-wizard.md).
 */
export type TrayCounts = Readonly<{ atRisk?: number; unreadReplies?: number; scheduleStale?: boolean; openAtLogin?: boolean }>;

/** Fixed words (the folder's path could name a person): the window's banner says which source. */
export const SCHEDULE_STALE_LABEL = 'The schedule may be out of date: check Sources';
export type TrayStatus = Pick<
  EngineStatus,
  'paused' | 'reason' | 'pauseKind' | 'needsAttention' | 'clinicName' | 'sendAheadNotCancelled' | 'senderDown'
>;

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

/**
 * The tray's icon, tooltip and menu for a state: paused beats "the sender is down" beats needs-attention beats
 * active. `atRisk`: reminders due while the desk is expected to be off (docs/coverage.md); `unreadReplies`: patients'
 * replies not yet read (docs/conversations.md). Counts only: no name, number or text of a patient ever shows here.
 */
export function trayModel(status: TrayStatus, counts: TodayCounts | null, extra: TrayCounts = {}): TrayModel {
  const { atRisk = 0, unreadReplies = 0, scheduleStale: stale = false, openAtLogin } = extra;
  const down = !status.paused && !!status.senderDown;
  // Texts at Twilio a stop could not cancel (send-ahead): a count only, never who (docs/send-ahead.md#not-cancelled).
  const notCancelled = status.sendAheadNotCancelled?.length ?? 0;
  const attention = down || stale || status.needsAttention > 0 || notCancelled > 0;
  const icon: TrayIcon = status.paused ? 'paused' : attention ? 'attention' : 'active';
  const headline = status.paused
    ? pausedHeadline(status.pauseKind)
    : down
      ? 'Reminders are not being sent: no sending cycle for 5 minutes'
      : stale
        ? SCHEDULE_STALE_LABEL
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
  // Paused or not, a stale schedule stays listed: resuming would send from it.
  const staleItem: TrayItem[] =
    stale && headline !== SCHEDULE_STALE_LABEL ? [{ type: 'normal', id: 'info', label: SCHEDULE_STALE_LABEL, enabled: false }] : [];
  const coverage: TrayItem[] =
    atRisk > 0
      ? [{ type: 'normal', id: 'info', label: `${plural(atRisk, 'reminder')} at risk while the desk is off`, enabled: false }]
      : [];
  const repliesText = `${unreadReplies} unread patient ${unreadReplies === 1 ? 'reply' : 'replies'}`;
  const replies: TrayItem[] = unreadReplies > 0 ? [{ type: 'normal', id: 'open', label: `${repliesText}…`, enabled: true }] : [];
  const notCancelledNote = notCancelled > 0 ? ` — ${plural(notCancelled, 'text')} at Twilio not cancelled` : '';
  const unreadNote = unreadReplies > 0 ? ` · ${repliesText}` : '';
  return {
    icon,
    tooltip: `Frontdesk — ${status.clinicName}: ${headline}${notCancelledNote}${unreadNote}`,
    items: [
      { type: 'normal', id: 'info', label: headline, enabled: false },
      ...(notCancelled > 0
        ? [
            {
              type: 'normal',
              id: 'info',
              label: `${plural(notCancelled, 'scheduled text')} could not be cancelled at Twilio`,
              enabled: false,
            } as const,
          ]
        : []),
      ...staleItem,
      ...today,
      ...coverage,
      ...replies,
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
  read: () => { status: TrayStatus; counts: TodayCounts | null; extra?: TrayCounts };
  onAction: (action: TrayAction) => void;
}>;

/** Creates the tray and returns refresh (call on engine changes) and destroy. */
export function setupTray(deps: TrayDeps): { refresh(): void; destroy(): void } {
  const tray = new Tray(nativeImage.createFromPath(trayIconFile(deps.iconDir, 'active', 1)));
  const refresh = () => {
    const { status, counts, extra } = deps.read();
    const model = trayModel(status, counts, extra);
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

/** How long the tray reuses its at-risk count: the coverage report walks the week's windows, and events come in bursts. */
export const AT_RISK_REFRESH_MS = 60_000;

/** What the tray shows, read from the engine; today's counts are optional (the sending state is not). */
export function trayReader(
  services: Pick<FrontdeskServices, 'status' | 'today' | 'coverage' | 'listSources'> & Partial<Pick<FrontdeskServices, 'conversations'>>,
  now: () => number = Date.now,
) {
  let atRiskCache: { count: number; at: number } | null = null;
  const countAtRisk = (): number => {
    if (atRiskCache && now() - atRiskCache.at < AT_RISK_REFRESH_MS) return atRiskCache.count;
    atRiskCache = { count: services.coverage({ hours: 72 }).items.length, at: now() };
    return atRiskCache.count;
  };
  return () => {
    let counts: ReturnType<typeof countToday> | null = null;
    let atRisk = 0;
    let unreadReplies = 0;
    try {
      counts = countToday(services.today({}));
      atRisk = countAtRisk();
      unreadReplies = services.conversations?.unreadCount().unread ?? 0;
    } catch {
      // the tray still shows whether sending is active or paused
    }
    return { status: services.status(), counts, extra: { atRisk, unreadReplies, scheduleStale: readScheduleStale(services) } };
  };
}

/** Whether any source's export is overdue or held; a busy schedule (an import) leaves the alarm off until the next read. */
export function readScheduleStale(services: Pick<FrontdeskServices, 'listSources'>): boolean {
  try {
    return services.listSources().some((s) => s.stale || s.held !== null);
  } catch {
    return false;
  }
}
