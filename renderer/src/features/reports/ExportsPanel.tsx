import { useCallback, useState } from 'react';
import type { Result } from '../../../../shared/api/result';
import type { ExportFile } from '../../../../shared/domain/reports';
import { useApi } from '../../api/ApiContext';
import { ErrorNote } from '../../components/ErrorNote';
import { addDays } from '../../components/format';
import { useCommand } from '../../hooks/useCommand';
import { saveExportFile } from './download';

/** Runs an export and saves what comes back; says what was saved. */
function useExport() {
  const [saved, setSaved] = useState<string | null>(null);
  const command = useCommand(
    useCallback(async (call: () => Promise<Result<ExportFile>>) => {
      setSaved(null);
      const r = await call();
      if (r.ok) {
        saveExportFile(r.value);
        setSaved(r.value.fileName);
      }
      return r;
    }, []),
  );
  return { ...command, saved };
}

/** "Print today" (the day sheet PDF) and the ledger export for a range of days. */
export function ExportsPanel({ today }: Readonly<{ today: string }>) {
  const api = useApi();
  const [day, setDay] = useState<string | null>(null);
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const sheet = useExport();
  const ledger = useExport();
  const sheetDay = day ?? today;
  const ledgerTo = to ?? today;
  const ledgerFrom = from ?? addDays(ledgerTo, -29);
  return (
    <section className="report-section exports" aria-labelledby="exports-title">
      <h2 id="exports-title">Print and export</h2>
      <div className="export-row">
        <label className="field-inline">
          Day sheet for
          <input type="date" value={sheetDay} onChange={(e) => setDay(e.target.value || null)} />
        </label>
        <button
          type="button"
          className="btn btn-primary"
          disabled={sheet.busy}
          onClick={() => void sheet.run(() => api.invoke('reports:day-sheet', { date: sheetDay }))}
        >
          {sheetDay === today ? 'Print today' : 'Print day sheet'}
        </button>
        <span className="small muted">PDF: times, patients, providers, status, each reminder, who needs a call.</span>
      </div>
      <ErrorNote error={sheet.error} />
      {sheet.saved ? (
        <p role="status" className="small">
          Saved {sheet.saved}.
        </p>
      ) : null}
      <div className="export-row">
        <label className="field-inline">
          Contacts from
          <input type="date" value={ledgerFrom} max={ledgerTo} onChange={(e) => setFrom(e.target.value || null)} />
        </label>
        <label className="field-inline">
          to
          <input type="date" value={ledgerTo} min={ledgerFrom} onChange={(e) => setTo(e.target.value || null)} />
        </label>
        <button
          type="button"
          className="btn"
          disabled={ledger.busy}
          onClick={() => void ledger.run(() => api.invoke('reports:contacts-export', { from: ledgerFrom, to: ledgerTo }))}
        >
          Export contacts (CSV)
        </button>
        <span className="small muted">Every attempt and every reply, for the clinic&apos;s own records.</span>
      </div>
      <ErrorNote error={ledger.error} />
      {ledger.saved ? (
        <p role="status" className="small">
          Saved {ledger.saved}.
        </p>
      ) : null}
    </section>
  );
}
