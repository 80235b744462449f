import type { AppointmentStatus } from '../../../shared/domain/types';

export const STATUS_LABEL: Readonly<Record<AppointmentStatus, string>> = {
  booked: 'Not confirmed',
  confirmed: 'Confirmed',
  cancelled: 'Cancelled',
  completed: 'Completed',
  no_show: 'No-show',
};

/** The appointment's status as a small badge. */
export function StatusBadge({ status }: Readonly<{ status: AppointmentStatus }>) {
  return <span className={`badge badge-${status}`}>{STATUS_LABEL[status]}</span>;
}
