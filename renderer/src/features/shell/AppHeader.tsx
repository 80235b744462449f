import { AtRiskCount } from '../coverage/AtRiskCount';
import { UnreadRepliesCount } from '../inbox/UnreadRepliesCount';
import { KillSwitch } from './KillSwitch';
import { useEngineStatus } from './engine-status';
import { StaffPicker } from '../staff/StaffPicker';

/** The engine describes its transport in words ("simulate (no one is contacted)", "twilio + smtp"). */
export function isSimulate(transport: string | undefined): boolean {
  return transport !== undefined && /^simulate\b/i.test(transport);
}

/**
 * One row (docs/desk-ui.md#layout): the clinic's name as the page's heading, the transport (simulate is said
 * plainly), counts, the screens' navigation, the always-visible kill switch and who is at the desk. It wraps on
 * narrow windows.
 */
export function AppHeader({
  onReviewResume,
  onOpenCoverage,
  nav,
  scopedPauses,
}: Readonly<{ onReviewResume: () => void; onOpenCoverage?: () => void; nav?: React.ReactNode; scopedPauses?: React.ReactNode }>) {
  const { status } = useEngineStatus();
  const simulate = isSimulate(status?.transport);
  return (
    <header className="app-header">
      <div className="brand">
        <h1 className="brand-name">{status?.clinicName || 'Frontdesk'}</h1>
        {status ? (
          <span className={simulate ? 'transport transport-simulate' : 'transport'}>
            {simulate ? 'Simulate — no one is contacted' : `Live — patients are contacted (${status.transport})`}
          </span>
        ) : null}
        {status && status.needsAttention > 0 ? <span className="attention-count">{status.needsAttention} need attention</span> : null}
      </div>
      {/* The kill switch comes first in tab order, before the screens and the counts' links: one Tab reaches it. */}
      <KillSwitch onReviewResume={onReviewResume} />
      {nav}
      <div className="header-counts">
        <AtRiskCount {...(onOpenCoverage ? { onOpen: onOpenCoverage } : {})} />
        <UnreadRepliesCount />
      </div>
      {scopedPauses}
      <StaffPicker />
    </header>
  );
}
