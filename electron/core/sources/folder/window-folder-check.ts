import { type Dirent, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, resolve } from 'node:path';
import { badRequest } from '../../platform/errors';
import { HELD_FOLDER, isCandidateName, PROCESSED_FOLDER } from './folder-files';

/** What a practice system exports: the kinds the import reads (CSV/text, XLSX, HL7, FHIR JSON). */
const EXPORT_FILE = /\.(?:csv|txt|tsv|xlsx|hl7|json)$/i;

/**
 * Checks a folder the window asks to watch (docs/import-wizard.md#sources-screen). A watched folder's files are
 * imported and moved to processed/, so a folder of other documents (a home folder, Documents, Downloads) must
 * never become one by a wrong click or from a browser holding the web host's token: the folder must not be the
 * filesystem root or a home folder, must hold no subfolders but our own, and no files but schedule exports.
 * The CLI (`sources add folder`) is not limited: whoever types it owns the folder.
 */
export function checkFolderForWindow(dir: string): void {
  if (!isAbsolute(dir)) throw badRequest(`the folder must be an absolute path, got "${dir}"`);
  const full = resolve(dir);
  if (dirname(full) === full) throw badRequest(`${dir} is the root of a drive: choose the folder the practice system exports to`);
  if (full === resolve(homedir())) throw badRequest(`${dir} is a home folder: choose the folder the practice system exports to`);
  let entries: Dirent[];
  try {
    entries = readdirSync(full, { withFileTypes: true });
  } catch (error) {
    throw badRequest(`cannot read the folder ${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const subfolders = entries.filter((e) => e.isDirectory() && e.name !== PROCESSED_FOLDER && e.name !== HELD_FOLDER);
  if (subfolders.length > 0) {
    throw badRequest(
      `${dir} holds other folders (${quoteSome(subfolders.map((e) => e.name))}): watch a folder used only for schedule exports`,
    );
  }
  const others = entries.filter((e) => e.isFile() && isCandidateName(e.name) && !EXPORT_FILE.test(e.name));
  if (others.length > 0) {
    throw badRequest(
      `${dir} holds files that are not schedule exports (${quoteSome(others.map((e) => e.name))}); every file in a watched ` +
        'folder is imported and moved to processed/: watch a folder used only for schedule exports',
    );
  }
}

function quoteSome(names: readonly string[]): string {
  const shown = [...names]
    .sort()
    .slice(0, 3)
    .map((n) => `"${n.length > 40 ? `${n.slice(0, 40)}…` : n}"`);
  return names.length > 3 ? `${shown.join(', ')} and ${names.length - 3} more` : shown.join(', ');
}
