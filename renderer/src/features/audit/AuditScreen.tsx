import { useCallback, useMemo } from 'react';
import type { AuditEvent } from '../../../../shared/domain/dto';
import { DataTable, type Column } from '../../components/DataTable';
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

function auditColumns(timezone: string | undefined): Column<AuditEvent>[] {
  return [
    { header: 'Time', cell: (e) => formatInstant(e.at, timezone), className: 'nowrap', sorted: 'descending' },
    { header: 'Event', cell: (e) => e.kind },
    { header: 'Who', cell: (e) => e.actor },
    { header: 'Detail', cell: (e) => detailText(e.detail), className: 'detail-cell' },
  ];
}

/** The audit log: pauses, resumes, breaker trips, imports and settings changes. */
export function AuditScreen() {
  const api = useApi();
  const { status } = useEngineStatus();
  const version = useTopicVersion('status', 'settings', 'schedule');
  const load = useCallback(() => api.invoke('audit:list', { limit: 300 }), [api]);
  const { data, error } = useResource(load, String(version));
  const columns = useMemo(() => auditColumns(status?.timezone), [status?.timezone]);
  return (
    <div className="screen">
      <h1 className="screen-title">Audit log</h1>
      <ErrorNote error={error} />
      {!data ? <p role="status">Loading…</p> : null}
      {data && data.length === 0 ? <p className="empty">No events yet.</p> : null}
      {data && data.length > 0 ? <DataTable caption="Audit log, newest first" columns={columns} rows={data} rowKey={(e) => e.id} /> : null}
    </div>
  );
}
