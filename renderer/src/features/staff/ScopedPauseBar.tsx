import { useCallback, useId, useState } from 'react';
import type { ScopeRef } from '../../../../shared/domain/staff';
import type { Channel } from '../../../../shared/domain/types';
import { useApi } from '../../api/ApiContext';
import { ErrorNote } from '../../components/ErrorNote';
import { CHANNEL_LABEL } from '../../components/format';
import { useCommand } from '../../hooks/useCommand';
import { useEngineStatus } from '../shell/engine-status';

const CHANNELS: readonly Channel[] = ['email', 'sms', 'voice'];

/**
 * Scoped pauses (docs/control.md#scoped-pauses): beside the kill switch, pause one provider ("Dr. Patel is
 * out sick") or one channel. Lists what is paused, each with "Review and resume" (the resume review for that scope).
 */
export function ScopedPauseBar({ onReviewResume }: Readonly<{ onReviewResume: (scope: ScopeRef) => void }>) {
  const { status } = useEngineStatus();
  const [open, setOpen] = useState(false);
  const pauses = status?.scopedPauses ?? [];
  return (
    <section className="scoped-pauses" aria-label="Paused providers and channels">
      {pauses.map((p) => {
        const scope =
          p.scope === 'channel'
            ? ({ scope: 'channel', target: p.target as Channel } as const)
            : ({ scope: 'provider', target: p.target } as const);
        const name = p.scope === 'channel' ? `${CHANNEL_LABEL[p.target as Channel] ?? p.target} (all patients)` : p.target;
        return (
          <span key={`${p.scope}:${p.target}`} className="scoped-pause-chip">
            <strong>Paused: {name}</strong>{' '}
            <span className="muted">
              — {p.reason}, by {p.pausedBy}
            </span>{' '}
            <button type="button" className="btn btn-small" onClick={() => onReviewResume(scope)}>
              Review and resume {p.target}
            </button>
          </span>
        );
      })}
      {open ? (
        <ScopedPauseForm onDone={() => setOpen(false)} />
      ) : (
        <button type="button" className="btn btn-quiet btn-small" onClick={() => setOpen(true)}>
          Pause one provider or channel…
        </button>
      )}
    </section>
  );
}

function ScopedPauseForm({ onDone }: Readonly<{ onDone: () => void }>) {
  const api = useApi();
  const id = useId();
  const { replace } = useEngineStatus();
  const [kind, setKind] = useState<'provider' | 'channel'>('provider');
  const [provider, setProvider] = useState('');
  const [channel, setChannel] = useState<Channel>('sms');
  const [reason, setReason] = useState('');
  const pause = useCommand(
    useCallback(async () => {
      const scope: ScopeRef = kind === 'provider' ? { scope: 'provider', target: provider.trim() } : { scope: 'channel', target: channel };
      const r = await api.invoke('engine:pause-scope', { scope, ...(reason.trim() ? { reason: reason.trim() } : {}) });
      if (r.ok) replace(r.value);
      return r;
    }, [api, kind, provider, channel, reason, replace]),
  );
  return (
    <form
      className="scoped-pause-form"
      aria-label="Pause one provider or channel"
      onSubmit={(e) => {
        e.preventDefault();
        void pause.run().then((r) => r.ok && onDone());
      }}
      onKeyDown={(e) => e.key === 'Escape' && onDone()}
    >
      <label htmlFor={`${id}-kind`}>Pause</label>{' '}
      <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as 'provider' | 'channel')}>
        <option value="provider">one provider</option>
        <option value="channel">one channel</option>
      </select>{' '}
      {kind === 'provider' ? (
        <>
          <label htmlFor={`${id}-provider`}>Provider</label>{' '}
          <input
            id={`${id}-provider`}
            autoFocus
            value={provider}
            maxLength={200}
            placeholder="e.g. Dr. Patel"
            onChange={(e) => setProvider(e.target.value)}
          />
        </>
      ) : (
        <>
          <label htmlFor={`${id}-channel`}>Channel</label>{' '}
          <select id={`${id}-channel`} value={channel} onChange={(e) => setChannel(e.target.value as Channel)}>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {CHANNEL_LABEL[c]}
              </option>
            ))}
          </select>
        </>
      )}{' '}
      <label htmlFor={`${id}-reason`}>Reason</label>{' '}
      <input id={`${id}-reason`} value={reason} maxLength={500} placeholder="e.g. out sick" onChange={(e) => setReason(e.target.value)} />{' '}
      <button type="submit" className="btn btn-stop btn-small" disabled={pause.busy || (kind === 'provider' && provider.trim() === '')}>
        Pause
      </button>{' '}
      <button type="button" className="btn btn-small" onClick={onDone}>
        Close
      </button>
      <ErrorNote error={pause.error} />
    </form>
  );
}
