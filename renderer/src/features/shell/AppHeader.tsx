import { AtRiskCount } from '../coverage/AtRiskCount';
import { UnreadRepliesCount } from '../inbox/UnreadRepliesCount';
import { KillSwitch } from './KillSwitch';
import { useEngineStatus } from './engine-status';
import { StaffPicker } from '../staff/StaffPicker';

/** The engine describes its transport in words ("simulate (no one is contacted)", "twilio + smtp"). */
export function isSimulate(transport: string | undefined): boolean {
  return transport !== undefined && /^simulate\b/i.test(transport);
}

/** Clinic name, transport (simulate is said plainly) and the always-visible kill switch. */
export function AppHeader({ onReviewResume, onOpenCoverage }: Readonly<{ onReviewResume: () => void; onOpenCoverage?: () => void }>) {
  const { status } = useEngineStatus();
  const simulate = isSimulate(status?.transport);
  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-name">{status?.clinicName || 'Frontdesk'}</span>
        {status ? (
          <span className={simulate ? 'transport transport-simulate' : 'transport'}>
            {simulate ? 'Simulate — no one is contacted' : `Live — patients are contacted (${status.transport})`}
          </span>
        ) : null}
        {status && status.needsAttention > 0 ? <span className="attention-count">{status.needsAttention} need attention</span> : null}
      </div>
      {/* The kill switch comes first in tab order, before the counts' links: one Tab from the top reaches it. */}
      <KillSwitch onReviewResume={onReviewResume} />
      <div className="header-counts">
        <AtRiskCount {...(onOpenCoverage ? { onOpen: onOpenCoverage } : {})} />
        <UnreadRepliesCount />
      </div>
      <StaffPicker />
    </header>
  );
}
