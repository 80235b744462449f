import { useCallback, useRef, useState } from 'react';
import type { ApiError } from '../../../../shared/api/result';
import type { ImportResult } from '../../../../shared/domain/dto';
import type { ImportPreview } from '../../../../shared/domain/source-results';
import type { ColumnMapping, DateFormat } from '../../../../shared/domain/sources';
import { useApi } from '../../api/ApiContext';
import type { PickedFile } from './file-bytes';
import type { MappingChoice } from './fields';

/** How the desk asked the file to be read; empty = as the engine reads it from the header and the clinic's locale. */
export type ReadChoices = Readonly<{ dateFormat?: DateFormat; sheet?: string; profile?: string; overrides: ColumnMapping }>;

export type ImportWizard = Readonly<{
  file: PickedFile | null;
  choices: ReadChoices;
  preview: ImportPreview | null;
  previewError: ApiError | null;
  previewing: boolean;
  importing: boolean;
  importError: ApiError | null;
  result: ImportResult | null;
  pick: (file: PickedFile | null) => void;
  /** Changes how the file is read and previews it again. */
  choose: (change: Partial<Omit<ReadChoices, 'overrides'>>) => void;
  mapColumn: (column: string, field: MappingChoice) => void;
  importNow: () => Promise<void>;
}>;

const NO_CHOICES: ReadChoices = { overrides: {} };

/** The wizard's state: the picked file, how to read it, its preview (always for the latest choices), the import. */
export function useImportWizard(): ImportWizard {
  const api = useApi();
  const [file, setFile] = useState<PickedFile | null>(null);
  const [choices, setChoices] = useState<ReadChoices>(NO_CHOICES);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [previewError, setPreviewError] = useState<ApiError | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [importing, setImporting] = useState(false);
  const [importError, setImportError] = useState<ApiError | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  // Only the answer to the latest request is shown: a slow preview of older choices must not overwrite it.
  const latest = useRef(0);

  const runPreview = useCallback(
    async (f: PickedFile, c: ReadChoices) => {
      const request = ++latest.current;
      setPreviewing(true);
      setResult(null);
      setImportError(null);
      const r = await api
        .invoke('schedule:preview-import', uploadOf(f, c))
        .catch((e: unknown) => ({ ok: false, error: { code: 'INTERNAL', message: String(e) } }) as const);
      if (request !== latest.current) return;
      setPreviewing(false);
      setPreview(r.ok ? r.value : null);
      setPreviewError(r.ok ? null : r.error);
    },
    [api],
  );

  const pick = (f: PickedFile | null) => {
    setFile(f);
    setPreview(null);
    setPreviewError(null);
    setResult(null);
    // A new file keeps the chosen profile and date format (the next file from the same system) but not
    // column-by-column changes, which named the last file's columns.
    const next = { ...choices, overrides: {} };
    setChoices(next);
    if (f) void runPreview(f, next);
    else latest.current += 1;
  };
  const update = (next: ReadChoices) => {
    setChoices(next);
    if (file) void runPreview(file, next);
  };
  const choose = (change: Partial<Omit<ReadChoices, 'overrides'>>) => {
    const merged: ReadChoices = { ...choices, ...change };
    // Picking a profile starts from its mapping: changes made for another reading would silently override it.
    update('profile' in change ? { ...withoutUndefined(merged), overrides: {} } : withoutUndefined(merged));
  };
  const mapColumn = (column: string, field: MappingChoice) => update({ ...choices, overrides: { ...choices.overrides, [column]: field } });

  const importNow = async () => {
    if (!file) return;
    setImporting(true);
    setImportError(null);
    const r = await api
      .invoke('schedule:import-csv', uploadOf(file, choices))
      .catch((e: unknown) => ({ ok: false, error: { code: 'INTERNAL', message: String(e) } }) as const);
    setImporting(false);
    if (r.ok) setResult(r.value);
    else setImportError(r.error);
  };

  return { file, choices, preview, previewError, previewing, importing, importError, result, pick, choose, mapColumn, importNow };
}

function withoutUndefined(c: ReadChoices): ReadChoices {
  return Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined)) as ReadChoices;
}

/** The request for a file read with these choices (the same for the preview and the import). */
function uploadOf(f: PickedFile, c: ReadChoices) {
  return {
    bytes: f.bytes,
    fileName: f.name,
    ...(c.dateFormat ? { dateFormat: c.dateFormat } : {}),
    ...(c.sheet ? { sheet: c.sheet } : {}),
    ...(c.profile ? { profile: c.profile } : {}),
    ...(Object.keys(c.overrides).length > 0 ? { mapping: c.overrides } : {}),
  };
}

/**
 * The mapping a profile saves: every column as it was read (the engine's mapping), and columns the desk chose not
 * to read. Saved whole, so the next file from the same system is read the same way whatever its header guessing.
 */
export function mappingToSave(preview: ImportPreview | null, overrides: ColumnMapping): ColumnMapping {
  const saved: ColumnMapping = { ...(preview?.result.mapping ?? {}) };
  for (const [column, field] of Object.entries(overrides)) if (field === 'ignore') saved[column] = 'ignore';
  return saved;
}
