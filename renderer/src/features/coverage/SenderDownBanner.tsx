import { formatInstant } from '../../components/format';
import { useEngineStatus } from '../shell/engine-status';
import { plural } from './coverage-text';

/** "The sender is down": no sending cycle for 5 minutes while reminders are due (docs/coverage.md). */
export function SenderDownBanner() {
  const { status } = useEngineStatus();
  const down = status?.senderDown;
  if (!down || status.paused) return null;
  const since = down.lastCycleAt ? `since ${formatInstant(down.lastCycleAt, status.timezone)}` : 'since this schedule was opened';
  return (
    <div className="banner-slot">
      <div className="paused-banner" role="alert">
        <div className="paused-text">
          <strong>Reminders are not being sent</strong>
          <span>
            {' '}
            — no sending cycle has run {since}, and {plural(down.due, 'reminder')} {down.due === 1 ? 'is' : 'are'} due. Check that Frontdesk
            (or its service) is running on the computer that sends.
          </span>
        </div>
      </div>
    </div>
  );
}
