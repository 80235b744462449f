import { useCallback, useState } from 'react';
import type { TodayAppointment } from '../../../../shared/domain/dto';
import { ErrorNote } from '../../components/ErrorNote';
import { Modal } from '../../components/Modal';
import { describeReminder } from '../../components/ReminderChip';
import { StatusBadge } from '../../components/StatusBadge';
import { CHANNEL_LABEL, clockTime, isoDay, shortDay, whenRelativeTo } from '../../components/format';
import { useApi } from '../../api/ApiContext';
import { useCommand } from '../../hooks/useCommand';
import { FixPhoneForm } from './FixPhoneForm';
import { useOfferUndo } from '../staff/undo';

type Props = Readonly<{ id: string; appt: TodayAppointment; onChanged: () => void; onClose: () => void }>;

/** The selected appointment: its full reminder timeline with reasons, and the front-desk actions. */
export function AppointmentDetail({ id, appt, onChanged, onClose }: Props) {
  const api = useApi();
  const [fixing, setFixing] = useState(false);
  const [askCancel, setAskCancel] = useState(false);
  const offerUndo = useOfferUndo();
  const confirm = useCommand(
    useCallback(() => api.invoke('appointments:confirm', { appointment: appt.appointment }), [api, appt.appointment]),
  );
  const cancel = useCommand(
    useCallback(() => api.invoke('appointments:cancel', { appointment: appt.appointment }), [api, appt.appointment]),
  );
  const dnc = useCommand(
    useCallback(
      (value: boolean) => api.invoke('patients:set-do-not-contact', { patientId: appt.patientId, doNotContact: value }),
      [api, appt.patientId],
    ),
  );
  const day = isoDay(appt.startsAt);
  const closed = appt.status === 'cancelled' || appt.status === 'completed' || appt.status === 'no_show';

  return (
    <section id={id} className="detail" aria-labelledby={`${id}-title`}>
      <div className="detail-head">
        <h2 id={`${id}-title`}>{appt.patient}</h2>
        <button type="button" className="btn btn-quiet" onClick={onClose} aria-label="Close details">
          ✕
        </button>
      </div>
      <p className="detail-when">
        {shortDay(day)} at {clockTime(appt.startsAt)} · {appt.durationMin} min · {appt.provider}
      </p>
      <p>
        <StatusBadge status={appt.status} /> <span className="muted">#{appt.appointment}</span>
      </p>
      <dl className="detail-contact">
        <dt>Phone</dt>
        <dd>
          {appt.phone ?? 'none'}
          {appt.phoneInvalid ? <span className="flag-attention"> — {appt.phoneInvalid}</span> : null}
          {appt.optedOut ? <span className="flag-muted"> — opted out of SMS and calls</span> : null}
        </dd>
        <dt>Email</dt>
        <dd>{appt.email ?? 'none'}</dd>
      </dl>

      <div className="detail-actions">
        <button
          type="button"
          className="btn btn-primary"
          disabled={confirm.busy || closed || appt.status === 'confirmed'}
          onClick={() =>
            void confirm.run().then((r) => {
              if (!r.ok) return;
              offerUndo(r.value, 'Confirmed');
              onChanged();
            })
          }
        >
          {appt.status === 'confirmed' ? 'Confirmed' : 'Confirm'}
        </button>
        <button type="button" className="btn" disabled={closed} onClick={() => setAskCancel(true)}>
          Cancel appointment
        </button>
        <button type="button" className="btn" aria-expanded={fixing} onClick={() => setFixing((f) => !f)}>
          Fix phone number
        </button>
      </div>
      <ErrorNote error={confirm.error} />
      {fixing ? (
        <FixPhoneForm
          appt={appt}
          onDone={(saved) => {
            setFixing(false);
            if (saved) onChanged();
          }}
        />
      ) : null}
      <label className="toggle">
        <input
          type="checkbox"
          checked={appt.doNotContact}
          disabled={dnc.busy}
          onChange={(e) => void dnc.run(e.target.checked).then((r) => r.ok && onChanged())}
        />
        <span>Do not contact this patient</span>
      </label>
      <ErrorNote error={dnc.error} />

      <h3>Reminders</h3>
      {appt.contacts.length === 0 ? <p className="muted">No reminders for this appointment.</p> : null}
      <ol className="detail-timeline">
        {appt.contacts.map((r) => {
          const v = describeReminder(r, day);
          return (
            <li key={r.outboxId} className={`step step-${v.tone}`}>
              <span className="step-channel">{CHANNEL_LABEL[r.channel]}</span>
              <span className="step-text">
                {v.text}
                {v.why ? <span className="step-why">{v.why}</span> : null}
              </span>
              <span className="step-meta muted">
                to {r.to}
                {r.state === 'pending' ? ` · window closes ${whenRelativeTo(r.expiresAt, day)}` : ''}
              </span>
            </li>
          );
        })}
      </ol>

      {askCancel ? (
        <Modal
          title="Cancel this appointment?"
          onClose={() => setAskCancel(false)}
          actions={
            <>
              <button type="button" className="btn" data-autofocus onClick={() => setAskCancel(false)}>
                Keep appointment
              </button>
              <button
                type="button"
                className="btn btn-danger"
                disabled={cancel.busy}
                onClick={() =>
                  void cancel.run().then((r) => {
                    if (r.ok) {
                      setAskCancel(false);
                      offerUndo(r.value, 'Cancelled');
                      onChanged();
                    }
                  })
                }
              >
                Cancel appointment
              </button>
            </>
          }
        >
          <p>
            {appt.patient}, {shortDay(day)} at {clockTime(appt.startsAt)} with {appt.provider}. Reminders not yet sent will be stopped.
          </p>
          <ErrorNote error={cancel.error} />
        </Modal>
      ) : null}
    </section>
  );
}
