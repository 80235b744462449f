import { memo } from 'react';
import type { TodayAppointment } from '../../../../shared/domain/dto';
import { isoDay } from '../../components/format';
import { useFormats } from '../../hooks/locale-formats';
import { ReminderTimeline } from '../../components/ReminderChip';
import { StatusBadge } from '../../components/StatusBadge';
import { needsAttention } from './today-filter';

type Props = Readonly<{
  appt: TodayAppointment;
  index: number;
  total: number;
  selected: boolean;
  detailId: string;
  onSelect: (appointmentId: number) => void;
}>;

/** One appointment line. Memoized: a live update re-renders only the rows whose data changed. */
export const AppointmentRow = memo(function AppointmentRow({ appt, index, total, selected, detailId, onSelect }: Props) {
  const attention = needsAttention(appt);
  const f = useFormats();
  return (
    <div
      role="listitem"
      aria-setsize={total}
      aria-posinset={index + 1}
      className={`appt-row${selected ? ' is-selected' : ''}${appt.status === 'cancelled' ? ' is-cancelled' : ''}`}
      data-appointment={appt.appointment}
      onClick={() => onSelect(appt.appointmentId)}
    >
      <span className="col-time">{f.time(appt.startsAt)}</span>
      <span className="col-patient">
        <button
          type="button"
          className="link-button patient-name"
          aria-expanded={selected}
          aria-controls={detailId}
          onClick={(e) => {
            e.stopPropagation();
            onSelect(appt.appointmentId);
          }}
        >
          {appt.patient}
        </button>
        <span className="patient-sub">
          {appt.phone ? f.phone(appt.phone) : 'no phone'}
          {appt.notReached ? (
            <span className="flag-attention"> · not reached</span>
          ) : attention ? (
            <span className="flag-attention"> · needs attention</span>
          ) : null}
          {appt.doNotContact ? <span className="flag-muted"> · do not contact</span> : null}
          {appt.optedOut ? <span className="flag-muted"> · opted out of SMS</span> : null}
        </span>
      </span>
      <span className="col-provider">{appt.provider}</span>
      <span className="col-status">
        <StatusBadge status={appt.status} />
      </span>
      <span className="col-reminders">
        <ReminderTimeline reminders={appt.contacts} day={isoDay(appt.startsAt)} />
      </span>
    </div>
  );
});
