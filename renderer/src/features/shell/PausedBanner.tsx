import { formatInstant } from '../../components/format';
import { useEngineStatus } from './engine-status';

/** The unmistakable full-width notice shown on every screen while nothing is being sent. */
export function PausedBanner({ onReviewResume }: Readonly<{ onReviewResume: () => void }>) {
  const { status, error } = useEngineStatus();
  // A lost link (stopped engine, wrong token) is the connection banner's to say.
  if (error && !status && error.code !== 'UNAVAILABLE' && error.code !== 'UNAUTHORIZED') {
    return (
      <div className="banner-slot">
        <div className="paused-banner" role="alert">
          <div className="paused-text">
            <strong>Cannot reach the Frontdesk engine</strong> — {error.message}
          </div>
        </div>
      </div>
    );
  }
  return (
    // role="alert" content is announced as soon as it is inserted; no extra live region (it would repeat it).
    <div className="banner-slot">
      {status?.paused ? (
        <div className="paused-banner" role="alert">
          <div className="paused-text">
            <strong>
              {status.pauseKind === 'breaker'
                ? 'All outbound contact is paused — the safety breaker stopped sending'
                : 'All outbound contact is paused'}
            </strong>
            <span> — {status.reason?.trim() ? status.reason : 'no reason given'}</span>
            <span> — since {formatInstant(status.pausedAt, status.timezone)}</span>
            <span> — by {status.pausedBy ?? 'unknown'}</span>
          </div>
          <button type="button" className="btn btn-on-danger" onClick={onReviewResume}>
            Review and resume
          </button>
        </div>
      ) : null}
    </div>
  );
}
