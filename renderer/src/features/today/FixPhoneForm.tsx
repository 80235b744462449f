import { useCallback, useId, useState } from 'react';
import type { TodayAppointment } from '../../../../shared/domain/dto';
import { ErrorNote } from '../../components/ErrorNote';
import { useApi } from '../../api/ApiContext';
import { useCommand } from '../../hooks/useCommand';

/** Inline form to correct a patient's phone; the engine validates it and its message is shown as is. */
export function FixPhoneForm({ appt, onDone }: Readonly<{ appt: TodayAppointment; onDone: (saved: boolean) => void }>) {
  const api = useApi();
  const id = useId();
  const [phone, setPhone] = useState(appt.phone ?? '');
  const save = useCommand(
    useCallback((p: string) => api.invoke('patients:fix-phone', { patientId: appt.patientId, phone: p }), [api, appt.patientId]),
  );
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save.run(phone.trim()).then((r) => r.ok && onDone(true));
      }}
    >
      <label htmlFor={`${id}-phone`}>New phone number for {appt.patient}</label>
      <input
        id={`${id}-phone`}
        type="tel"
        autoComplete="off"
        autoFocus
        value={phone}
        aria-invalid={save.error ? true : undefined}
        aria-describedby={save.error ? `${id}-err` : undefined}
        onChange={(e) => {
          setPhone(e.target.value);
          save.clearError();
        }}
      />
      <ErrorNote error={save.error} id={`${id}-err`} />
      <div className="form-actions">
        <button type="button" className="btn" onClick={() => onDone(false)}>
          Close
        </button>
        <button type="submit" className="btn btn-primary" disabled={save.busy || phone.trim() === ''}>
          {save.busy ? 'Saving…' : 'Save number'}
        </button>
      </div>
    </form>
  );
}
