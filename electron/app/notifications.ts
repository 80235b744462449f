import { Notification } from 'electron';
import type { SecretStatus } from '../../shared/api/contract';
import type { DailySummary } from '../../shared/domain/reports';
import type { EngineEvent } from '../core/platform/engine-events';
import { assertNever } from '../core/platform/errors';

export type NotificationSpec = Readonly<{ title: string; body: string; urgency: 'normal' | 'critical' }>;

/** What a notification is about; events on one topic in a burst become one notification with a count. */
export type NotificationTopic =
  | 'breaker'
  | 'config'
  | 'invalid_number'
  | 'call_unknown'
  | 'credentials'
  | 'schedule'
  | 'send_ahead'
  | 'sender_down'
  | 'coverage';

/**
 * Whether an engine event deserves an OS notification, and on which topic. Only things a human must
 * act on: the engine stopping itself (breaker, bad configuration), an invalid number, a call whose
 * outcome is unknown. A pause someone clicked, routine changes and opt-outs stay quiet.
 */
export function notificationTopic(event: EngineEvent): NotificationTopic | null {
  switch (event.type) {
    case 'changed':
    case 'resumed':
      return null;
    case 'paused':
      if (event.kind === 'manual') return null;
      return event.kind === 'breaker' ? 'breaker' : 'config';
    case 'attention': {
      const { kind } = event;
      switch (kind) {
        case 'invalid_number':
        case 'call_unknown':
        case 'breaker':
          return kind;
        case 'auth_failed':
          return 'config';
        case 'opted_out':
          return null;
        case 'schedule_stale':
        case 'schedule_held':
        case 'schedule_refused':
          return 'schedule';
        case 'send_ahead_not_cancelled':
          return 'send_ahead';
        case 'sender_down':
          return 'sender_down';
        case 'coverage_at_risk':
          return 'coverage';
        default:
          return assertNever(kind);
      }
    }
    default:
      return assertNever(event);
  }
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : `${n} ${many}`);

/**
 * The words of a notification: fixed text and counts only. Never the engine's message or reason:
 * they may name a patient or a phone number, and notifications show on a locked screen.
 */
export function notificationText(topic: NotificationTopic, count: number): NotificationSpec {
  switch (topic) {
    case 'breaker':
      return {
        title: 'Sending paused: safety breaker tripped',
        body: 'Far more reminders were due than expected. Nothing will be sent until someone reviews and resumes. Open Frontdesk to review.',
        urgency: 'critical',
      };
    case 'config':
      return {
        title: 'Sending paused: check the connection settings',
        body: 'The messaging provider refused our credentials or sender. Nothing will be sent until this is fixed. Open Frontdesk to see why.',
        urgency: 'critical',
      };
    case 'credentials':
      return {
        title: 'Stored credentials could not be read',
        body: 'Sending is paused until they are re-entered. Open Frontdesk → Settings → Connections.',
        urgency: 'critical',
      };
    case 'invalid_number':
      return {
        title: count === 1 ? 'A phone number needs fixing' : `${count} phone numbers need fixing`,
        body: `${plural(count, 'A reminder', 'reminders')} could not be sent to an invalid number. Open Frontdesk to fix ${count === 1 ? 'it' : 'them'}.`,
        urgency: 'normal',
      };
    case 'schedule':
      return {
        title: 'The schedule may be out of date',
        body: 'A schedule export is overdue, was held for review or could not be read: reminders follow the last schedule imported. Open Frontdesk to check.',
        urgency: 'critical',
      };
    case 'sender_down':
      return {
        title: 'Reminders are not being sent',
        body: 'No sending cycle has run for 5 minutes while reminders are due. Open Frontdesk to see why.',
        urgency: 'critical',
      };
    case 'coverage':
      return {
        title: 'Reminders are due while this computer is off',
        body: 'Some reminders fall due after the desk usually closes and before it opens again. Open Frontdesk → Coverage to see them.',
        urgency: 'normal',
      };
    case 'call_unknown':
      return {
        title: count === 1 ? 'Call outcome unknown' : `${count} call outcomes unknown`,
        body: `${plural(count, 'A reminder call', 'reminder calls')} may not have reached the patient and will not be retried automatically. Open Frontdesk to see whom to call.`,
        urgency: 'normal',
      };
    case 'send_ahead':
      return {
        title: 'Scheduled texts could not be cancelled',
        body: 'Texts handed to Twilio ahead of time should have been cancelled, but Twilio did not confirm. They may still go out. Open Frontdesk to see which.',
        urgency: 'critical',
      };
    default:
      return assertNever(topic);
  }
}

/** The notification for one event, or null (kept for callers that do not batch). */
export function notificationFor(event: EngineEvent): NotificationSpec | null {
  const topic = notificationTopic(event);
  return topic ? notificationText(topic, 1) : null;
}

/** Notifications due at start, before any engine event: unreadable credentials. */
export function startupNotifications(secrets: Pick<SecretStatus, 'unreadable'>): NotificationSpec[] {
  return secrets.unreadable ? [notificationText('credentials', 1)] : [];
}

export type NotifierDeps = Readonly<{
  show: (spec: NotificationSpec) => void;
  now: () => number;
  /** Runs `fn` after `ms` (setTimeout in the app, a fake in tests). */
  later: (fn: () => void, ms: number) => void;
  /** Events of one topic within this time are one notification (a dispatch burst). */
  batchMs?: number;
  /** At most one notification per topic in this time; events in between are counted into the next. */
  quietMs?: number;
}>;

/** Turns engine events into batched notifications: one per topic per quiet period, with a count. */
export function createNotifier(deps: NotifierDeps): (event: EngineEvent) => void {
  const batchMs = deps.batchMs ?? 2_000;
  const quietMs = deps.quietMs ?? 60_000;
  const pending = new Map<NotificationTopic, number>();
  const lastShown = new Map<NotificationTopic, number>();
  const flush = (topic: NotificationTopic) => {
    const count = pending.get(topic) ?? 0;
    pending.delete(topic);
    lastShown.set(topic, deps.now());
    deps.show(notificationText(topic, count));
  };
  return (event) => {
    const topic = notificationTopic(event);
    if (!topic) return;
    const waiting = pending.get(topic);
    pending.set(topic, (waiting ?? 0) + 1);
    if (waiting !== undefined) return; // a flush is already scheduled
    const last = lastShown.get(topic);
    const untilQuietEnds = last === undefined ? 0 : last + quietMs - deps.now();
    deps.later(() => flush(topic), Math.max(batchMs, untilQuietEnds));
  };
}

/**
 * The end-of-day notification (docs/reports.md): counts only, like every notification here, since it shows
 * on a locked screen; the names are in the window's Reports panel.
 */
export function dailySummaryNotification(
  summary: Pick<DailySummary, 'sent' | 'confirmed' | 'failed' | 'atRiskTomorrow'>,
): NotificationSpec {
  const { sent, confirmed, failed, atRiskTomorrow } = summary;
  return {
    title: "Today's reminders",
    body: `${sent} sent, ${confirmed} confirmed, ${failed} failed; ${atRiskTomorrow} of tomorrow's patients no reminder will reach. Open Frontdesk → Reports for details.`,
    urgency: 'normal',
  };
}

/** How often the app asks whether the desk day is over (the summary itself comes once a day). */
export const DAILY_SUMMARY_CHECK_MS = 5 * 60_000;

export type DailySummaryDeps = Readonly<{
  /** Today's summary once the desk day is over, the first time only (ReportServices.takeDueDailySummary). */
  take: () => DailySummary | null;
  show: (spec: NotificationSpec) => void;
  /** Runs `fn` every `ms` until the returned stop function is called (setInterval in the app, a fake in tests). */
  every: (fn: () => void, ms: number) => () => void;
}>;

/** Checks every few minutes for the day's summary and shows it once; returns the stop function. */
export function startDailySummary(deps: DailySummaryDeps): () => void {
  const check = (): void => {
    let summary: DailySummary | null;
    try {
      summary = deps.take();
    } catch {
      return; // the schedule is busy (an import): the next check asks again, and the day is still unclaimed
    }
    if (summary) deps.show(dailySummaryNotification(summary));
  };
  check();
  return deps.every(check, DAILY_SUMMARY_CHECK_MS);
}

/** Shows OS notifications for engine events (and `initial` ones now); clicking one opens the window. */
export function setupNotifications(
  events: Readonly<{ on(listener: (event: EngineEvent) => void): () => void }>,
  deps: Readonly<{
    now: () => number;
    onClick: () => void;
    initial?: readonly NotificationSpec[];
    /** The end-of-day summary, when this process shows it (the desktop app). */
    dailySummary?: () => DailySummary | null;
  }>,
): () => void {
  if (!Notification.isSupported()) return () => {};
  const show = (spec: NotificationSpec) => {
    const n = new Notification({ title: spec.title, body: spec.body, urgency: spec.urgency });
    n.on('click', deps.onClick);
    n.show();
  };
  for (const spec of deps.initial ?? []) show(spec);
  const notify = createNotifier({ show, now: deps.now, later: (fn, ms) => void setTimeout(fn, ms) });
  const every = (fn: () => void, ms: number) => {
    const timer = setInterval(fn, ms);
    timer.unref();
    return () => clearInterval(timer);
  };
  const stopSummary = deps.dailySummary ? startDailySummary({ take: deps.dailySummary, show, every }) : () => {};
  const unsubscribe = events.on(notify);
  return () => {
    stopSummary();
    unsubscribe();
  };
}
