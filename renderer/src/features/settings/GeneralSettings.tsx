import { useCallback, useState } from 'react';
import type { SettingsFinding } from '../../../../shared/api/contract';
import type { ClinicSettings } from '../../../../shared/domain/dto';
import { ErrorNote } from '../../components/ErrorNote';
import { CountriesFields } from './CountriesFields';
import { DeskHoursFields } from '../coverage/DeskHoursFields';
import { useApi } from '../../api/ApiContext';
import { useCommand } from '../../hooks/useCommand';
import { LimitsEditor } from './LimitsEditor';
import { RulesEditor } from './RulesEditor';
import { ConfirmUnsafeSettings, RefusedSettings } from './UnsafeSettings';

type General = Omit<ClinicSettings, 'templates'>;

function general(s: ClinicSettings): General {
  const { templates: _templates, ...rest } = s;
  return rest;
}

/**
 * Settings → General: clinic, quiet hours, rules, limits. Templates are saved by the Messages section, not here.
 * Before saving, the engine says what it would refuse (shown, not saved) or wants confirmed (asked in a dialog).
 */
export function GeneralSettings({ settings }: Readonly<{ settings: ClinicSettings }>) {
  const api = useApi();
  const [base, setBase] = useState<General>(() => general(settings));
  const [draft, setDraft] = useState<General>(base);
  const [saved, setSaved] = useState(false);
  const [refused, setRefused] = useState<readonly SettingsFinding[]>([]);
  const [toConfirm, setToConfirm] = useState<readonly SettingsFinding[]>([]);
  const check = useCommand(useCallback((s: General) => api.invoke('settings:check-safety', { settings: s }), [api]));
  const save = useCommand(
    useCallback(
      (s: General, confirmUnsafe?: string[]) => api.invoke('settings:update', { settings: s, ...(confirmUnsafe ? { confirmUnsafe } : {}) }),
      [api],
    ),
  );
  const edit = (patch: Partial<General>) => {
    setSaved(false);
    setRefused([]);
    setDraft({ ...draft, ...patch });
  };
  const commit = async (confirmUnsafe?: string[]) => {
    const r = await save.run(draft, confirmUnsafe);
    setToConfirm([]);
    if (!r.ok) return;
    const next = general(r.value);
    setBase(next);
    setDraft(next);
    setSaved(true);
  };
  const submit = async () => {
    setRefused([]);
    const r = await check.run(draft);
    if (!r.ok) return;
    if (r.value.refused.length > 0) setRefused(r.value.refused);
    else if (r.value.needsConfirmation.length > 0) setToConfirm(r.value.needsConfirmation);
    else await commit();
  };
  return (
    <form
      className="settings-panel"
      aria-label="General settings"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
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
          onChange={(next) =>
            edit({ country: next.country, allowedCountries: next.allowedCountries ? [...next.allowedCountries] : undefined })
          }
        />
        <DeskHoursFields value={{ deskHours: draft.deskHours, emailEarlyHours: draft.emailEarlyHours }} onChange={(next) => edit(next)} />
      </fieldset>
      <RulesEditor rules={draft.rules} onChange={(rules) => edit({ rules })} />
      <LimitsEditor limits={draft.limits} onChange={(limits) => edit({ limits })} />
      <div className="action-bar">
        <RefusedSettings findings={refused} />
        <ErrorNote error={check.error ?? save.error} />
        <div className="form-actions">
          <span role="status" className="muted">
            {saved ? 'Saved.' : ''}
          </span>
          <button
            type="button"
            className="btn"
            onClick={() => {
              setDraft(base);
              setRefused([]);
              save.clearError();
              check.clearError();
            }}
          >
            Discard changes
          </button>
          <button type="submit" className="btn btn-primary" disabled={save.busy || check.busy}>
            {save.busy ? 'Saving…' : 'Save settings'}
          </button>
        </div>
      </div>
      {toConfirm.length > 0 ? (
        <ConfirmUnsafeSettings
          findings={toConfirm}
          busy={save.busy}
          onCancel={() => setToConfirm([])}
          onConfirm={() => void commit(toConfirm.map((f) => f.setting))}
        />
      ) : null}
    </form>
  );
}
