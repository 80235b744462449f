import { useCallback, useId, useState } from 'react';
import type { ImportResult } from '../../../../shared/domain/dto';
import { ErrorNote } from '../../components/ErrorNote';
import { useApi } from '../../api/ApiContext';
import { useCommand } from '../../hooks/useCommand';

type Picked = Readonly<{ name: string; bytes: string; lines: number | null }>;

/** Import a CSV export of the schedule: read in the browser, sent to the engine, result and rejects shown. */
export function ImportScreen() {
  const api = useApi();
  const id = useId();
  const [picked, setPicked] = useState<Picked | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const send = useCommand(useCallback((p: Picked) => api.invoke('schedule:import-csv', { bytes: p.bytes, fileName: p.name }), [api]));

  const onFile = async (file: File | undefined) => {
    setResult(null);
    setReadError(null);
    send.clearError();
    if (!file) return setPicked(null);
    try {
      // The bytes as they are: the engine finds the encoding (UTF-8, UTF-16, Windows-1252) or an Excel workbook.
      const bytes = new Uint8Array(await readBytes(file));
      const workbook = bytes[0] === 0x50 && bytes[1] === 0x4b;
      const lines = workbook
        ? null
        : new TextDecoder()
            .decode(bytes)
            .split(/\r?\n/)
            .filter((l) => l.trim() !== '').length;
      setPicked({ name: file.name, bytes: toBase64(bytes), lines: lines === null ? null : Math.max(0, lines - 1) });
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
        <input
          id={`${id}-file`}
          type="file"
          accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => void onFile(e.target.files?.[0])}
        />
        {picked ? (
          <p className="muted">
            {picked.lines === null
              ? `${picked.name}: Excel workbook`
              : `${picked.name}: ${picked.lines} row${picked.lines === 1 ? '' : 's'}`}
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

/** The file's bytes; FileReader where Blob.arrayBuffer() is missing (older engines, jsdom). */
function readBytes(file: File): Promise<ArrayBuffer> {
  if (typeof file.arrayBuffer === 'function') return file.arrayBuffer();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsArrayBuffer(file);
  });
}

/** Bytes as base64, in pieces (String.fromCharCode takes a limited number of arguments). */
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(binary);
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
