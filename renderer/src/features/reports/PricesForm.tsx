import { useCallback, useState, type ChangeEvent, type FormEvent } from 'react';
import type { ReportSettings } from '../../../../shared/domain/reports';
import { useApi } from '../../api/ApiContext';
import { ErrorNote } from '../../components/ErrorNote';
import { useCommand } from '../../hooks/useCommand';
import { useResource } from '../../hooks/useResource';

/** The cost estimate's prices and the daily summary's time (report settings). */
export function PricesForm({ onClose }: Readonly<{ onClose: (saved: boolean) => void }>) {
  const api = useApi();
  const load = useCallback(() => api.invoke('reports:get-settings'), [api]);
  const { data, error } = useResource(load, 'report-settings');
  const save = useCommand(useCallback((next: ReportSettings) => api.invoke('reports:update-settings', next), [api]));
  const [draft, setDraft] = useState<ReportSettings | null>(null);
  const current = draft ?? data;
  if (!current) return <ErrorNote error={error} />;
  const price = (key: keyof ReportSettings['prices']) => (e: ChangeEvent<HTMLInputElement>) =>
    setDraft({
      ...current,
      prices: { ...current.prices, [key]: key === 'currency' ? e.target.value.toUpperCase() : Number(e.target.value) },
    });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await save.run(current);
    if (r.ok) onClose(true);
  };
  return (
    <form className="fieldset prices-form" onSubmit={(e) => void submit(e)} aria-label="Prices and summary time">
      <div className="grid-fields">
        <label className="field">
          Currency
          <input value={current.prices.currency} maxLength={3} onChange={price('currency')} />
        </label>
        <label className="field">
          Per text segment
          <input type="number" step="0.0001" min="0" value={current.prices.smsPerSegment} onChange={price('smsPerSegment')} />
        </label>
        <label className="field">
          Per call minute
          <input type="number" step="0.0001" min="0" value={current.prices.voicePerMinute} onChange={price('voicePerMinute')} />
        </label>
        <label className="field">
          Minutes billed per call
          <input type="number" step="1" min="1" value={current.prices.voiceMinutesPerCall} onChange={price('voiceMinutesPerCall')} />
        </label>
        <label className="field">
          Per email
          <input type="number" step="0.0001" min="0" value={current.prices.emailPerMessage} onChange={price('emailPerMessage')} />
        </label>
        <label className="field">
          Daily summary at (empty: when sending ends)
          <input
            type="time"
            value={current.summaryAt ?? ''}
            onChange={(e) => setDraft({ ...current, summaryAt: e.target.value === '' ? null : e.target.value })}
          />
        </label>
      </div>
      <ErrorNote error={save.error} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={save.busy}>
          Save prices
        </button>
        <button type="button" className="btn" onClick={() => onClose(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
