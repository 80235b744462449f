import type { Channel } from '../../../shared/domain/types';

/**
 * Scoped pauses (docs/control.md#scoped-pauses): beside the global kill switch, one provider or one
 * channel can be paused. Pure decisions here; the rows live in the control file (control-store.ts).
 */

export type PauseScope = 'provider' | 'channel';

export interface ScopedPause {
  readonly scope: PauseScope;
  /** As the desk typed it (provider) or the channel name. */
  readonly target: string;
  readonly reason: string;
  readonly at: number;
  readonly by: string;
}

/** How a provider name is compared: "Dr. Patel", "dr. patel " and "DR.  PATEL" are the same provider. */
export function providerKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The key a scoped pause is stored and matched under. */
export function scopeKey(scope: PauseScope, target: string): string {
  return scope === 'provider' ? providerKey(target) : target;
}

/**
 * Why a reminder on `channel` for an appointment with `provider` may not go now, or null when no
 * scoped pause covers it. The final check before every provider call and the claim both ask this.
 */
export function scopedPauseReason(pauses: readonly ScopedPause[], channel: Channel, provider: string | null): string | null {
  for (const pause of pauses) {
    if (pause.scope === 'channel' && pause.target === channel) return `${channel} paused: ${pause.reason}`;
    if (pause.scope === 'provider' && provider !== null && providerKey(provider) === providerKey(pause.target)) {
      return `provider ${pause.target} paused: ${pause.reason}`;
    }
  }
  return null;
}

/** The channels paused as a whole (the claim skips them without reading their rows). */
export function pausedChannels(pauses: readonly ScopedPause[]): Channel[] {
  return pauses.filter((p) => p.scope === 'channel').map((p) => p.target as Channel);
}

/** "provider Dr. Patel" / "sms": how a scope is named in messages and the audit log. */
export function describeScope(scope: PauseScope, target: string): string {
  return scope === 'provider' ? `provider ${target}` : `channel ${target}`;
}
