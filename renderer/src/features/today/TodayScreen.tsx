import { useCallback, useDeferredValue, useEffect, useId, useMemo, useState } from 'react';
import { useApi } from '../../api/ApiContext';
import { useTopicVersion } from '../../hooks/live-updates';
import { useResource } from '../../hooks/useResource';
import { ErrorNote } from '../../components/ErrorNote';
import { addDays, isoDay, shortDay, todayIn } from '../../components/format';
import { useEngineStatus } from '../shell/engine-status';
import { AppointmentDetail } from './AppointmentDetail';
import { AppointmentList } from './AppointmentList';
import { byStartTime, filterAppointments, needsAttention, type IssueFilter, type StatusFilter } from './today-filter';

/** Performance marks the e2e spec reads: data arrived → committed list. */
export const MARK_DATA = 'today:data';
export const MARK_INTERACTIVE = 'today:interactive';
export const MEASURE_TODAY = 'today:data-to-interactive';

/** The day's appointments, their reminder timelines, filters, search and the selected appointment's actions. */
export function TodayScreen() {
  const api = useApi();
  const { status } = useEngineStatus();
  const tz = status?.timezone;
  const [picked, setPicked] = useState<string | null>(null);
  const [statusFilter, setStatusFilter] = useState<StatusFilter>('all');
  const [issue, setIssue] = useState<IssueFilter>('all');
  const [search, setSearch] = useState('');
  const deferredSearch = useDeferredValue(search);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const detailId = useId();
  const version = useTopicVersion('schedule', 'outbox', 'contacts');

  const load = useCallback(async () => {
    const r = await api.invoke('schedule:get-day', picked ? { date: picked } : {});
    if (r.ok) performance.mark(MARK_DATA, { detail: { rows: r.value.length } });
    return r;
  }, [api, picked]);
  const { data, error, loading, reload } = useResource(load, `${picked ?? ''}|${version}`);

  useEffect(() => {
    if (!data) return;
    performance.mark(MARK_INTERACTIVE, { detail: { rows: data.length } });
    try {
      performance.measure(MEASURE_TODAY, MARK_DATA, MARK_INTERACTIVE);
    } catch {
      // No data mark yet (data replaced without a fetch): nothing to measure.
    }
  }, [data]);

  const sorted = useMemo(() => byStartTime(data ?? []), [data]);
  // The engine decides what "today" is (its clock may be overridden); take the day from its answer.
  const first = sorted[0];
  const day = picked ?? (first ? isoDay(first.startsAt) : todayIn(tz));
  const rows = useMemo(
    () => filterAppointments(sorted, { status: statusFilter, issue, search: deferredSearch }),
    [sorted, statusFilter, issue, deferredSearch],
  );
  const counts = useMemo(
    () => ({
      total: sorted.length,
      confirmed: sorted.filter((a) => a.status === 'confirmed').length,
      attention: sorted.filter(needsAttention).length,
    }),
    [sorted],
  );
  const selected = sorted.find((a) => a.appointmentId === selectedId) ?? null;
  const onSelect = useCallback((id: number) => setSelectedId((cur) => (cur === id ? null : id)), []);
  const onClose = useCallback(() => setSelectedId(null), []);

  return (
    <div className="screen today">
      <div className="toolbar" role="search">
        <div className="day-picker">
          <button type="button" className="btn btn-quiet" aria-label="Previous day" onClick={() => setPicked(addDays(day, -1))}>
            ‹
          </button>
          <label className="visually-hidden" htmlFor="today-date">
            Day
          </label>
          <input id="today-date" type="date" value={day} onChange={(e) => setPicked(e.target.value || null)} />
          <button type="button" className="btn btn-quiet" aria-label="Next day" onClick={() => setPicked(addDays(day, 1))}>
            ›
          </button>
          {picked !== null ? (
            <button type="button" className="btn btn-quiet" onClick={() => setPicked(null)}>
              Back to today
            </button>
          ) : null}
        </div>
        <div className="field-inline">
          <label htmlFor="today-search">Search</label>
          <input
            id="today-search"
            type="search"
            placeholder="Name, phone or appointment id"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </div>
        <div className="field-inline">
          <label htmlFor="today-status">Status</label>
          <select id="today-status" value={statusFilter} onChange={(e) => setStatusFilter(e.target.value as StatusFilter)}>
            <option value="all">All</option>
            <option value="booked">Not confirmed</option>
            <option value="confirmed">Confirmed</option>
            <option value="cancelled">Cancelled</option>
            <option value="completed">Completed</option>
            <option value="no_show">No-show</option>
          </select>
        </div>
        <div className="field-inline">
          <label htmlFor="today-issue">Show</label>
          <select id="today-issue" value={issue} onChange={(e) => setIssue(e.target.value as IssueFilter)}>
            <option value="all">Everyone</option>
            <option value="attention">Needs attention</option>
            <option value="unconfirmed">Not confirmed yet</option>
            <option value="no-contact">Do not contact / opted out</option>
          </select>
        </div>
      </div>

      <p className="summary" aria-live="polite">
        <strong>{shortDay(day)}</strong>: {counts.total.toLocaleString('en-US')} appointment{counts.total === 1 ? '' : 's'} ·{' '}
        {counts.confirmed.toLocaleString('en-US')} confirmed
        {counts.attention > 0 ? <span className="flag-attention"> · {counts.attention} need attention</span> : null}
        {rows.length !== counts.total ? <span> · showing {rows.length}</span> : null}
        {loading ? <span className="muted"> · updating…</span> : null}
      </p>
      <ErrorNote error={error} />

      <div className="today-body">
        <div className="appt-table">
          <div className="appt-head" aria-hidden="true">
            <span>Time</span>
            <span>Patient</span>
            <span>Provider</span>
            <span>Status</span>
            <span>Reminders</span>
          </div>
          {data && rows.length === 0 ? (
            <p className="empty">{counts.total === 0 ? 'No appointments on this day.' : 'No appointments match.'}</p>
          ) : (
            <AppointmentList rows={rows} selectedId={selectedId} detailId={detailId} onSelect={onSelect} />
          )}
        </div>
        {selected ? (
          <AppointmentDetail key={selected.appointmentId} id={detailId} appt={selected} onChanged={reload} onClose={onClose} />
        ) : null}
      </div>
    </div>
  );
}
