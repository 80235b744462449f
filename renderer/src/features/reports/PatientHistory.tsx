import { useCallback, useState, type FormEvent } from 'react';
import type { PatientHistory as History, PatientLookup } from '../../../../shared/domain/reports';
import { useApi } from '../../api/ApiContext';
import { ErrorNote } from '../../components/ErrorNote';
import { formatInstant } from '../../components/format';
import { useCommand } from '../../hooks/useCommand';
import { useEngineStatus } from '../shell/engine-status';
import { saveExportFile } from './download';

const yesNo = (b: boolean) => (b ? 'yes' : 'no');

/** Contact and consent history of one patient (by appointment id) or one phone number, with PDF and CSV exports. */
export function PatientHistory() {
  const api = useApi();
  const { status } = useEngineStatus();
  const [by, setBy] = useState<'phone' | 'appointment'>('phone');
  const [text, setText] = useState('');
  const [shown, setShown] = useState<{ query: PatientLookup; history: History } | null>(null);
  const lookup = useCommand(useCallback((query: PatientLookup) => api.invoke('reports:patient-history', query), [api]));
  const exporter = useCommand(
    useCallback(
      async (query: PatientLookup, format: 'pdf' | 'csv') => {
        const r = await api.invoke('reports:patient-export', { ...query, format });
        if (r.ok) saveExportFile(r.value);
        return r;
      },
      [api],
    ),
  );
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const query: PatientLookup = by === 'phone' ? { phone: text.trim() } : { appointment: text.trim() };
    const r = await lookup.run(query);
    setShown(r.ok ? { query, history: r.value } : null);
  };
  const h = shown?.history;
  return (
    <section className="report-section" aria-labelledby="history-title">
      <h2 id="history-title">Contact and consent history</h2>
      <form className="export-row" onSubmit={(e) => void submit(e)} role="search" aria-label="Find a patient's history">
        <label className="field-inline">
          Find by
          <select value={by} onChange={(e) => setBy(e.target.value as 'phone' | 'appointment')}>
            <option value="phone">Phone number</option>
            <option value="appointment">Appointment id</option>
          </select>
        </label>
        <label className="field-inline">
          <span className="visually-hidden">{by === 'phone' ? 'Phone number' : 'Appointment id'}</span>
          <input
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={by === 'phone' ? '(212) 555-0101' : 'A-1001'}
            required
          />
        </label>
        <button type="submit" className="btn" disabled={lookup.busy || text.trim() === ''}>
          Show history
        </button>
        {shown ? (
          <>
            <button type="button" className="btn" disabled={exporter.busy} onClick={() => void exporter.run(shown.query, 'pdf')}>
              Export PDF
            </button>
            <button type="button" className="btn" disabled={exporter.busy} onClick={() => void exporter.run(shown.query, 'csv')}>
              Export CSV
            </button>
          </>
        ) : null}
      </form>
      <ErrorNote error={lookup.error ?? exporter.error} />
      {h ? (
        <div className="history">
          <ul className="history-who">
            {h.patients.map((p) => (
              <li key={p.id}>
                <strong>{p.name}</strong> · phone {p.phone ?? '—'} · email {p.email ?? '—'} · texts {yesNo(p.smsConsent)}, calls{' '}
                {yesNo(p.voiceConsent)}, emails {yesNo(p.emailConsent)}
                {p.doNotContact ? <strong className="flag-attention"> · do not contact</strong> : null}
              </li>
            ))}
            {h.numbers.map((n) => (
              <li key={n.address}>
                {n.address}:{' '}
                {n.optedOut ? (
                  <strong className="flag-attention">opted out (STOP) since {formatInstant(n.since, status?.timezone)}</strong>
                ) : (
                  'not opted out'
                )}
                {n.invalid ? ` · marked invalid: ${n.invalid}` : ''}
              </li>
            ))}
          </ul>
          {h.rows.length === 0 ? (
            <p className="empty">No reminders, attempts, replies or consent changes are recorded for {h.query}.</p>
          ) : (
            <div className="table-wrap">
              <table className="data-table history-table">
                <caption className="visually-hidden">History of {h.query}</caption>
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">What</th>
                    <th scope="col">Patient / appointment</th>
                    <th scope="col">Address</th>
                    <th scope="col">Outcome</th>
                    <th scope="col">Detail</th>
                    <th scope="col">Who</th>
                  </tr>
                </thead>
                <tbody>
                  {h.rows.map((r, i) => (
                    <tr key={i} className={`history-${r.kind}`}>
                      <td className="nowrap">{formatInstant(r.at, status?.timezone)}</td>
                      <td>{r.event}</td>
                      <td>{[r.patient, r.appointment].filter(Boolean).join(' / ')}</td>
                      <td>{r.address}</td>
                      <td>{r.outcome}</td>
                      <td className="detail-cell">{r.detail}</td>
                      <td>{r.actor}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      ) : null}
    </section>
  );
}
