import { formatInstant } from '../../components/format';
import { useEngineStatus } from './engine-status';

/**
 * Texts handed to Twilio ahead of time (send-ahead) that a stop — the kill switch, a cancellation, a STOP —
 * should have cancelled, but Twilio has not confirmed: they may still go out, so the desk sees each one on
 * every screen until the engine's retries succeed or someone cancels it in Twilio's console.
 */
export function NotCancelledBanner() {
  const { status } = useEngineStatus();
  const rows = status?.sendAheadNotCancelled ?? [];
  if (!status || rows.length === 0) return null;
  return (
    <div className="banner-slot">
      <div className="paused-banner not-cancelled-banner" role="alert">
        <div className="paused-text">
          <strong>
            {rows.length === 1
              ? 'A text scheduled at Twilio could not be cancelled'
              : `${rows.length} texts scheduled at Twilio could not be cancelled`}
          </strong>
          <span> — they may still go out. Frontdesk keeps trying; to stop them now, cancel them in Twilio&apos;s console.</span>
          <ul className="not-cancelled-list">
            {rows.map((r) => (
              <li key={`${r.appointment}-${r.providerId ?? r.to}`}>
                {r.patient} ({r.appointment}), {r.to}, due {formatInstant(r.sendAt, status.timezone)}
                {r.providerId ? `, Twilio ${r.providerId}` : ''} — {r.error}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}
