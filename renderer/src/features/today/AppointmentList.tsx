import { useCallback, useEffect, useRef, useState } from 'react';
import type { TodayAppointment } from '../../../../shared/domain/dto';
import { AppointmentRow } from './AppointmentRow';

/** Fixed row height (px) that the stylesheet also uses; windowing depends on it. */
export const ROW_HEIGHT = 46;
const OVERSCAN = 8;
/** Used when the container has no layout yet (first paint, jsdom). */
const FALLBACK_VIEWPORT = 720;
/**
 * Up to this many appointments every row is in the DOM, so the browser's find (Ctrl+F) and screen
 * readers see the whole day. Only bigger days, far beyond a clinic's usual, are windowed.
 */
export const FULL_LIST_MAX_ROWS = 500;

type Props = Readonly<{
  rows: readonly TodayAppointment[];
  selectedId: number | null;
  detailId: string;
  onSelect: (appointmentId: number) => void;
}>;

/**
 * The day's appointments. Up to FULL_LIST_MAX_ROWS all of them are rendered. Above that the list is
 * windowed: only the rows in view (plus a margin) are in the DOM, so 2,000 appointments cost about
 * as much as 30; tabbing onto an overscan row scrolls it into view, which renders the next ones.
 */
export function AppointmentList({ rows, selectedId, detailId, onSelect }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(FALLBACK_VIEWPORT);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setViewport(el.clientHeight || FALLBACK_VIEWPORT);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const windowed = rows.length > FULL_LIST_MAX_ROWS;
  const onScroll = useCallback(() => {
    if (windowed && ref.current) setScrollTop(ref.current.scrollTop);
  }, [windowed]);
  // The offset is not tracked while every row is rendered: catch up when a bigger list needs windowing.
  useEffect(() => {
    if (windowed && ref.current) setScrollTop(ref.current.scrollTop);
  }, [windowed]);
  const first = windowed ? Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN) : 0;
  const last = windowed ? Math.min(rows.length, Math.ceil((scrollTop + viewport) / ROW_HEIGHT) + OVERSCAN) : rows.length;
  const visible = rows.slice(first, last);
  return (
    <div ref={ref} className="appt-scroll" onScroll={onScroll}>
      <div role="list" aria-label="Appointments" className="appt-list" style={{ height: rows.length * ROW_HEIGHT }}>
        <div style={{ transform: `translateY(${first * ROW_HEIGHT}px)` }}>
          {visible.map((a, i) => (
            <AppointmentRow
              key={a.appointmentId}
              appt={a}
              index={first + i}
              total={rows.length}
              selected={a.appointmentId === selectedId}
              detailId={detailId}
              onSelect={onSelect}
            />
          ))}
        </div>
      </div>
    </div>
  );
}
