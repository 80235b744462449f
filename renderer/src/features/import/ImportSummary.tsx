import type { ImportResult } from '../../../../shared/domain/dto';
import { saveExportFile } from '../reports/download';

/** "schedule-rejected.csv" for "schedule.csv" (or a workbook): the rows to fix, beside the original's name. */
export function rejectedFileName(fileName: string): string {
  const base = fileName.replace(/\.[^.]*$/, '') || 'schedule';
  return `${base}-rejected.csv`;
}

/** What an import did: counts, warnings, and the rejected rows with their line, patient and reason. */
export function ImportSummary({ result, fileName }: Readonly<{ result: ImportResult; fileName: string }>) {
  return (
    <section aria-label="Import result" className="import-result">
      <ul className="stat-row">
        <li className="stat">
          <span className="stat-num">{result.created}</span> created
        </li>
        <li className="stat">
          <span className="stat-num">{result.updated}</span> updated
        </li>
        <li className="stat">
          <span className="stat-num">{result.unchanged}</span> unchanged
        </li>
        <li className={result.rejectedCount > 0 ? 'stat stat-attention' : 'stat'}>
          <span className="stat-num">{result.rejectedCount}</span> rejected
        </li>
      </ul>
      {result.remindersCancelled > 0 ? (
        <p className="muted">{result.remindersCancelled} pending reminders were stopped by this import.</p>
      ) : null}
      <Warnings warnings={result.warnings ?? []} />
      {result.rejected.length > 0 ? <RejectedRows result={result} fileName={fileName} /> : null}
    </section>
  );
}

export function Warnings({ warnings }: Readonly<{ warnings: readonly string[] }>) {
  if (warnings.length === 0) return null;
  return (
    <ul className="import-warnings" aria-label="Warnings">
      {warnings.map((w) => (
        <li key={w}>{w}</li>
      ))}
    </ul>
  );
}

function RejectedRows({ result, fileName }: Readonly<{ result: ImportResult; fileName: string }>) {
  const csv = result.rejectedCsv;
  return (
    <>
      <div className="rejected-head">
        <h2>Rows not imported</h2>
        {csv ? (
          <button
            type="button"
            className="btn"
            onClick={() =>
              saveExportFile({
                fileName: rejectedFileName(fileName),
                mimeType: 'text/csv',
                encoding: 'utf8',
                data: csv,
                rows: result.rejected.length,
              })
            }
          >
            Download rejected rows (CSV)
          </button>
        ) : null}
      </div>
      <p className="muted">
        The other rows were imported. Fix these in the practice system, or in the downloaded file (its Row and Reason columns are ignored),
        and import again.
      </p>
      {result.rejectedCount > result.rejected.length ? (
        <p className="muted">
          The first {result.rejected.length} of {result.rejectedCount} rejected rows are listed.
        </p>
      ) : null}
      <div className="table-wrap">
        <table className="data-table">
          <caption className="visually-hidden">Rejected rows</caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Patient</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {result.rejected.map((r) => (
              <tr key={`${r.row}|${r.reason}`}>
                <td>{r.row}</td>
                <td className="nowrap">{r.patient ?? '—'}</td>
                <td>{r.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
