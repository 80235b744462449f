import type { ImportResult } from '../../../shared/domain/dto';
import type { PreviewRowRead } from '../../../shared/domain/sources';
import { csvDocument, type CsvValue } from '../../../shared/util/csv-write';
import { isoInZone } from '../api/time-format';
import type { FullExportPlan } from './full-export';
import type { StagedFile } from './import-file';
import type { RowResult } from './table/row';
import type { RowObserver, TableRecord } from './table/table-reader';

/** The import result's fields beyond the counts: how the file was read (the CLI's `kind` and `mapping`). */
export function readingReport(staged: StagedFile, full: FullExportPlan | undefined): Partial<ImportResult> {
  const { mapping, dates } = staged;
  const warnings = [...mapping.warnings];
  if (staged.yearLastDates > 0 && dates.source === 'locale') {
    const monthFirst = dates.format === 'MDY';
    warnings.push(
      `dates such as 12/03/2027 were read ${monthFirst ? 'month first (December 3)' : 'day first (12 March)'}, as clinics in ` +
        `${dates.country} write them; if this file writes them the other way, import it with --date-format ${monthFirst ? 'DMY' : 'MDY'}`,
    );
  }
  if (full?.reason && !full.held) warnings.push(full.reason);
  return {
    kind: staged.kind,
    ...(staged.sheet ? { sheet: staged.sheet } : {}),
    mapping: { ...mapping.used },
    ignoredColumns: [...mapping.ignored],
    dateFormat: dates.format ?? null,
    dateFormatSource: dates.source,
    warnings,
  };
}

/** The full-export part of a result. */
export function fullExportReport(full: FullExportPlan, cancelled: number): NonNullable<ImportResult['fullExport']> {
  return {
    dates: full.dates,
    missing: full.missing.length,
    cancelled,
    ofAppointments: full.ofAppointments,
    held: full.held,
    reason: full.reason,
  };
}

/**
 * The rejected rows as a CSV to fix and import again: the file's own columns as it wrote them, with the row
 * number and the reason in front (columns the import ignores). Written through the one CSV writer
 * (formulas neutralised, BOM for Excel).
 */
export function rejectedRowsCsv(staged: StagedFile, rejected: ImportResult['rejected']): string {
  const rows = rejected.map((r): CsvValue[] => [r.row, r.reason, ...(staged.stage.rejectedCells(r.row) ?? [])]);
  return csvDocument(['Row', 'Reason', ...staged.header], rows);
}

/** Collects the first `limit` data rows as the import reads them (the wizard's preview). */
export function previewCollector(limit: number, zone: string): { rows: PreviewRowRead[]; observe: RowObserver } {
  const rows: PreviewRowRead[] = [];
  const observe = (record: TableRecord, result: RowResult): void => {
    if (rows.length >= limit) return;
    rows.push({
      row: record.line,
      cells: record.fields.map((cell) => (cell.length > 500 ? `${cell.slice(0, 499)}…` : cell)),
      problems: result.ok ? [] : result.reason.split('; '),
      appointment: result.ok
        ? {
            externalId: result.row.externalId,
            patient: result.row.patient.name,
            startsAt: isoInZone(result.row.startsAt, zone),
            durationMin: result.row.durationMin,
            provider: result.row.provider,
            status: result.row.status,
            phone: result.row.patient.phone,
            email: result.row.patient.email,
          }
        : null,
    });
  };
  return { rows, observe };
}
