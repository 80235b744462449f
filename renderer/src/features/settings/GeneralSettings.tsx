import { useCallback, useState } from 'react';
import type { ClinicSettings } from '../../../../shared/domain/dto';
import { ErrorNote } from '../../components/ErrorNote';
import { CountriesFields } from './CountriesFields';
import { useApi } from '../../api/ApiContext';
import { useCommand } from '../../hooks/useCommand';
import { LimitsEditor } from './LimitsEditor';
import { RulesEditor } from './RulesEditor';

type General = Omit<ClinicSettings, 'templates'>;

function general(s: ClinicSettings): General {
  const { templates: _templates, ...rest } = s;
  return rest;
}

/** Settings → General: clinic, quiet hours, rules, limits. Templates are saved by the Messages section, not here. */
export function GeneralSettings({ settings }: Readonly<{ settings: ClinicSettings }>) {
  const api = useApi();
  const [base, setBase] = useState<General>(() => general(settings));
  const [draft, setDraft] = useState<General>(base);
  const [saved, setSaved] = useState(false);
  const save = useCommand(useCallback((s: General) => api.invoke('settings:update', { settings: s }), [api]));
  const edit = (patch: Partial<General>) => {
    setSaved(false);
    setDraft({ ...draft, ...patch });
  };
  return (
    <form
      className="settings-panel"
      aria-label="General settings"
      onSubmit={(e) => {
        e.preventDefault();
        void save.run(draft).then((r) => {
          if (r.ok) {
            const next = general(r.value);
            setBase(next);
            setDraft(next);
            setSaved(true);
          }
        });
      }}
    >
      <fieldset className="fieldset">
        <legend>Clinic</legend>
        <div className="grid-fields">
          <label className="field">
            <span>Clinic name</span>
            <input value={draft.name} onChange={(e) => edit({ name: e.target.value })} />
          </label>
          <label className="field">
            <span>Clinic phone</span>
            <input type="tel" value={draft.phone} onChange={(e) => edit({ phone: e.target.value })} />
          </label>
          <label className="field">
            <span>Time zone</span>
            <input value={draft.timezone} placeholder="e.g. America/New_York" onChange={(e) => edit({ timezone: e.target.value })} />
          </label>
          <label className="field">
            <span>SMS and calls from</span>
            <input type="time" value={draft.sendFrom} onChange={(e) => edit({ sendFrom: e.target.value })} />
          </label>
          <label className="field">
            <span>SMS and calls until</span>
            <input type="time" value={draft.sendUntil} onChange={(e) => edit({ sendUntil: e.target.value })} />
          </label>
        </div>
        <CountriesFields
          value={{ country: draft.country, allowedCountries: draft.allowedCountries }}
          onChange={(next) => edit({ country: next.country, allowedCountries: next.allowedCountries ? [...next.allowedCountries] : undefined })}
        />
      </fieldset>
      <RulesEditor rules={draft.rules} onChange={(rules) => edit({ rules })} />
      <LimitsEditor limits={draft.limits} onChange={(limits) => edit({ limits })} />
      <div className="action-bar">
        <ErrorNote error={save.error} />
        <div className="form-actions">
          <span role="status" className="muted">
            {saved ? 'Saved.' : ''}
          </span>
          <button
            type="button"
            className="btn"
            onClick={() => {
              setDraft(base);
              save.clearError();
            }}
          >
            Discard changes
          </button>
          <button type="submit" className="btn btn-primary" disabled={save.busy}>
            {save.busy ? 'Saving…' : 'Save settings'}
          </button>
        </div>
      </div>
    </form>
  );
}
