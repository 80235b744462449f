import { useCallback, useEffect, useRef, useState } from 'react';
import type { TodayAppointment } from '../../../../shared/domain/dto';
import { ErrorNote } from '../../components/ErrorNote';
import { Modal } from '../../components/Modal';
import { describeReminder } from '../../components/ReminderChip';
import { StatusBadge } from '../../components/StatusBadge';
import { CHANNEL_LABEL, isoDay } from '../../components/format';
import { useApi } from '../../api/ApiContext';
import { useCommand } from '../../hooks/useCommand';
import { useFormats } from '../../hooks/locale-formats';
import { useOfflineReason } from '../shell/connection';
import { FixPhoneForm } from './FixPhoneForm';
import { useOfferUndo } from '../staff/undo';

type Props = Readonly<{ id: string; appt: TodayAppointment; onChanged: () => void; onClose: () => void }>;

/**
 * The selected appointment: its full reminder timeline with reasons, and the front-desk actions. Focus moves
 * to its heading when it opens; Escape closes it (the screen puts focus back on the row: docs/desk-ui.md#keyboard).
 */
export function AppointmentDetail({ id, appt, onChanged, onClose }: Props) {
  const api = useApi();
  const f = useFormats();
  const offline = useOfflineReason();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
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
    <section
      id={id}
      className="detail"
      aria-labelledby={`${id}-title`}
      onKeyDown={(e) => {
        // An open dialog handles its own Escape (and stops it).
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div className="detail-head">
        <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
          {appt.patient}
        </h2>
        <button type="button" className="btn btn-quiet" onClick={onClose} aria-label="Close details">
          ✕
        </button>
      </div>
      <p className="detail-when">
        {f.day(day)} at {f.time(appt.startsAt)} · {appt.durationMin} min · {appt.provider}
      </p>
      {appt.notReached ? (
        <p className="note-attention" data-testid="not-reached">
          <strong>Will not be reached by text or call:</strong> {appt.notReached}
        </p>
      ) : null}
      <p>
        <StatusBadge status={appt.status} /> <span className="muted">#{appt.appointment}</span>
      </p>
      <dl className="detail-contact">
        <dt>Phone</dt>
        <dd>
          {appt.phone ? f.phone(appt.phone) : 'none'}
          {appt.phoneInvalid ? <span className="flag-attention"> — {appt.phoneInvalid}</span> : null}
          {appt.optedOut ? <span className="flag-muted"> — opted out of SMS and calls</span> : null}
        </dd>
        <dt>Email</dt>
        <dd>{appt.email ?? 'none'}</dd>
      </dl>

      <div className="detail-actions">
        {/* aria-disabled, not disabled, once confirmed: the button keeps keyboard focus after the click. */}
        <button
          type="button"
          className="btn btn-primary"
          disabled={closed || offline !== null}
          aria-disabled={confirm.busy || appt.status === 'confirmed' ? true : undefined}
          title={offline ?? undefined}
          onClick={() => {
            if (confirm.busy || appt.status === 'confirmed') return;
            void confirm.run().then((r) => {
              if (!r.ok) return;
              offerUndo(r.value, 'Confirmed');
              onChanged();
            });
          }}
        >
          {appt.status === 'confirmed' ? 'Confirmed' : 'Confirm'}
        </button>
        <button
          type="button"
          className="btn"
          disabled={closed || offline !== null}
          title={offline ?? undefined}
          onClick={() => setAskCancel(true)}
        >
          Cancel appointment
        </button>
        <button
          type="button"
          className="btn"
          aria-expanded={fixing}
          disabled={offline !== null}
          title={offline ?? undefined}
          onClick={() => setFixing((x) => !x)}
        >
          Fix phone number
        </button>
      </div>
      {offline ? <p className="muted">{offline}: these actions come back when it answers.</p> : null}
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
          disabled={dnc.busy || offline !== null}
          onChange={(e) => void dnc.run(e.target.checked).then((r) => r.ok && onChanged())}
        />
        <span>Do not contact this patient</span>
      </label>
      <ErrorNote error={dnc.error} />

      <h3>Reminders</h3>
      {appt.contacts.length === 0 ? <p className="muted">No reminders for this appointment.</p> : null}
      <ol className="detail-timeline">
        {appt.contacts.map((r) => {
          const v = describeReminder(r, day, f);
          return (
            <li key={r.outboxId} className={`step step-${v.tone}`}>
              <span className="step-channel">{CHANNEL_LABEL[r.channel]}</span>
              <span className="step-text">
                {v.text}
                {v.why ? <span className="step-why">{v.why}</span> : null}
              </span>
              <span className="step-meta muted">
                to {r.channel === 'email' ? r.to : f.phone(r.to)}
                {r.state === 'pending' ? ` · window closes ${f.when(r.expiresAt, day)}` : ''}
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
            {appt.patient}, {f.day(day)} at {f.time(appt.startsAt)} with {appt.provider}. Reminders not yet sent will be stopped.
          </p>
          <ErrorNote error={cancel.error} />
        </Modal>
      ) : null}
    </section>
  );
}
