import { useCallback, useState } from 'react';
import type { TestMessageResult } from '../../../../shared/domain/dto';
import type { Channel } from '../../../../shared/domain/types';
import { ErrorNote } from '../../components/ErrorNote';
import { CHANNEL_LABEL } from '../../components/format';
import { useApi } from '../../api/ApiContext';
import { useCommand } from '../../hooks/useCommand';

const TO_LABEL: Record<Channel, string> = { sms: 'Your mobile number', voice: 'Your phone number', email: 'Your email address' };
const TO_PLACEHOLDER: Record<Channel, string> = { sms: '(212) 555-0199', voice: '(212) 555-0199', email: 'you@yourclinic.com' };

function describe(r: TestMessageResult): string {
  const id = r.providerId ? ` (id ${r.providerId})` : '';
  switch (r.outcome) {
    case 'sent':
      return `Sent to ${r.to}${id}.`;
    case 'simulated':
      return `Simulated — recorded for ${r.to}, no one was contacted${id}.`;
    case 'failed':
      return `Not sent: ${r.error ?? 'the provider refused it'}`;
    case 'unknown':
      return `Outcome unknown: ${r.error ?? 'no answer from the provider'}`;
  }
}

/** "Send a test message" to the receptionist's own phone or address, through the transport in use. */
export function TestMessageForm() {
  const api = useApi();
  const [channel, setChannel] = useState<Channel>('sms');
  const [to, setTo] = useState('');
  const [result, setResult] = useState<TestMessageResult | null>(null);
  const send = useCommand(
    useCallback((c: Channel, address: string) => api.invoke('settings:send-test-message', { channel: c, to: address }), [api]),
  );
  const error = send.error?.code === 'PAUSED' ? { ...send.error, message: 'Sending is paused — resume first.' } : send.error;
  const reset = () => {
    setResult(null);
    send.clearError();
  };
  const failed = result !== null && (result.outcome === 'failed' || result.outcome === 'unknown');
  return (
    <form
      className="test-message"
      aria-label="Send a test message"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setResult(null);
        void send.run(channel, to.trim()).then((r) => {
          if (r.ok) setResult(r.value);
        });
      }}
    >
      <fieldset className="fieldset">
        <legend>Send a test message</legend>
        <p className="muted">Sends the reminder wording, marked [Test], to you — never to a patient.</p>
        <div className="test-message-row">
          <label className="field">
            <span>Channel</span>
            <select
              value={channel}
              onChange={(e) => {
                setChannel(e.target.value as Channel);
                reset();
              }}
            >
              {(['sms', 'voice', 'email'] as const).map((c) => (
                <option key={c} value={c}>
                  {CHANNEL_LABEL[c]}
                </option>
              ))}
            </select>
          </label>
          <label className="field grow">
            <span>{TO_LABEL[channel]}</span>
            <input
              type={channel === 'email' ? 'email' : 'tel'}
              value={to}
              placeholder={TO_PLACEHOLDER[channel]}
              onChange={(e) => {
                setTo(e.target.value);
                reset();
              }}
            />
          </label>
          <button type="submit" className="btn" disabled={send.busy || to.trim() === ''}>
            {send.busy ? 'Sending…' : 'Send test message'}
          </button>
        </div>
        <ErrorNote error={error} />
        <p role="status" className={result ? (failed ? 'test-result test-result-bad' : 'test-result') : 'test-result-empty'}>
          {result ? describe(result) : ''}
        </p>
      </fieldset>
    </form>
  );
}
