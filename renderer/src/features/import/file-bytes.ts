import { MAX_FILE_BASE64_CHARS } from '../../../../shared/api/contract';

/** The largest file the window sends (its base64 must fit the contract's limit). */
export const MAX_FILE_BYTES = Math.floor((MAX_FILE_BASE64_CHARS / 4) * 3);

/** A schedule file picked in the window, as the engine takes it (docs/import-wizard.md). */
export type PickedFile = Readonly<{ name: string; bytes: string; workbook: boolean; header: readonly string[] }>;

/** Reads a picked file: its bytes as base64 (the engine finds the encoding or the workbook) and a header guess. */
export async function readPickedFile(file: File): Promise<PickedFile> {
  if (file.size > MAX_FILE_BYTES) {
    throw new Error(
      `${file.name} is ${megabytes(file.size)} MB; the window takes files up to ${megabytes(MAX_FILE_BYTES)} MB. ` +
        'Import a larger file with `frontdesk import FILE` or drop it in a watch folder.',
    );
  }
  const bytes = new Uint8Array(await readBytes(file));
  // A ZIP (XLSX) starts with "PK"; the engine decides from the content, this only decides what to show.
  const workbook = bytes[0] === 0x50 && bytes[1] === 0x4b;
  return { name: file.name, bytes: toBase64(bytes), workbook, header: workbook ? [] : headerGuess(bytes) };
}

/** The file's bytes; FileReader where Blob.arrayBuffer() is missing (older engines, jsdom). */
function readBytes(file: File): Promise<ArrayBuffer> {
  if (typeof file.arrayBuffer === 'function') return file.arrayBuffer();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsArrayBuffer(file);
  });
}

/** Bytes as base64, in pieces (String.fromCharCode takes a limited number of arguments). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(binary);
}

/**
 * The header row's names, read here only so the desk can still map columns when the engine refuses the whole file
 * (two columns meaning one field): the engine reads the file itself, this is never used to import.
 */
export function headerGuess(bytes: Uint8Array): string[] {
  const text = new TextDecoder().decode(bytes.subarray(0, 64 * 1024)).replace(/^\uFEFF/, '');
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = [',', ';', '\t'].reduce((best, d) => (first.split(d).length > first.split(best).length ? d : best), ',');
  const names: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < first.length; i += 1) {
    const ch = first[i];
    if (quoted && ch === '"' && first[i + 1] === '"') {
      cell += '"';
      i += 1;
    } else if (ch === '"') quoted = !quoted;
    else if (ch === delimiter && !quoted) {
      names.push(cell.trim());
      cell = '';
    } else cell += ch;
  }
  names.push(cell.trim());
  return names.filter((n) => n !== '');
}

const megabytes = (bytes: number) => (bytes / 1_000_000).toFixed(1);
