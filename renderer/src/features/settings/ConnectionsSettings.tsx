import { useCallback } from 'react';
import { ErrorNote } from '../../components/ErrorNote';
import { useApi } from '../../api/ApiContext';
import { useResource } from '../../hooks/useResource';
import { useEngineStatus } from '../shell/engine-status';
import { isSimulate } from '../shell/AppHeader';
import { CredentialsForm } from './CredentialsForm';
import { TestMessageForm } from './TestMessageForm';

export const DESKTOP_ONLY = 'Credentials can be set only in the desktop app, on the computer at the front desk.';
export const UNREADABLE = 'Stored credentials could not be read — sending is paused until they are re-entered.';

/** Settings → Connections: how reminders leave the building, the write-only credentials, and a test message. */
export function ConnectionsSettings() {
  const api = useApi();
  const { status } = useEngineStatus();
  const secrets = useResource(
    useCallback(() => api.invoke('secrets:get-status', {}), [api]),
    'once',
  );
  const simulate = isSimulate(status?.transport);
  const unavailable = secrets.error?.code === 'UNAVAILABLE';
  const unreadable = secrets.data?.unreadable === true;
  const configured = (yes: boolean | undefined) =>
    unreadable ? 'Could not be read' : yes === undefined ? '—' : yes ? 'Configured' : 'Not configured';
  return (
    <div className="settings-panel">
      <p className="intro">
        Without Twilio or email credentials, Frontdesk runs in simulate mode: it keeps a record of every reminder it would send and contacts
        nobody.
      </p>
      {unreadable ? (
        <div className="note-paused" role="alert">
          <strong>{UNREADABLE}</strong> This happens when the computer's keychain was reset or Frontdesk runs under another user account.
          Nothing is sent, not even in simulate mode, until you enter the credentials again below and restart Frontdesk.
        </div>
      ) : null}
      <fieldset className="fieldset">
        <legend>In use</legend>
        <dl className="readonly-list">
          <dt>Sending through</dt>
          <dd>{status ? (simulate ? 'Simulate — no one is contacted' : status.transport) : '—'}</dd>
          <dt>Twilio (SMS and calls)</dt>
          <dd>{unavailable ? 'Shown only in the desktop app' : configured(secrets.data?.twilioConfigured)}</dd>
          <dt>Email (SMTP)</dt>
          <dd>{unavailable ? 'Shown only in the desktop app' : configured(secrets.data?.smtpConfigured)}</dd>
        </dl>
        <p className="muted small">
          For SMS to US numbers, Twilio requires 10DLC carrier registration of your clinic and its number; until it is approved, carriers
          may block the texts.
        </p>
        {secrets.data?.restartRequired ? (
          <p className="note-info">Credentials were changed: they take effect after the app restarts.</p>
        ) : null}
      </fieldset>
      <fieldset className="fieldset">
        <legend>Credentials</legend>
        {unavailable ? (
          <p className="note-info" role="note">
            {DESKTOP_ONLY}
          </p>
        ) : secrets.data ? (
          <CredentialsForm onSaved={secrets.replace} reenterAll={unreadable} />
        ) : (
          <>
            <ErrorNote error={secrets.error} />
            {!secrets.error ? <p role="status">Loading…</p> : null}
          </>
        )}
      </fieldset>
      <TestMessageForm />
    </div>
  );
}
