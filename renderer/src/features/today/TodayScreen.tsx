import { useCallback, useDeferredValue, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useApi } from '../../api/ApiContext';
import { useTopicVersion } from '../../hooks/live-updates';
import { useResource } from '../../hooks/useResource';
import { ErrorNote } from '../../components/ErrorNote';
import { addDays, isoDay, todayIn } from '../../components/format';
import { useFormats } from '../../hooks/locale-formats';
import { useEngineStatus } from '../shell/engine-status';
import { useConnection } from '../shell/connection';
import { AppointmentDetail } from './AppointmentDetail';
import { AppointmentList } from './AppointmentList';
import { byStartTime, filterAppointments, needsAttention, providersOf, type IssueFilter, type StatusFilter } from './today-filter';

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
  const [provider, setProvider] = useState<string | null>(null);
  const f = useFormats();
  const { connection } = useConnection();
  const live = connection.kind === 'connected';
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
    () => filterAppointments(sorted, { status: statusFilter, issue, search: deferredSearch, provider }),
    [sorted, statusFilter, issue, deferredSearch, provider],
  );
  const providers = useMemo(() => providersOf(sorted), [sorted]);
  // The provider column is as wide as the day's longest name (capped; longer ones wrap), never cut off.
  const providerCh = Math.min(20, Math.max(8, ...providers.map((p) => p.length)));
  const counts = useMemo(
    () => ({
      total: sorted.length,
      confirmed: sorted.filter((a) => a.status === 'confirmed').length,
      attention: sorted.filter(needsAttention).length,
      notReached: sorted.filter((a) => a.notReached).length,
    }),
    [sorted],
  );
  const selected = sorted.find((a) => a.appointmentId === selectedId) ?? null;
  const onSelect = useCallback((id: number) => setSelectedId((cur) => (cur === id ? null : id)), []);
  // Closing the detail puts focus back on its row's name (docs/desk-ui.md#keyboard).
  const returnFocusTo = useRef<string | null>(null);
  const onClose = useCallback(() => {
    setSelectedId((cur) => {
      returnFocusTo.current = cur === null ? null : (sorted.find((a) => a.appointmentId === cur)?.appointment ?? null);
      return null;
    });
  }, [sorted]);
  useEffect(() => {
    const ref = returnFocusTo.current;
    if (selectedId !== null || ref === null) return;
    returnFocusTo.current = null;
    const row = [...document.querySelectorAll<HTMLElement>('.appt-row')].find((r) => r.dataset['appointment'] === ref);
    row?.querySelector<HTMLElement>('.patient-name')?.focus();
  }, [selectedId]);

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
          <input
            id="today-date"
            type="date"
            lang={f.locale}
            value={day}
            aria-describedby="today-date-words"
            onChange={(e) => setPicked(e.target.value || null)}
          />
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
          <label htmlFor="today-provider">Provider</label>
          <select id="today-provider" value={provider ?? ''} onChange={(e) => setProvider(e.target.value || null)}>
            <option value="">All providers</option>
            {providers.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </div>
        <div className="field-inline">
          <label htmlFor="today-issue">Show</label>
          <select id="today-issue" value={issue} onChange={(e) => setIssue(e.target.value as IssueFilter)}>
            <option value="all">Everyone</option>
            <option value="attention">Needs attention</option>
            <option value="not-reached">Will not be reached</option>
            <option value="unconfirmed">Not confirmed yet</option>
            <option value="no-contact">Do not contact / opted out</option>
          </select>
        </div>
      </div>

      <p className="summary" aria-live="polite">
        <strong id="today-date-words">{f.longDay(day)}</strong>
        {!live ? (
          <span className="flag-attention"> · not connected: the list below may be out of date</span>
        ) : data ? (
          <>
            : {f.count(counts.total)} appointment{counts.total === 1 ? '' : 's'} · {f.count(counts.confirmed)} confirmed
            {counts.attention > 0 ? <span className="flag-attention"> · {f.count(counts.attention)} need attention</span> : null}
            {counts.notReached > 0 ? (
              <span className="flag-attention"> · {f.count(counts.notReached)} will not be reached by text or call</span>
            ) : null}
            {rows.length !== counts.total ? <span> · showing {f.count(rows.length)}</span> : null}
          </>
        ) : null}
        {loading && live ? <span className="muted"> · updating…</span> : null}
      </p>
      {live ? <ErrorNote error={error} /> : null}

      <div className="today-body">
        <div className="appt-table" style={{ '--provider-w': `${providerCh}ch` } as React.CSSProperties}>
          <div className="appt-head" aria-hidden="true">
            <span>Time</span>
            <span>Patient</span>
            <span>Provider</span>
            <span>Status</span>
            <span>Reminders</span>
          </div>
          {!data && !live ? (
            <p className="empty">Not connected: the day's appointments cannot be loaded yet.</p>
          ) : data && rows.length === 0 ? (
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
