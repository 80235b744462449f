import { useMemo, useState } from 'react';
import type { CoverageItem } from '../../../../shared/domain/coverage';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorNote } from '../../components/ErrorNote';
import { CHANNEL_LABEL, formatInstant } from '../../components/format';
import { useEngineStatus } from '../shell/engine-status';
import { deskHoursNote, plural } from './coverage-text';
import { useCoverage } from './useCoverage';

const HOURS = [24, 72, 168] as const;

function remedy(item: CoverageItem): string {
  switch (item.channel) {
    case 'email':
      return 'Goes early if email early is on (Settings)';
    case 'sms':
      return 'Send ahead, or keep this computer on';
    case 'voice':
      return 'Calls cannot be sent ahead: keep this computer on, or phone the patient';
    default: {
      const never: never = item.channel;
      throw new Error(`unknown channel ${String(never)}`);
    }
  }
}

function coverageColumns(tz: string | undefined): Column<CoverageItem>[] {
  return [
    { header: 'Due', cell: (r) => formatInstant(r.dueAt, tz), sorted: 'ascending' },
    { header: 'How', cell: (r) => CHANNEL_LABEL[r.channel] },
    { header: 'Patient', cell: (r) => r.patient },
    {
      header: 'Appointment',
      cell: (r) => (
        <>
          {formatInstant(r.startsAt, tz)} <span className="muted">#{r.appointment}</span>
        </>
      ),
    },
    { header: 'Why it is at risk', cell: (r) => r.reason },
    { header: 'What to do', cell: (r) => remedy(r) },
  ];
}

/** Reminders due while this computer is expected to be off (docs/coverage.md), with the reason for each. */
export function CoverageScreen() {
  const { status } = useEngineStatus();
  const tz = status?.timezone;
  const [hours, setHours] = useState<number>(72);
  const { data, error } = useCoverage(hours);
  const columns = useMemo(() => coverageColumns(tz), [tz]);
  const items = data?.items ?? [];
  return (
    <div className="screen">
      <div className="toolbar">
        <h1 className="screen-title">Coverage</h1>
        <div className="field-inline">
          <label htmlFor="coverage-hours">In the next</label>
          <select id="coverage-hours" value={hours} onChange={(e) => setHours(Number(e.target.value))}>
            {HOURS.map((h) => (
              <option key={h} value={h}>
                {h} hours
              </option>
            ))}
          </select>
        </div>
      </div>
      <ErrorNote error={error} />
      {data ? (
        <>
          <p className="muted">{deskHoursNote(data.deskHours, data.deskHoursSource)}</p>
          <p className="summary" aria-live="polite">
            {items.length === 0
              ? `Nothing is due while this computer is expected to be off in the next ${hours} hours.`
              : `${plural(items.length, 'reminder')} will not go out unless this computer is on when the desk is usually closed${
                  data.nextOffAt ? ` (next closing ${formatInstant(data.nextOffAt, tz)})` : ''
                }.`}
          </p>
        </>
      ) : (
        <p role="status">Loading…</p>
      )}
      {items.length > 0 ? (
        <DataTable caption="Reminders at risk, soonest first" columns={columns} rows={items} rowKey={(r) => String(r.outboxId)} />
      ) : null}
    </div>
  );
}
