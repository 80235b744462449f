import { useCallback, useMemo, useState } from 'react';
import type { PreviewRow } from '../../../../shared/domain/dto';
import { useApi } from '../../api/ApiContext';
import { DataTable, type Column } from '../../components/DataTable';
import { useTopicVersion } from '../../hooks/live-updates';
import { useResource } from '../../hooks/useResource';
import { ErrorNote } from '../../components/ErrorNote';
import { CHANNEL_LABEL, formatInstant } from '../../components/format';
import { useEngineStatus } from '../shell/engine-status';

const HOURS = [2, 4, 8, 24, 48] as const;

function nextContactColumns(tz: string | undefined): Column<PreviewRow>[] {
  return [
    { header: 'Goes out', cell: (r) => formatInstant(r.at, tz), sorted: 'ascending' },
    { header: 'How', cell: (r) => CHANNEL_LABEL[r.channel] },
    { header: 'Patient', cell: (r) => r.patient },
    { header: 'To', cell: (r) => r.to },
    {
      header: 'Appointment',
      cell: (r) => (
        <>
          {formatInstant(r.startsAt, tz)} <span className="muted">#{r.appointment}</span>
        </>
      ),
    },
  ];
}

/** What will go out in the next N hours, so nobody at the desk is surprised. */
export function NextContactsScreen() {
  const api = useApi();
  const { status } = useEngineStatus();
  const tz = status?.timezone;
  const [hours, setHours] = useState<number>(4);
  const version = useTopicVersion('schedule', 'outbox', 'status');
  const load = useCallback(() => api.invoke('outbox:preview', { hours }), [api, hours]);
  const { data, error } = useResource(load, `${hours}|${version}`);
  const rows = useMemo(() => [...(data ?? [])].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)), [data]);
  const columns = useMemo(() => nextContactColumns(tz), [tz]);
  const byChannel = useMemo(() => {
    const c = { email: 0, sms: 0, voice: 0 };
    for (const r of rows) c[r.channel] += 1;
    return c;
  }, [rows]);

  return (
    <div className="screen">
      <div className="toolbar">
        <h1 className="screen-title">Next contacts</h1>
        <div className="field-inline">
          <label htmlFor="next-hours">In the next</label>
          <select id="next-hours" value={hours} onChange={(e) => setHours(Number(e.target.value))}>
            {HOURS.map((h) => (
              <option key={h} value={h}>
                {h} hours
              </option>
            ))}
          </select>
        </div>
      </div>
      {status?.paused ? <p className="note-paused">Sending is paused: none of these go out until someone reviews and resumes.</p> : null}
      <ErrorNote error={error} />
      {data ? (
        <p className="summary" aria-live="polite">
          {rows.length === 0
            ? `Nothing will go out in the next ${hours} hours.`
            : `${rows.length} planned: ${byChannel.email} email, ${byChannel.sms} SMS, ${byChannel.voice} call${byChannel.voice === 1 ? '' : 's'}.`}
        </p>
      ) : (
        <p role="status">Loading…</p>
      )}
      {rows.length > 0 ? (
        <DataTable caption="Contacts planned, soonest first" columns={columns} rows={rows} rowKey={(r) => `${r.appointment}|${r.rule}`} />
      ) : null}
    </div>
  );
}
