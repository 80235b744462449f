import { useCallback, useMemo, useState } from 'react';
import { useApi } from '../../api/ApiContext';
import { useTopicVersion } from '../../hooks/live-updates';
import { useResource } from '../../hooks/useResource';
import { ErrorNote } from '../../components/ErrorNote';
import { CHANNEL_LABEL, formatInstant } from '../../components/format';
import { useEngineStatus } from '../shell/engine-status';

const HOURS = [2, 4, 8, 24, 48] as const;

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
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Goes out</th>
                <th scope="col">How</th>
                <th scope="col">Patient</th>
                <th scope="col">To</th>
                <th scope="col">Appointment</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.appointment}|${r.rule}`}>
                  <td>{formatInstant(r.at, tz)}</td>
                  <td>{CHANNEL_LABEL[r.channel]}</td>
                  <td>{r.patient}</td>
                  <td>{r.to}</td>
                  <td>
                    {formatInstant(r.startsAt, tz)} <span className="muted">#{r.appointment}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
