import { useCallback, useId, useState } from 'react';
import type { ImportResult } from '../../../../shared/domain/dto';
import { ErrorNote } from '../../components/ErrorNote';
import { useApi } from '../../api/ApiContext';
import { useCommand } from '../../hooks/useCommand';

type Picked = Readonly<{ name: string; csv: string; lines: number }>;

/** Import a CSV export of the schedule: read in the browser, sent to the engine, result and rejects shown. */
export function ImportScreen() {
  const api = useApi();
  const id = useId();
  const [picked, setPicked] = useState<Picked | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const send = useCommand(useCallback((p: Picked) => api.invoke('schedule:import-csv', { csv: p.csv, fileName: p.name }), [api]));

  const onFile = async (file: File | undefined) => {
    setResult(null);
    setReadError(null);
    send.clearError();
    if (!file) return setPicked(null);
    try {
      const csv = await readText(file);
      const lines = csv.split(/\r?\n/).filter((l) => l.trim() !== '').length;
      setPicked({ name: file.name, csv, lines: Math.max(0, lines - 1) });
    } catch (e) {
      setPicked(null);
      setReadError(`Could not read the file: ${String(e)}`);
    }
  };

  return (
    <div className="screen narrow">
      <h1 className="screen-title">Import appointments</h1>
      <p className="muted">
        A CSV file with a header row: external_id, patient_name, phone, email, starts_at, duration_min, provider, status. Importing the same
        file twice changes nothing.
      </p>
      <form
        className="import-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!picked) return;
          void send.run(picked).then((r) => r.ok && setResult(r.value));
        }}
      >
        <label htmlFor={`${id}-file`}>CSV file</label>
        <input id={`${id}-file`} type="file" accept=".csv,text/csv" onChange={(e) => void onFile(e.target.files?.[0])} />
        {picked ? (
          <p className="muted">
            {picked.name}: {picked.lines} row{picked.lines === 1 ? '' : 's'}
          </p>
        ) : null}
        {readError ? (
          <p className="error-note" role="alert">
            {readError}
          </p>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={!picked || send.busy}>
            {send.busy ? 'Importing…' : 'Import this file'}
          </button>
        </div>
        <p role="status" aria-live="polite" className="muted">
          {send.busy ? `Importing ${picked?.name ?? ''}…` : result ? 'Import finished.' : ''}
        </p>
      </form>
      <ErrorNote error={send.error} />
      {result ? <ImportSummary result={result} /> : null}
    </div>
  );
}

/** The file's text; FileReader where Blob.text() is missing (older engines, jsdom). */
function readText(file: File): Promise<string> {
  if (typeof file.text === 'function') return file.text();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsText(file);
  });
}

function ImportSummary({ result }: Readonly<{ result: ImportResult }>) {
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
      {result.rejected.length > 0 ? (
        <>
          <h2>Rows not imported</h2>
          <p className="muted">The other rows were imported. Fix these in the source file and import it again.</p>
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
                  <th scope="col">Row</th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                {result.rejected.map((r) => (
                  <tr key={`${r.row}|${r.reason}`}>
                    <td>{r.row}</td>
                    <td>{r.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}
