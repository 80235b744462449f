import { useCallback, useId, useState } from 'react';
import { useApi } from '../../api/ApiContext';
import { ErrorNote } from '../../components/ErrorNote';
import { useCommand } from '../../hooks/useCommand';
import { useResource } from '../../hooks/useResource';

type AddFolder = Readonly<{ dir: string; fullExport: boolean; profile: string | null }>;

/** Adds a watch folder: the one the practice system exports to, used for nothing else (the engine checks). */
export function AddFolderForm({ onAdded }: Readonly<{ onAdded: () => void }>) {
  const api = useApi();
  const id = useId();
  const [dir, setDir] = useState('');
  const [fullExport, setFullExport] = useState(false);
  const [profile, setProfile] = useState('');
  const profiles = useResource(
    useCallback(() => api.invoke('import-profiles:list'), [api]),
    'profiles',
  );
  const add = useCommand((req: AddFolder) => api.invoke('sources:add-folder', req));
  return (
    <form
      className="fieldset add-folder"
      aria-label="Add a watch folder"
      onSubmit={(e) => {
        e.preventDefault();
        if (dir.trim() === '') return;
        void add.run({ dir: dir.trim(), fullExport, profile: profile === '' ? null : profile }).then((r) => {
          if (!r.ok) return;
          setDir('');
          onAdded();
        });
      }}
    >
      <h2>Add a watch folder</h2>
      <p className="muted">
        The full path of the folder the practice system exports to. Files already in it are imported at once and moved to its processed/
        folder, so choose a folder used only for these exports.
      </p>
      <div className="grid-fields">
        <label className="field" htmlFor={`${id}-dir`}>
          <span>Folder</span>
          <input id={`${id}-dir`} value={dir} maxLength={1000} placeholder="C:\Exports\Schedule" onChange={(e) => setDir(e.target.value)} />
        </label>
        <label className="field" htmlFor={`${id}-profile`}>
          <span>Read its files with profile</span>
          <select id={`${id}-profile`} value={profile} onChange={(e) => setProfile(e.target.value)}>
            <option value="">None: read the header</option>
            {(profiles.data ?? []).map((p) => (
              <option key={p.name} value={p.name}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="toggle">
        <input type="checkbox" checked={fullExport} onChange={(e) => setFullExport(e.target.checked)} />
        Each file is the whole schedule for its dates (full export): appointments it leaves out are cancelled
      </label>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={add.busy || dir.trim() === ''}>
          Add folder
        </button>
      </div>
      <ErrorNote error={add.error} />
    </form>
  );
}
