import { z } from 'zod';
import {
  DailySummarySchema,
  DashboardSchema,
  ExportFileSchema,
  IsoDateSchema,
  PatientHistorySchema,
  PatientLookupSchema,
  ReportPricesSchema,
  ReportSettingsSchema,
} from '../domain/reports';

/**
 * The reports' calls (docs/reports.md), spread into the contract in contract.ts. Documents travel as data:
 * PDF bytes base64-encoded, CSV as text; the window saves them as a download.
 */
export const reportContract = {
  /** Dashboard numbers over whole clinic days [from, to]; default the last 30 days. */
  'reports:dashboard': {
    req: z.object({ from: IsoDateSchema.optional(), to: IsoDateSchema.optional() }).strict(),
    res: DashboardSchema,
  },
  /** The daily summary's counts for `date` (default today). */
  'reports:daily-summary': { req: z.object({ date: IsoDateSchema.optional() }).strict(), res: DailySummarySchema },
  /** The day sheet PDF for `date` (default today). */
  'reports:day-sheet': { req: z.object({ date: IsoDateSchema.optional() }).strict(), res: ExportFileSchema },
  /** One patient's (or one number's) contact and consent history. */
  'reports:patient-history': { req: PatientLookupSchema, res: PatientHistorySchema },
  'reports:patient-export': { req: PatientLookupSchema.extend({ format: z.enum(['pdf', 'csv']) }).strict(), res: ExportFileSchema },
  /** Every ledger row and reply of the range as CSV (spreadsheet formulas neutralised). */
  'reports:contacts-export': { req: z.object({ from: IsoDateSchema, to: IsoDateSchema }).strict(), res: ExportFileSchema },
  'reports:get-settings': { req: z.object({}).strict(), res: ReportSettingsSchema },
  'reports:update-settings': {
    req: z
      .object({ prices: ReportPricesSchema.partial().strict().optional(), summaryAt: ReportSettingsSchema.shape.summaryAt.optional() })
      .strict(),
    res: ReportSettingsSchema,
  },
} as const;
