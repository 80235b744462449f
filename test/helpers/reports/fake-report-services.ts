import type { ReportServices } from '../../../electron/core/reports/report-services';
import { UserError } from '../../../electron/core/platform/errors';

/** Reports for host and IPC tests that do not exercise them: every call is a clear NOT_FOUND. */
export function unavailableReportServices(): ReportServices {
  const none = (): never => {
    throw new UserError('NOT_FOUND', 'reports are not part of these fake services');
  };
  return {
    dashboard: none,
    dailySummary: none,
    takeDueDailySummary: () => null,
    daySheet: none,
    patientHistory: none,
    patientExport: none,
    ledgerExport: none,
    getSettings: none,
    updateSettings: none,
  };
}
