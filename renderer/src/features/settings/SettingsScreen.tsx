import { useCallback, useState } from 'react';
import { ErrorNote } from '../../components/ErrorNote';
import { useApi } from '../../api/ApiContext';
import { useResource } from '../../hooks/useResource';
import { ConnectionsSettings } from './ConnectionsSettings';
import { GeneralSettings } from './GeneralSettings';
import { MessagesSettings } from './MessagesSettings';

const SECTIONS = [
  ['general', 'General'],
  ['messages', 'Messages'],
  ['connections', 'Connections'],
] as const;
export type SettingsSection = (typeof SECTIONS)[number][0];

/**
 * Clinic settings in three sections, each saved on its own; the engine validates on save and its
 * errors are shown as they come. All sections stay mounted, so switching keeps unsaved edits.
 */
export function SettingsScreen({ initialSection = 'general' }: Readonly<{ initialSection?: SettingsSection }>) {
  const api = useApi();
  const [section, setSection] = useState<SettingsSection>(initialSection);
  const loaded = useResource(
    useCallback(() => api.invoke('settings:get', {}), [api]),
    'once',
  );
  return (
    <div className="screen narrow settings">
      <div className="settings-head">
        <h1 className="screen-title">Settings</h1>
        <nav className="subtabs" aria-label="Settings sections">
          {SECTIONS.map(([id, label]) => (
            <button
              key={id}
              type="button"
              className="subtab"
              aria-current={section === id ? 'page' : undefined}
              onClick={() => setSection(id)}
            >
              {label}
            </button>
          ))}
        </nav>
      </div>
      {loaded.data ? (
        <>
          <div hidden={section !== 'general'}>
            <GeneralSettings settings={loaded.data} />
          </div>
          <div hidden={section !== 'messages'}>
            <MessagesSettings settings={loaded.data} />
          </div>
        </>
      ) : section !== 'connections' ? (
        <>
          <ErrorNote error={loaded.error} />
          {!loaded.error ? <p role="status">Loading…</p> : null}
        </>
      ) : null}
      <div hidden={section !== 'connections'}>
        <ConnectionsSettings />
      </div>
    </div>
  );
}
