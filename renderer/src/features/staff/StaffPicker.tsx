import { useCallback, useEffect, useId, useState } from 'react';
import type { StaffCurrent, StaffUser } from '../../../../shared/domain/staff';
import { useApi } from '../../api/ApiContext';
import { ErrorNote } from '../../components/ErrorNote';
import { Modal } from '../../components/Modal';
import { useCommand } from '../../hooks/useCommand';
import { useResource } from '../../hooks/useResource';

/** This browser tab's desk session and desk label survive a reload, not a new tab (docs/staff.md#sessions). */
export const STAFF_SESSION_KEY = 'frontdesk-staff-session';
export const DESK_LABEL_KEY = 'frontdesk-desk-label';

function stored(key: string, storage: 'session' | 'local'): string | null {
  try {
    return (storage === 'session' ? window.sessionStorage : window.localStorage).getItem(key);
  } catch {
    return null;
  }
}

function store(key: string, value: string | null, storage: 'session' | 'local'): void {
  try {
    const s = storage === 'session' ? window.sessionStorage : window.localStorage;
    if (value === null) s.removeItem(key);
    else s.setItem(key, value);
  } catch {
    // Storage refused (private mode): the session lasts as long as the page.
  }
}

/**
 * "Who is at the desk" (docs/staff.md): a header button naming the person signed in here; picking a name
 * (with the PIN when the user has one) makes every later action carry it, e.g. "paused by Maria (desk 2)".
 * Hidden while the clinic has no users: it works as before.
 */
export function StaffPicker() {
  const api = useApi();
  const [open, setOpen] = useState(false);
  // A reload keeps this tab's desk session: hand it back to the client before asking who is here.
  const load = useCallback(() => {
    const session = stored(STAFF_SESSION_KEY, 'session');
    if (session) api.setStaffSession?.(session);
    return api.invoke('staff:current', {});
  }, [api]);
  const { data: current, replace: setCurrent } = useResource(load, 'once');

  if (!current?.usersConfigured) return null;
  return (
    <div className="staff-picker">
      <button type="button" className="btn btn-quiet staff-button" onClick={() => setOpen(true)} aria-haspopup="dialog">
        {current.user ? (
          <>
            At the desk: <strong>{current.user.name}</strong> <span className="muted">({current.desk})</span>
            {current.user.role === 'admin' ? <span className="staff-admin"> admin</span> : null}
          </>
        ) : (
          'Who is at the desk?'
        )}
      </button>
      {open ? (
        <StaffDialog
          current={current}
          onClose={() => setOpen(false)}
          onChanged={(next) => {
            setCurrent(next);
            setOpen(false);
          }}
        />
      ) : null}
    </div>
  );
}

function StaffDialog({
  current,
  onClose,
  onChanged,
}: Readonly<{ current: StaffCurrent; onClose: () => void; onChanged: (c: StaffCurrent) => void }>) {
  const api = useApi();
  const id = useId();
  const [users, setUsers] = useState<StaffUser[]>([]);
  const [picked, setPicked] = useState<StaffUser | null>(null);
  const [pin, setPin] = useState('');
  const [desk, setDesk] = useState(() => stored(DESK_LABEL_KEY, 'local') ?? '');
  useEffect(() => {
    void api.invoke('staff:list', {}).then((r) => r.ok && setUsers(r.value));
  }, [api]);
  const signIn = useCommand(
    useCallback(async () => {
      const label = desk.trim();
      const r = await api.invoke('staff:sign-in', {
        userId: picked!.id,
        ...(picked!.hasPin ? { pin } : {}),
        ...(label ? { desk: label } : {}),
      });
      if (r.ok) {
        api.setStaffSession?.(r.value.session);
        store(STAFF_SESSION_KEY, r.value.session, 'session');
        store(DESK_LABEL_KEY, label || null, 'local');
      }
      return r;
    }, [api, picked, pin, desk]),
  );
  const signOut = useCommand(
    useCallback(async () => {
      const r = await api.invoke('staff:sign-out', {});
      api.setStaffSession?.(null);
      store(STAFF_SESSION_KEY, null, 'session');
      return r;
    }, [api]),
  );
  return (
    <Modal
      title="Who is at the desk?"
      onClose={onClose}
      actions={
        <>
          {current.user ? (
            <button type="button" className="btn" onClick={() => void signOut.run().then((r) => r.ok && onChanged(r.value))}>
              Sign {current.user.name} out
            </button>
          ) : null}
          <button type="button" className="btn" onClick={onClose}>
            Close
          </button>
          <button
            type="submit"
            form={`${id}-form`}
            className="btn btn-primary"
            disabled={!picked || signIn.busy || (picked.hasPin && pin.length < 4)}
          >
            {picked ? `I am ${picked.name}` : 'Pick your name'}
          </button>
        </>
      }
    >
      <form
        id={`${id}-form`}
        onSubmit={(e) => {
          e.preventDefault();
          if (picked) void signIn.run().then((r) => r.ok && onChanged(r.value.current));
        }}
      >
        <fieldset className="staff-list">
          <legend>Your name</legend>
          {users.map((u) => (
            <label key={u.id} className="staff-choice">
              <input
                type="radio"
                name={`${id}-user`}
                checked={picked?.id === u.id}
                onChange={() => {
                  setPicked(u);
                  setPin('');
                }}
              />
              {u.name} {u.role === 'admin' ? <span className="muted">(admin)</span> : null}
            </label>
          ))}
        </fieldset>
        {picked?.hasPin ? (
          <p>
            <label htmlFor={`${id}-pin`}>PIN for {picked.name}</label>{' '}
            <input
              id={`${id}-pin`}
              type="password"
              inputMode="numeric"
              autoComplete="off"
              maxLength={12}
              value={pin}
              onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
            />
          </p>
        ) : null}
        <p>
          <label htmlFor={`${id}-desk`}>This desk</label>{' '}
          <input id={`${id}-desk`} value={desk} maxLength={40} placeholder={current.desk} onChange={(e) => setDesk(e.target.value)} />
        </p>
      </form>
      <ErrorNote error={signIn.error ?? signOut.error} />
    </Modal>
  );
}
