import { memo } from 'react';
import type { ReminderView } from '../../../shared/domain/dto';
import type { OutboxState } from '../../../shared/domain/types';
import { CHANNEL_LABEL, compactWhen, whenRelativeTo } from './format';

export type ChipTone = 'planned' | 'active' | 'done' | 'muted' | 'attention';

type ChipView = Readonly<{ tone: ChipTone; mark: string; text: string; why: string | null }>;

/** How one reminder step is shown: label, tone and the engine's reason. Display only, no policy. */
export function describeReminder(r: ReminderView, day: string, compact = false): ChipView {
  const when = compact ? compactWhen(r.at, day) : whenRelativeTo(r.at, day);
  const why = r.reason ?? r.lastError;
  const state: OutboxState = r.state;
  switch (state) {
    case 'pending':
      return { tone: 'planned', mark: '○', text: `planned ${when}`, why: null };
    case 'sending':
      return { tone: 'active', mark: '…', text: 'sending now', why: null };
    case 'scheduled':
      return { tone: 'active', mark: '◷', text: `scheduled at Twilio ${when}`, why };
    case 'sent':
      return { tone: 'done', mark: '✓', text: r.outcome === 'simulated' ? `simulated ${when}` : `sent ${when}`, why: null };
    case 'delivered':
      return { tone: 'done', mark: '✓', text: `delivered ${when}`, why: null };
    case 'undelivered':
      return { tone: 'attention', mark: '!', text: 'not delivered', why };
    case 'failed':
      return { tone: 'attention', mark: '!', text: 'failed', why };
    case 'unknown':
      return { tone: 'attention', mark: '!', text: 'needs attention', why: why ?? 'outcome unknown' };
    case 'suppressed':
      return { tone: 'muted', mark: '–', text: 'not sent', why };
    case 'cancelled':
      return { tone: 'muted', mark: '–', text: 'cancelled', why };
    case 'superseded':
      return { tone: 'muted', mark: '–', text: 'replaced', why: why ?? 'appointment moved' };
    case 'expired':
      return { tone: 'muted', mark: '–', text: 'expired', why };
    default:
      return assertNever(state);
  }
}

function assertNever(x: never): never {
  throw new Error(`unexpected reminder state: ${String(x)}`);
}

/** One chip of a timeline: "SMS · planned 14:00", "Call · not sent — opted out". */
export const ReminderChip = memo(function ReminderChip({ reminder, day }: Readonly<{ reminder: ReminderView; day: string }>) {
  const v = describeReminder(reminder, day, true);
  const full = describeReminder(reminder, day);
  const label = `${CHANNEL_LABEL[reminder.channel]} ${full.text}${full.why ? ` — ${full.why}` : ''}`;
  return (
    <span className={`chip chip-${v.tone}`} title={label} data-state={reminder.state}>
      <span aria-hidden="true" className="chip-mark">
        {v.mark}
      </span>
      <span className="chip-channel">{CHANNEL_LABEL[reminder.channel]}</span>
      <span className="chip-text">
        {v.text}
        {v.why ? <span className="chip-why"> — {v.why}</span> : null}
      </span>
    </span>
  );
});

/** The email → SMS → call steps of one appointment, in time order. */
export const ReminderTimeline = memo(function ReminderTimeline({
  reminders,
  day,
}: Readonly<{ reminders: readonly ReminderView[]; day: string }>) {
  if (reminders.length === 0) return <span className="timeline-empty">No reminders</span>;
  return (
    <span className="timeline" role="list" aria-label="Reminders">
      {reminders.map((r) => (
        <span role="listitem" key={r.outboxId}>
          <ReminderChip reminder={r} day={day} />
        </span>
      ))}
    </span>
  );
});
