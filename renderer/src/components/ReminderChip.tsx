import { memo, useId, useState } from 'react';
import { createPortal } from 'react-dom';
import type { ReminderView } from '../../../shared/domain/dto';
import type { OutboxState } from '../../../shared/domain/types';
import type { LocaleFormats } from '../../../shared/util/locale-format';
import { useFormats } from '../hooks/locale-formats';
import { CHANNEL_LABEL } from './format';

export type ChipTone = 'planned' | 'active' | 'done' | 'muted' | 'attention';

/** `short`: the one or two words a chip in a row shows; `text` and `why`: the full words (tooltip, detail). */
type ChipView = Readonly<{ tone: ChipTone; mark: string; short: string; text: string; why: string | null }>;

/** A pending step as the engine's forecast says it will go (docs/desk-ui.md#who-will-not-be-reached). */
function describePending(r: ReminderView, when: (iso: string) => string): ChipView {
  const f = r.forecast;
  if (f?.kind === 'end') {
    const word = f.state === 'expired' ? 'will expire' : 'will not go';
    return { tone: 'attention', mark: '!', short: word, text: `${word} (planned ${when(r.at)})`, why: f.reason };
  }
  if (f?.kind === 'send' && f.at !== r.at) {
    return { tone: 'planned', mark: '', short: when(f.at), text: `goes ${when(f.at)} (planned ${when(r.at)})`, why: f.reason };
  }
  // No mark: the dashed outline says "planned", and the room goes to the time.
  return { tone: 'planned', mark: '', short: when(r.at), text: `planned ${when(r.at)}`, why: null };
}

/** How one reminder step is shown: words, tone and the engine's reason. Display only, no policy. */
export function describeReminder(r: ReminderView, day: string, formats: LocaleFormats, compact = false): ChipView {
  const when = (iso: string) => (compact ? formats.compactWhen(iso, day) : formats.when(iso, day));
  const why = r.reason ?? r.lastError;
  const state: OutboxState = r.state;
  const at = when(r.at);
  switch (state) {
    case 'pending':
      return describePending(r, when);
    case 'sending':
      return { tone: 'active', mark: '…', short: 'sending', text: 'sending now', why: null };
    case 'scheduled':
      return { tone: 'active', mark: '◷', short: 'scheduled', text: `scheduled at Twilio ${at}`, why };
    case 'sent': {
      const word = r.outcome === 'simulated' ? 'simulated' : 'sent';
      return { tone: 'done', mark: '✓', short: word, text: `${word} ${at}`, why: null };
    }
    case 'delivered':
      return { tone: 'done', mark: '✓', short: 'delivered', text: `delivered ${at}`, why: null };
    case 'undelivered':
      return { tone: 'attention', mark: '!', short: 'not delivered', text: 'not delivered', why };
    case 'failed':
      return { tone: 'attention', mark: '!', short: 'failed', text: 'failed', why };
    case 'unknown':
      return { tone: 'attention', mark: '!', short: 'check', text: 'needs attention', why: why ?? 'outcome unknown' };
    case 'suppressed':
      return { tone: 'muted', mark: '–', short: 'not sent', text: 'not sent', why };
    case 'cancelled':
      return { tone: 'muted', mark: '–', short: 'cancelled', text: 'cancelled', why };
    case 'superseded':
      return { tone: 'muted', mark: '–', short: 'replaced', text: 'replaced', why: why ?? 'appointment moved' };
    case 'expired':
      return { tone: 'muted', mark: '–', short: 'expired', text: 'expired', why };
    default:
      return assertNever(state);
  }
}

function assertNever(x: never): never {
  throw new Error(`unexpected reminder state: ${String(x)}`);
}

/** The full words of a step: "SMS goes Fri 8:00 AM (planned Fri 6:00 AM) — quiet hours". */
export function reminderLabel(r: ReminderView, day: string, formats: LocaleFormats): string {
  const full = describeReminder(r, day, formats);
  return `${CHANNEL_LABEL[r.channel]} ${full.text}${full.why ? ` — ${full.why}` : ''}`;
}

/**
 * One compact chip of a row: mark, channel and one or two words ("✓ Email sent", "! Call will expire"),
 * so three steps fit at 1366 px beside the detail panel. The full words are read by screen readers and
 * shown on hover and keyboard focus in a tooltip drawn above the list (never clipped by the row).
 */
export const ReminderChip = memo(function ReminderChip({ reminder, day }: Readonly<{ reminder: ReminderView; day: string }>) {
  const formats = useFormats();
  const v = describeReminder(reminder, day, formats, true);
  const label = reminderLabel(reminder, day, formats);
  const tipId = useId();
  const [tip, setTip] = useState<DOMRect | null>(null);
  const show = (e: React.SyntheticEvent<HTMLElement>) => setTip(e.currentTarget.getBoundingClientRect());
  const hide = () => setTip(null);
  return (
    <span
      className={`chip chip-${v.tone}`}
      data-state={reminder.state}
      tabIndex={0}
      aria-describedby={tip ? tipId : undefined}
      onMouseEnter={show}
      onMouseLeave={hide}
      onFocus={show}
      onBlur={hide}
      onKeyDown={(e) => e.key === 'Escape' && tip && (e.stopPropagation(), hide())}
    >
      {v.mark ? (
        <span aria-hidden="true" className="chip-mark">
          {v.mark}
        </span>
      ) : null}
      <span aria-hidden="true" className="chip-channel">
        {CHANNEL_LABEL[reminder.channel]}
      </span>
      <span aria-hidden="true" className="chip-text">
        {v.short}
      </span>
      <span className="visually-hidden">{label}</span>
      {tip && typeof document !== 'undefined'
        ? createPortal(
            <span id={tipId} role="tooltip" className="chip-tip" style={{ left: tip.left, top: tip.bottom + 4 }}>
              {label}
            </span>,
            document.body,
          )
        : null}
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
