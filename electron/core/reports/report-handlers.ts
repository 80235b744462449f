import type { ExportFile } from '../../../shared/domain/reports';
import type { ParsedReq, Res } from '../../../shared/api/contract';
import type { reportContract } from '../../../shared/api/reports-contract';
import type { ReportFile, ReportServices } from './report-services';

type ReportChannel = keyof typeof reportContract;
type ReportHandlers = { [C in ReportChannel]: (req: ParsedReq<C>) => Res<C> | Promise<Res<C>> };

/** A document as the window receives it: PDF bytes base64-encoded, CSV as text. */
export function toExportFile(file: ReportFile): ExportFile {
  const binary = typeof file.content !== 'string';
  return {
    fileName: file.fileName,
    mimeType: file.mimeType,
    encoding: binary ? 'base64' : 'utf8',
    data: typeof file.content === 'string' ? file.content : file.content.toString('base64'),
    rows: file.rows,
  };
}

/** The contract's report calls, spread into createHandlers (api/handlers.ts). */
export function reportHandlers(reports: ReportServices, actor: string): ReportHandlers {
  return {
    'reports:dashboard': (input) => reports.dashboard(input),
    'reports:daily-summary': (input) => reports.dailySummary(input),
    'reports:day-sheet': async (input) => toExportFile(await reports.daySheet(input)),
    'reports:patient-history': (input) => reports.patientHistory(input),
    'reports:patient-export': async (input) => toExportFile(await reports.patientExport(input)),
    'reports:contacts-export': (input) => toExportFile(reports.ledgerExport(input)),
    'reports:get-settings': () => reports.getSettings(),
    'reports:update-settings': (input) => reports.updateSettings({ ...input, actor }),
  };
}
