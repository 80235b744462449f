import { formatInstant } from '../../components/format';
import { useEngineStatus } from '../shell/engine-status';
import { kindInSentence, sourcesNeedingAttention } from './source-words';
import { useSources } from './useSources';
import './sources.css';

/**
 * The stale-schedule alarm on every screen (docs/import-wizard.md#stale-alarm): no export arrived for longer
 * than usual, or a full export waits for review. Reminders follow the last schedule imported, so either is as
 * serious as a stopped sender.
 */
export function ScheduleStaleBanner({ onOpenSources }: Readonly<{ onOpenSources: () => void }>) {
  const sources = useSources();
  const zone = useEngineStatus().status?.timezone;
  const { stale, held } = sourcesNeedingAttention(sources.data ?? []);
  if (stale.length === 0 && held.length === 0) return null;
  return (
    <div className="banner-slot">
      <div className="stale-banner" role="alert">
        <div className="stale-text">
          {stale.map((s) => (
            <p key={`stale-${s.id}`}>
              <strong>The schedule may be out of date</strong> — no export has arrived from {kindInSentence(s.kind)} {s.target} since{' '}
              {s.lastSyncAt ? formatInstant(s.lastSyncAt, zone) : 'it was added'}
              {s.expectedBy ? `; one was expected by ${formatInstant(s.expectedBy, zone)}` : ''}. Check the practice system's export.
            </p>
          ))}
          {held.map((s) => (
            <p key={`held-${s.id}`}>
              <strong>A schedule export is waiting for review</strong> — {s.held?.file} would cancel {s.held?.wouldCancel} of{' '}
              {s.held?.ofAppointments} appointments.
            </p>
          ))}
        </div>
        <button type="button" className="btn" onClick={onOpenSources}>
          Open Sources
        </button>
      </div>
    </div>
  );
}
