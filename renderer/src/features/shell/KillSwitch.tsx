import { useCallback, useId, useState } from 'react';
import { useApi } from '../../api/ApiContext';
import { useCommand } from '../../hooks/useCommand';
import { ErrorNote } from '../../components/ErrorNote';
import { useEngineStatus } from './engine-status';

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
        <button type="button" className="btn btn-danger" onClick={onReviewResume}>
          Review and resume
        </button>
      </div>
    );
  }
  return (
    <div className="kill-switch">
      <div className="split-button">
        <button type="button" className="btn btn-stop" disabled={pause.busy} onClick={() => void pause.run('')}>
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
