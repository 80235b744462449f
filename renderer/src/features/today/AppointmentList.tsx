import { useCallback, useEffect, useRef, useState } from 'react';
import type { TodayAppointment } from '../../../../shared/domain/dto';
import { AppointmentRow } from './AppointmentRow';

/** Fixed row height (px) that the stylesheet also uses; windowing depends on it. */
export const ROW_HEIGHT = 60;
const OVERSCAN = 8;
/** Used when the container has no layout yet (first paint, jsdom). */
const FALLBACK_VIEWPORT = 720;

type Props = Readonly<{
  rows: readonly TodayAppointment[];
  selectedId: number | null;
  detailId: string;
  onSelect: (appointmentId: number) => void;
}>;

/**
 * A windowed list: only the rows in view (plus a margin) are in the DOM, so 2,000 appointments
 * cost about as much as 30. Tabbing onto an overscan row scrolls it into view, which renders the next ones.
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
  const onScroll = useCallback(() => {
    if (ref.current) setScrollTop(ref.current.scrollTop);
  }, []);
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + viewport) / ROW_HEIGHT) + OVERSCAN);
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
