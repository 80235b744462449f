import { useCallback, useId, useState } from 'react';
import { useApi } from '../../api/ApiContext';
import { ErrorNote } from '../../components/ErrorNote';
import { useResource } from '../../hooks/useResource';
import { ColumnMappingEditor } from './ColumnMappingEditor';
import { readPickedFile } from './file-bytes';
import { ImportSummary, Warnings } from './ImportSummary';
import { PreviewRows } from './PreviewRows';
import { ReadOptions } from './ReadOptions';
import { SaveProfileForm } from './SaveProfileForm';
import { mappingToSave, useImportWizard, type ImportWizard } from './useImportWizard';
import './import.css';

/**
 * The import wizard (docs/import-wizard.md): pick a practice-system export (CSV or Excel), see its first rows as
 * they will be read, adjust the columns, date order, sheet or profile, import, then fix the rejected rows.
 */
export function ImportScreen() {
  const api = useApi();
  const id = useId();
  const wizard = useImportWizard();
  const [profilesVersion, setProfilesVersion] = useState(0);
  const profiles = useResource(
    useCallback(() => api.invoke('import-profiles:list'), [api]),
    `profiles|${profilesVersion}`,
  );
  const [readError, setReadError] = useState<string | null>(null);
  const { file, preview, previewError, choices } = wizard;

  const onFile = async (picked: File | undefined) => {
    setReadError(null);
    if (!picked) return wizard.pick(null);
    try {
      wizard.pick(await readPickedFile(picked));
    } catch (e) {
      wizard.pick(null);
      setReadError(`Could not read the file: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const columns = preview?.header ?? file?.header ?? [];

  return (
    <div className="screen import-screen">
      <h1 className="screen-title">Import appointments</h1>
      <p className="muted">
        An export from the practice system (CSV or Excel, its own column names, US dates): see how its first rows will be read, then import.
        Importing the same file twice changes nothing.
      </p>
      <div className="import-top">
        <div className="import-pick">
          <label htmlFor={`${id}-file`}>Schedule file</label>
          <input
            id={`${id}-file`}
            type="file"
            accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => void onFile(e.target.files?.[0])}
          />
          {readError ? (
            <p className="error-note" role="alert">
              {readError}
            </p>
          ) : null}
        </div>
        {file ? <PreviewState wizard={wizard} /> : null}
      </div>
      {file && wizard.result ? <ImportSummary result={wizard.result} fileName={file.name} /> : null}
      {file && !wizard.result ? (
        <div className="import-body">
          <aside className="import-side">
            <ReadOptions
              key={file.name + file.bytes.length}
              choices={choices}
              preview={preview}
              workbook={file.workbook}
              profiles={profiles.data ?? []}
              onChoose={wizard.choose}
            />
            {columns.length > 0 ? (
              <ColumnMappingEditor
                columns={columns}
                preview={preview}
                overrides={choices.overrides}
                disabled={wizard.importing}
                onMap={wizard.mapColumn}
              />
            ) : null}
          </aside>
          <div className="import-main">
            {previewError ? <ErrorNote error={previewError} /> : null}
            {preview ? <PreviewRows preview={preview} /> : null}
          </div>
        </div>
      ) : null}
      {file && preview ? (
        <SaveProfileForm
          profile={{
            mapping: mappingToSave(preview, choices.overrides),
            dateFormat: choices.dateFormat ?? preview.result.dateFormat ?? null,
            sheet: choices.sheet ?? null,
          }}
          onSaved={(name) => {
            setProfilesVersion((v) => v + 1);
            wizard.choose({ profile: name });
          }}
        />
      ) : null}
    </div>
  );
}

/** What the dry run of the whole file says, and the import button. */
function PreviewState({ wizard }: Readonly<{ wizard: ImportWizard }>) {
  const { preview, previewing, importing, previewError, file } = wizard;
  const r = preview?.result;
  return (
    <div className="preview-state">
      <p role="status" aria-live="polite" className="muted">
        {previewing
          ? `Reading ${file?.name ?? ''}…`
          : importing
            ? `Importing ${file?.name ?? ''}…`
            : wizard.result
              ? 'Import finished. Pick another file to import it.'
              : r
                ? `${file?.name ?? ''}${r.kind === 'xlsx' ? ` (Excel${r.sheet ? `, sheet ${r.sheet}` : ''})` : ''}: ` +
                  `would create ${r.created}, update ${r.updated}, leave ${r.unchanged} unchanged, reject ${r.rejectedCount}.`
                : ''}
      </p>
      {r ? <Warnings warnings={r.warnings ?? []} /> : null}
      <div className="form-actions">
        <button
          type="button"
          className="btn btn-primary"
          disabled={!preview || previewing || importing || previewError !== null || wizard.result !== null}
          onClick={() => void wizard.importNow()}
        >
          {importing ? 'Importing…' : 'Import this file'}
        </button>
      </div>
      <ErrorNote error={wizard.importError} />
    </div>
  );
}
