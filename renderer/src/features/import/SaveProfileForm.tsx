import { useId, useState } from 'react';
import type { ImportProfile } from '../../../../shared/domain/sources';
import { useApi } from '../../api/ApiContext';
import { ErrorNote } from '../../components/ErrorNote';
import { useCommand } from '../../hooks/useCommand';

/** Saves how this file was read as a named profile, for the next file from the same practice system. */
export function SaveProfileForm({ profile, onSaved }: Readonly<{ profile: Omit<ImportProfile, 'name'>; onSaved: (name: string) => void }>) {
  const api = useApi();
  const id = useId();
  const [name, setName] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const save = useCommand((p: ImportProfile) => api.invoke('import-profiles:save', p));
  return (
    <form
      className="save-profile"
      onSubmit={(e) => {
        e.preventDefault();
        const trimmed = name.trim();
        if (trimmed === '') return;
        void save.run({ ...profile, name: trimmed }).then((r) => {
          if (!r.ok) return;
          setSaved(r.value.name);
          onSaved(r.value.name);
        });
      }}
    >
      <label className="field" htmlFor={`${id}-name`}>
        <span>Save this reading as a profile</span>
        <input
          id={`${id}-name`}
          value={name}
          maxLength={80}
          placeholder="e.g. Open Dental daily export"
          onChange={(e) => {
            setName(e.target.value);
            setSaved(null);
          }}
        />
      </label>
      <button type="submit" className="btn" disabled={save.busy || name.trim() === ''}>
        Save profile
      </button>
      <p role="status" className="muted">
        {saved ? `Profile "${saved}" saved: pick it for the next file from this system.` : ''}
      </p>
      <ErrorNote error={save.error} />
    </form>
  );
}
