import { useCallback } from 'react';
import { Modal } from '../../components/Modal';
import { ErrorNote } from '../../components/ErrorNote';
import { CHANNEL_LABEL, formatInstant } from '../../components/format';
import { useApi } from '../../api/ApiContext';
import { useCommand } from '../../hooks/useCommand';
import { useResource } from '../../hooks/useResource';
import { useEngineStatus } from './engine-status';
import { useOfflineReason } from './connection';
import { killSwitchButton } from './KillSwitch';

/** Before resuming, shows what would go out, grouped by patient; nothing is sent until "Resume sending". */
export function ResumeReviewDialog({ onClose }: Readonly<{ onClose: () => void }>) {
  const api = useApi();
  const { status, replace } = useEngineStatus();
  const tz = status?.timezone;
  const offline = useOfflineReason();
  const review = useResource(
    useCallback(() => api.invoke('engine:resume-review', {}), [api]),
    'once',
  );
  const resume = useCommand(
    useCallback(async () => {
      const r = await api.invoke('engine:resume', {});
      if (r.ok) replace(r.value);
      return r;
    }, [api, replace]),
  );
  const waiting = review.data?.waiting ?? [];
  const total = waiting.reduce((n, g) => n + g.items.length, 0);
  const expiring = review.data?.expiredOnResume ?? 0;

  return (
    <Modal
      title="Review before resuming"
      onClose={onClose}
      wide
      fallbackFocus={killSwitchButton}
      actions={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Keep paused
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={!review.data || resume.busy || offline !== null}
            title={offline ?? undefined}
            onClick={() => void resume.run().then((r) => r.ok && onClose())}
          >
            Resume sending
          </button>
        </>
      }
    >
      {review.loading && !review.data ? <p role="status">Loading what is waiting…</p> : null}
      <ErrorNote error={review.error} />
      {review.data ? (
        <>
          <p className="review-summary">
            {total === 0
              ? 'Nothing is waiting to be sent.'
              : `${total} reminder${total === 1 ? '' : 's'} to ${waiting.length} patient${waiting.length === 1 ? '' : 's'} will be sent when you resume.`}
          </p>
          {expiring > 0 ? (
            <p className="review-expiring">
              {expiring} out-of-date reminder{expiring === 1 ? '' : 's'} will expire and <strong>not</strong> be sent.
            </p>
          ) : null}
          {waiting.length > 0 ? (
            <ul className="review-groups" aria-label="Waiting, by patient">
              {waiting.map((g) => (
                <li key={`${g.patient}|${g.to}`} className="review-group">
                  <div className="review-patient">
                    <strong>{g.patient}</strong> <span className="muted">{g.to}</span>
                  </div>
                  <ul>
                    {g.items.map((it) => (
                      <li key={`${it.appointment}|${it.rule}`}>
                        {CHANNEL_LABEL[it.channel]} at {formatInstant(it.at, tz)}{' '}
                        <span className="muted">for the appointment on {formatInstant(it.startsAt, tz)}</span>
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
      <ErrorNote error={resume.error} />
    </Modal>
  );
}
