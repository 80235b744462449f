import type { Rule } from '../../../../shared/domain/dto';
import { ChannelSchema, type Channel } from '../../../../shared/domain/types';
import { CHANNEL_LABEL } from '../../components/format';

type Props = Readonly<{ rules: readonly Rule[]; onChange: (rules: Rule[]) => void }>;

/** Reminder rules: channel, how long before, only if unconfirmed, enabled. The engine validates on save. */
export function RulesEditor({ rules, onChange }: Props) {
  const set = (i: number, patch: Partial<Rule>) => onChange(rules.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="fieldset">
      <legend>Reminder rules</legend>
      <table className="data-table rules-table">
        <thead>
          <tr>
            <th scope="col">Rule</th>
            <th scope="col">Channel</th>
            <th scope="col">Hours before</th>
            <th scope="col">Only if unconfirmed</th>
            <th scope="col">Enabled</th>
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rules.map((r, i) => (
            <tr key={i}>
              <td>
                <input aria-label={`Rule ${i + 1} id`} value={r.id} onChange={(e) => set(i, { id: e.target.value })} size={12} />
              </td>
              <td>
                <select
                  aria-label={`Rule ${i + 1} channel`}
                  value={r.channel}
                  onChange={(e) => set(i, { channel: e.target.value as Channel })}
                >
                  {ChannelSchema.options.map((c) => (
                    <option key={c} value={c}>
                      {CHANNEL_LABEL[c]}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <input
                  aria-label={`Rule ${i + 1} hours before`}
                  type="number"
                  min={0}
                  step={0.25}
                  value={r.offsetMinutes / 60}
                  onChange={(e) => set(i, { offsetMinutes: Math.round(Number(e.target.value) * 60) })}
                />
              </td>
              <td>
                <input
                  aria-label={`Rule ${i + 1} only if unconfirmed`}
                  type="checkbox"
                  checked={r.onlyIfUnconfirmed}
                  onChange={(e) => set(i, { onlyIfUnconfirmed: e.target.checked })}
                />
              </td>
              <td>
                <input
                  aria-label={`Rule ${i + 1} enabled`}
                  type="checkbox"
                  checked={r.enabled}
                  onChange={(e) => set(i, { enabled: e.target.checked })}
                />
              </td>
              <td>
                <button type="button" className="btn btn-quiet" onClick={() => onChange(rules.filter((_, j) => j !== i))}>
                  Remove<span className="visually-hidden"> rule {r.id}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        className="btn"
        onClick={() =>
          onChange([
            ...rules,
            { id: `rule-${rules.length + 1}`, channel: 'sms', offsetMinutes: 24 * 60, onlyIfUnconfirmed: true, enabled: false },
          ])
        }
      >
        Add rule
      </button>
    </fieldset>
  );
}
