import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useApi } from '../../api/ApiContext';
import { useCommand } from '../../hooks/useCommand';
import { ErrorNote } from '../../components/ErrorNote';
import { useEngineStatus } from './engine-status';
import { useOfflineReason } from './connection';

/** The kill switch's main button as it is now ("Pause all contact" or "Review and resume"). */
export function killSwitchButton(): HTMLElement | null {
  return document.querySelector<HTMLElement>('[data-kill-switch-primary]');
}

/**
 * The kill switch (docs/safeguards.md#kill-switch): one click pauses all outbound contact. The reason is optional and lives behind a
 * separate small button, so it never stands between the user and the pause.
 */
export function KillSwitch({ onReviewResume }: Readonly<{ onReviewResume: () => void }>) {
  const api = useApi();
  const { status, replace } = useEngineStatus();
  const [reasonOpen, setReasonOpen] = useState(false);
  const [reason, setReason] = useState('');
  const popoverId = useId();
  // Never disabled while the link is down: a click tries anyway, and says so if it failed (one click must always try).
  const offline = useOfflineReason();
  // Pausing replaces the focused button by another: keep keyboard focus on the kill switch (docs/desk-ui.md#keyboard).
  const paused = status?.paused;
  const wasPaused = useRef(paused);
  useEffect(() => {
    const before = wasPaused.current;
    wasPaused.current = paused;
    // Only a change of state moves focus, never the first load of the status.
    if (before === undefined || paused === undefined || before === paused) return;
    const active = document.activeElement;
    if (active === null || active === document.body) killSwitchButton()?.focus();
  }, [paused]);
  const pause = useCommand(
    useCallback(
      async (why: string) => {
        const trimmed = why.trim();
        const r = await api.invoke('engine:pause', trimmed ? { reason: trimmed } : {});
        if (r.ok) replace(r.value);
        return r;
      },
      [api, replace],
    ),
  );

  if (status?.paused) {
    return (
      <div className="kill-switch">
        <button type="button" className="btn btn-danger" data-kill-switch-primary onClick={onReviewResume}>
          Review and resume
        </button>
      </div>
    );
  }
  return (
    <div className="kill-switch">
      <div className="split-button">
        <button
          type="button"
          className="btn btn-stop"
          data-kill-switch-primary
          disabled={pause.busy}
          title={offline ? `${offline}: a click tries anyway` : undefined}
          onClick={() => void pause.run('')}
        >
          <span aria-hidden="true" className="pause-icon">
            ❚❚
          </span>{' '}
          Pause all contact
        </button>
        <button
          type="button"
          className="btn btn-stop btn-stop-more"
          aria-expanded={reasonOpen}
          aria-controls={popoverId}
          aria-label="Pause with a reason"
          title="Pause with a reason"
          onClick={() => setReasonOpen((o) => !o)}
        >
          ▾
        </button>
      </div>
      {reasonOpen ? (
        <form
          id={popoverId}
          className="popover"
          onSubmit={(e) => {
            e.preventDefault();
            void pause.run(reason).then((r) => {
              if (r.ok) {
                setReasonOpen(false);
                setReason('');
              }
            });
          }}
          onKeyDown={(e) => e.key === 'Escape' && setReasonOpen(false)}
        >
          <label htmlFor={`${popoverId}-reason`}>Reason (optional)</label>
          <input
            id={`${popoverId}-reason`}
            autoFocus
            value={reason}
            maxLength={500}
            placeholder="e.g. clinic closed for snow"
            onChange={(e) => setReason(e.target.value)}
          />
          <div className="popover-actions">
            <button type="button" className="btn" onClick={() => setReasonOpen(false)}>
              Close
            </button>
            <button type="submit" className="btn btn-stop" disabled={pause.busy}>
              Pause now
            </button>
          </div>
        </form>
      ) : null}
      <ErrorNote error={pause.error} />
    </div>
  );
}
