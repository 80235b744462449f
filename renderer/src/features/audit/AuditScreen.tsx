import { useCallback } from 'react';
import { ErrorNote } from '../../components/ErrorNote';
import { formatInstant } from '../../components/format';
import { useApi } from '../../api/ApiContext';
import { useTopicVersion } from '../../hooks/live-updates';
import { useResource } from '../../hooks/useResource';
import { useEngineStatus } from '../shell/engine-status';

/** Renders an event's detail object as "key: value" pairs. */
function detailText(detail: Readonly<Record<string, unknown>>): string {
  return Object.entries(detail)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' · ');
}

/** The audit log: pauses, resumes, breaker trips, imports and settings changes. */
export function AuditScreen() {
  const api = useApi();
  const { status } = useEngineStatus();
  const version = useTopicVersion('status', 'settings', 'schedule');
  const load = useCallback(() => api.invoke('audit:list', { limit: 300 }), [api]);
  const { data, error } = useResource(load, String(version));
  return (
    <div className="screen">
      <h1 className="screen-title">Audit log</h1>
      <ErrorNote error={error} />
      {!data ? <p role="status">Loading…</p> : null}
      {data && data.length === 0 ? <p className="empty">No events yet.</p> : null}
      {data && data.length > 0 ? (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Event</th>
                <th scope="col">Who</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {data.map((e) => (
                <tr key={e.id}>
                  <td className="nowrap">{formatInstant(e.at, status?.timezone)}</td>
                  <td>{e.kind}</td>
                  <td>{e.actor}</td>
                  <td className="detail-cell">{detailText(e.detail)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
