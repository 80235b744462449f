import { useCallback, useEffect, useState } from 'react';
import type { ClinicSettings, Templates } from '../../../../shared/domain/dto';
import { ErrorNote } from '../../components/ErrorNote';
import { useApi } from '../../api/ApiContext';
import { useCommand } from '../../hooks/useCommand';
import { useResource } from '../../hooks/useResource';
import { useEngineStatus } from '../shell/engine-status';
import { isSimulate } from '../shell/AppHeader';
import { LimitsEditor } from './LimitsEditor';
import { RulesEditor } from './RulesEditor';

const TEMPLATE_FIELDS: ReadonlyArray<readonly [keyof Templates, string]> = [
  ['sms', 'SMS text'],
  ['voice', 'Call script'],
  ['emailSubject', 'Email subject'],
  ['emailText', 'Email text'],
];

/** Clinic settings; the engine validates on save and its errors are shown as they come. */
export function SettingsScreen() {
  const api = useApi();
  const { status } = useEngineStatus();
  const loaded = useResource(useCallback(() => api.invoke('settings:get', {}), [api]), 'once');
  const secrets = useResource(useCallback(() => api.invoke('secrets:get-status', {}), [api]), 'once');
  const [draft, setDraft] = useState<ClinicSettings | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (loaded.data) setDraft(loaded.data);
  }, [loaded.data]);
  const save = useCommand(useCallback((s: ClinicSettings) => api.invoke('settings:update', { settings: s }), [api]));

  if (!draft) {
    return (
      <div className="screen narrow">
        <h1 className="screen-title">Settings</h1>
        <ErrorNote error={loaded.error} />
        {!loaded.error ? <p role="status">Loading…</p> : null}
      </div>
    );
  }
  const edit = (patch: Partial<ClinicSettings>) => {
    setSaved(false);
    setDraft({ ...draft, ...patch });
  };
  return (
    <form
      className="screen narrow settings"
      onSubmit={(e) => {
        e.preventDefault();
        void save.run(draft).then((r) => {
          if (r.ok) {
            setDraft(r.value);
            setSaved(true);
          }
        });
      }}
    >
      <h1 className="screen-title">Settings</h1>
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
      </fieldset>
      <RulesEditor rules={draft.rules} onChange={(rules) => edit({ rules })} />
      <LimitsEditor limits={draft.limits} onChange={(limits) => edit({ limits })} />
      <fieldset className="fieldset">
        <legend>Message templates</legend>
        <p className="muted">Leave empty to use the built-in wording. Never include the reason for the visit.</p>
        {TEMPLATE_FIELDS.map(([key, label]) => (
          <label key={key} className="field">
            <span>{label}</span>
            <textarea
              rows={key === 'emailSubject' ? 1 : 3}
              value={draft.templates[key] ?? ''}
              onChange={(e) => edit({ templates: { ...draft.templates, [key]: e.target.value || undefined } })}
            />
          </label>
        ))}
      </fieldset>
      <fieldset className="fieldset">
        <legend>Transports</legend>
        <dl className="readonly-list">
          <dt>Sending through</dt>
          <dd>{isSimulate(status?.transport) ? 'Simulate — no one is contacted' : (status?.transport ?? '—')}</dd>
          {secrets.data ? (
            <>
              <dt>Twilio (SMS and calls)</dt>
              <dd>{secrets.data.twilioConfigured ? 'configured' : 'not configured'}</dd>
              <dt>Email (SMTP)</dt>
              <dd>{secrets.data.smtpConfigured ? 'configured' : 'not configured'}</dd>
              {secrets.data.restartRequired ? (
                <>
                  <dt>Note</dt>
                  <dd>Credentials changed: restart the app for them to take effect.</dd>
                </>
              ) : null}
            </>
          ) : (
            <>
              <dt>Credentials</dt>
              <dd>Managed in the desktop app.</dd>
            </>
          )}
        </dl>
      </fieldset>
      <ErrorNote error={save.error} />
      <div className="form-actions sticky-actions">
        <span role="status" className="muted">
          {saved ? 'Saved.' : ''}
        </span>
        <button type="button" className="btn" onClick={() => loaded.data && setDraft(loaded.data)}>
          Discard changes
        </button>
        <button type="submit" className="btn btn-primary" disabled={save.busy}>
          {save.busy ? 'Saving…' : 'Save settings'}
        </button>
      </div>
    </form>
  );
}
