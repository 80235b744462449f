import type { SettingsFinding } from '../../../../shared/api/contract';
import { Modal } from '../../components/Modal';

function FindingList({ findings }: Readonly<{ findings: readonly SettingsFinding[] }>) {
  return (
    <ul className="finding-list">
      {findings.map((f) => (
        <li key={f.setting}>
          <strong>
            {f.label}: {f.value}
          </strong>{' '}
          — {f.reason}.
        </li>
      ))}
    </ul>
  );
}

/** Settings the engine never accepts, whoever asks: shown instead of saving. */
export function RefusedSettings({ findings }: Readonly<{ findings: readonly SettingsFinding[] }>) {
  if (findings.length === 0) return null;
  return (
    <div className="error-note" role="alert">
      <p>Not saved. Frontdesk does not allow:</p>
      <FindingList findings={findings} />
    </div>
  );
}

type ConfirmProps = Readonly<{
  findings: readonly SettingsFinding[];
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}>;

/** The second, deliberate step for settings past the usual bounds; the engine records who confirmed what. */
export function ConfirmUnsafeSettings({ findings, busy, onConfirm, onCancel }: ConfirmProps) {
  return (
    <Modal
      title="Save settings outside the safe defaults?"
      onClose={onCancel}
      actions={
        <>
          <button type="button" className="btn" onClick={onCancel} data-autofocus>
            Keep editing
          </button>
          <button type="button" className="btn btn-danger" disabled={busy} onClick={onConfirm}>
            {busy ? 'Saving…' : 'Save anyway'}
          </button>
        </>
      }
    >
      <p>These changes let Frontdesk contact patients more, or at other times, than its safe defaults:</p>
      <FindingList findings={findings} />
      <p className="muted">Your confirmation is recorded in the audit log.</p>
    </Modal>
  );
}
