import { useCallback, useState } from 'react';
import type { SecretInput, SecretStatus } from '../../../../shared/api/contract';
import { ErrorNote } from '../../components/ErrorNote';
import { useApi } from '../../api/ApiContext';
import { useCommand } from '../../hooks/useCommand';

type Key = keyof SecretInput;

const FIELDS: ReadonlyArray<Readonly<{ key: Key; label: string; type: 'text' | 'password' | 'tel' | 'email'; placeholder: string }>> = [
  { key: 'twilioAccountSid', label: 'Twilio Account SID', type: 'text', placeholder: 'AC…' },
  { key: 'twilioAuthToken', label: 'Twilio Auth token', type: 'password', placeholder: '' },
  { key: 'twilioFrom', label: 'Twilio From number', type: 'tel', placeholder: '+1 212 555 0100' },
  {
    key: 'twilioMessagingServiceSid',
    label: 'Twilio Messaging Service SID (send ahead when the desk is off)',
    type: 'text',
    placeholder: 'MG…',
  },
  { key: 'smtpUrl', label: 'SMTP URL', type: 'password', placeholder: 'smtps://user:password@smtp.example.com:465' },
  { key: 'emailFrom', label: 'Email From', type: 'email', placeholder: 'reminders@yourclinic.com' },
];

const EMPTY: Record<Key, string> = {
  twilioAccountSid: '',
  twilioAuthToken: '',
  twilioFrom: '',
  twilioMessagingServiceSid: '',
  smtpUrl: '',
  emailFrom: '',
};
const ALL_CLEARED: Required<SecretInput> = {
  twilioAccountSid: null,
  twilioAuthToken: null,
  twilioFrom: null,
  twilioMessagingServiceSid: null,
  smtpUrl: null,
  emailFrom: null,
};

/**
 * Write-only credentials: the fields start empty and are emptied again after saving; stored values
 * are never read back. Only the fields the user filled are sent, so the others keep their value.
 * `reenterAll` (the stored file could not be read): every field is sent, empty ones as null, because
 * the engine refuses a partial save that would lose the credentials it cannot read.
 */
export function CredentialsForm({
  onSaved,
  reenterAll = false,
}: Readonly<{ onSaved: (status: SecretStatus) => void; reenterAll?: boolean }>) {
  const api = useApi();
  const [values, setValues] = useState<Record<Key, string>>(EMPTY);
  const [result, setResult] = useState<SecretStatus | null>(null);
  const save = useCommand(useCallback((input: SecretInput) => api.invoke('secrets:set', input), [api]));
  const filled: SecretInput = {};
  for (const { key } of FIELDS) if (values[key].trim() !== '') filled[key] = values[key].trim();
  const nothing = Object.keys(filled).length === 0;
  const request: SecretInput = reenterAll ? { ...ALL_CLEARED, ...filled } : filled;
  return (
    <form
      className="credentials-form"
      aria-label="Credentials"
      autoComplete="off"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (nothing) return;
        void save.run(request).then((r) => {
          if (!r.ok) return;
          setValues(EMPTY);
          setResult(r.value);
          onSaved(r.value);
        });
      }}
    >
      {reenterAll ? (
        <p className="muted">
          Enter every credential you use. Fields you leave empty will be cleared, because the stored ones cannot be read.
        </p>
      ) : (
        <p className="muted">Stored values are never shown. Fill in only what you want to change; empty fields keep what is stored.</p>
      )}
      <div className="grid-fields">
        {FIELDS.map(({ key, label, type, placeholder }) => (
          <label key={key} className="field">
            <span>{label}</span>
            <input
              type={type}
              value={values[key]}
              placeholder={placeholder}
              autoComplete={type === 'password' ? 'new-password' : 'off'}
              spellCheck={false}
              onChange={(e) => {
                setResult(null);
                setValues((v) => ({ ...v, [key]: e.target.value }));
              }}
            />
          </label>
        ))}
      </div>
      <ErrorNote error={save.error} />
      <div className="form-actions">
        <span role="status" className="muted">
          {result ? (result.restartRequired ? 'Saved — takes effect after restart.' : 'Saved.') : ''}
        </span>
        <button type="submit" className="btn btn-primary" disabled={save.busy || nothing}>
          {save.busy ? 'Saving…' : 'Save credentials'}
        </button>
      </div>
    </form>
  );
}
