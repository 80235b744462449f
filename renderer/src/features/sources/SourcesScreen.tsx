import { useState } from 'react';
import type { SourceFileResultView } from '../../../../shared/domain/source-results';
import type { SourceView } from '../../../../shared/domain/sources';
import { useApi } from '../../api/ApiContext';
import { ErrorNote } from '../../components/ErrorNote';
import { formatInstant } from '../../components/format';
import { useCommand } from '../../hooks/useCommand';
import { useEngineStatus } from '../shell/engine-status';
import { AddFolderForm } from './AddFolderForm';
import { extraFacts, kindLabel, outcomeLine } from './source-words';
import { useSources } from './useSources';
import './sources.css';

const OUTCOME_LABEL: Readonly<Record<NonNullable<SourceView['lastOutcome']>, string>> = {
  imported: 'Imported',
  refused: 'Refused',
  held: 'Held for review',
  failed: 'Failed',
};

/** Every schedule source (watch folders, feeds…): last import and outcome, stale alarms, held exports, sync now. */
export function SourcesScreen() {
  const api = useApi();
  const sources = useSources();
  const [synced, setSynced] = useState<SourceFileResultView[] | null>(null);
  const sync = useCommand(() => api.invoke('sources:sync'));
  const list = sources.data ?? [];
  return (
    <div className="screen sources-screen">
      <div className="sources-head">
        <h1 className="screen-title">Schedule sources</h1>
        <button
          type="button"
          className="btn btn-primary"
          disabled={sync.busy}
          onClick={() =>
            void sync.run().then((r) => {
              if (r.ok) setSynced(r.value);
              sources.reload();
            })
          }
        >
          {sync.busy ? 'Syncing…' : 'Sync now'}
        </button>
      </div>
      <p className="muted">
        Where the schedule comes from without anyone importing a file. Files dropped in a watch folder are imported once complete and moved
        to its processed/ folder.
      </p>
      <ErrorNote error={sources.error} />
      <ErrorNote error={sync.error} />
      {synced ? <SyncResults results={synced} /> : null}
      {list.length === 0 && !sources.loading ? (
        <p className="muted">No source is configured yet: add the folder the practice system exports to.</p>
      ) : null}
      <ul className="source-list" aria-label="Sources">
        {list.map((s) => (
          <SourceCard key={s.id} source={s} onChanged={sources.reload} />
        ))}
      </ul>
      <AddFolderForm onAdded={sources.reload} />
    </div>
  );
}

function SyncResults({ results }: Readonly<{ results: readonly SourceFileResultView[] }>) {
  return (
    <section className="sync-results" aria-label="Sync results">
      {results.length === 0 ? (
        <p className="muted">Sync finished: no new file was waiting.</p>
      ) : (
        <ul>
          {results.map((r) => (
            <li key={`${r.sourceId}|${r.file}`}>
              {r.file}: {outcomeLine(r.outcome, r.summary)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function SourceCard({ source: s, onChanged }: Readonly<{ source: SourceView; onChanged: () => void }>) {
  const zone = useEngineStatus().status?.timezone;
  const facts = extraFacts(s);
  return (
    <li className={s.stale ? 'source-card source-stale' : 'source-card'} aria-label={`${kindLabel(s.kind)} ${s.target}`}>
      <div className="source-title">
        <span className="source-kind">{kindLabel(s.kind)}</span>
        <span className="source-target">{s.target}</span>
        {s.fullExport ? <span className="badge">Full export</span> : null}
        {s.profile ? <span className="badge">Profile: {s.profile}</span> : null}
      </div>
      <dl className="source-facts">
        <dt>Last import</dt>
        <dd>
          {s.lastSyncAt ? formatInstant(s.lastSyncAt, zone) : 'Never'}
          {s.lastOutcome || s.lastResult ? ` — ${outcomeLine(s.lastOutcome ? OUTCOME_LABEL[s.lastOutcome] : null, s.lastResult)}` : ''}
        </dd>
        <dt>Next export expected by</dt>
        <dd>
          {s.expectedBy ? formatInstant(s.expectedBy, zone) : '—'}
          {s.stale ? <strong className="stale-flag"> — overdue: the schedule may be out of date</strong> : null}
        </dd>
        {facts.map((f) => (
          <dd key={f} className="source-extra">
            {f}
          </dd>
        ))}
      </dl>
      {s.held ? <HeldExport source={s} onChanged={onChanged} /> : null}
      <RemoveSource source={s} onChanged={onChanged} />
    </li>
  );
}

function HeldExport({ source, onChanged }: Readonly<{ source: SourceView; onChanged: () => void }>) {
  const api = useApi();
  const [confirming, setConfirming] = useState(false);
  const approve = useCommand(() => api.invoke('sources:approve-held', { id: source.id }));
  const discard = useCommand(() => api.invoke('sources:discard-held', { id: source.id }));
  const held = source.held;
  if (!held) return null;
  const busy = approve.busy || discard.busy;
  return (
    <div className="held-export" role="group" aria-label="Export waiting for review">
      <p>
        <strong>Waiting for review:</strong> {held.file} (a full export) would cancel {held.wouldCancel} of {held.ofAppointments}{' '}
        appointments on its dates, more than the 20 % applied without review: a truncated or wrong export looks like this.
      </p>
      {confirming ? (
        <div className="form-actions">
          <span>Cancel {held.wouldCancel} appointments and their reminders?</span>
          <button type="button" className="btn btn-danger" disabled={busy} onClick={() => void approve.run().then(onChanged)}>
            Yes, apply it
          </button>
          <button type="button" className="btn" disabled={busy} onClick={() => setConfirming(false)}>
            Back
          </button>
        </div>
      ) : (
        <div className="form-actions">
          <button type="button" className="btn" disabled={busy} onClick={() => setConfirming(true)}>
            Approve…
          </button>
          <button type="button" className="btn" disabled={busy} onClick={() => void discard.run().then(onChanged)}>
            Discard it
          </button>
        </div>
      )}
      <ErrorNote error={approve.error ?? discard.error} />
    </div>
  );
}

function RemoveSource({ source, onChanged }: Readonly<{ source: SourceView; onChanged: () => void }>) {
  const api = useApi();
  const [confirming, setConfirming] = useState(false);
  const remove = useCommand(() => api.invoke('sources:remove', { id: source.id }));
  return (
    <div className="source-remove">
      {confirming ? (
        <>
          <span>Stop watching {source.target}? Its files stay where they are.</span>
          <button type="button" className="btn btn-danger" disabled={remove.busy} onClick={() => void remove.run().then(onChanged)}>
            Stop watching
          </button>
          <button type="button" className="btn" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </>
      ) : (
        <button type="button" className="btn btn-quiet" onClick={() => setConfirming(true)}>
          Remove…
        </button>
      )}
      <ErrorNote error={remove.error} />
    </div>
  );
}
