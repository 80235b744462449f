import type { Limits } from '../../../../shared/domain/dto';

const FIELDS: ReadonlyArray<readonly [keyof Limits, string]> = [
  ['smsOrCallPerDay', 'SMS or calls per number per day'],
  ['smsOrCallPerWeek', 'SMS or calls per number per 7 days'],
  ['callsPerAppointment', 'Calls per appointment'],
  ['smsPerMinute', 'SMS per minute (all patients)'],
  ['callsPerMinute', 'Calls per minute (all patients)'],
  ['emailsPerMinute', 'Emails per minute (all patients)'],
  ['breakerFactor', 'Safety breaker: pause when due exceeds expected ×'],
  ['breakerMinDue', 'Safety breaker: allowance above expected'],
  ['breakerMaxDuePerRecipient', 'Safety breaker: most due at once for one number'],
  ['lastStepCutoffMinutes', 'Last reminder stops this many minutes before'],
];

/** Contact budgets, rate limits and breaker thresholds as number fields. */
export function LimitsEditor({ limits, onChange }: Readonly<{ limits: Limits; onChange: (l: Limits) => void }>) {
  return (
    <fieldset className="fieldset">
      <legend>Limits and budgets</legend>
      <div className="grid-fields">
        {FIELDS.map(([key, label]) => (
          <label key={key} className="field">
            <span>{label}</span>
            <input
              type="number"
              min={0}
              step={key === 'breakerFactor' ? 0.5 : 1}
              value={limits[key]}
              onChange={(e) => onChange({ ...limits, [key]: Number(e.target.value) })}
            />
          </label>
        ))}
      </div>
    </fieldset>
  );
}
