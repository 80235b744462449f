import type { ClinicSettings } from '../../../../shared/domain/dto';

type Value = Pick<ClinicSettings, 'deskHours' | 'emailEarlyHours'>;

/**
 * Settings → General: when this computer is expected to be on, and how early an email at risk may go
 * (docs/coverage.md). Empty desk hours = learn them from when Frontdesk runs. The engine checks the text on save.
 */
export function DeskHoursFields({ value, onChange }: Readonly<{ value: Value; onChange: (next: Value) => void }>) {
  return (
    <div className="grid-fields">
      <label className="field">
        <span>Desk hours (this computer is on)</span>
        <input
          value={value.deskHours ?? ''}
          placeholder="Learned from use, e.g. Mon-Fri 07:30-18:00, Sat 09:00-13:00"
          onChange={(e) => onChange({ ...value, deskHours: e.target.value.trim() === '' ? null : e.target.value })}
        />
      </label>
      <label className="field">
        <span>Emails at risk may go early by (hours, 0 = never)</span>
        <input
          type="number"
          min={0}
          max={24}
          value={value.emailEarlyHours ?? 24}
          onChange={(e) => onChange({ ...value, emailEarlyHours: Math.max(0, Math.min(24, Math.round(Number(e.target.value) || 0))) })}
        />
      </label>
    </div>
  );
}
