import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { badRequest } from '../platform/errors';
import { looksLikeHl7 } from './hl7/hl7-message';

/** What a schedule file is, found from its bytes: the name a practice system gives a file proves nothing. */
export type FileKind = 'csv' | 'xlsx' | 'hl7' | 'fhir';

/** Bytes of the end of a ZIP file searched for the names of its parts (the central directory lives there). */
const TAIL_BYTES = 1 << 16;
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

function contains(bytes: Uint8Array, text: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(text, 0, 'latin1');
}

/**
 * The kind of a file from its first bytes and the end of it (where a ZIP lists its parts). An Excel workbook
 * is a ZIP holding xl/workbook.xml; any other ZIP, a legacy .xls and an OpenDocument sheet are refused with
 * what to do instead. Everything else is read as CSV text (the decoder refuses other binary files).
 */
export function detectKind(head: Uint8Array, tail: Uint8Array): FileKind {
  if (startsWith(head, OLE_MAGIC)) {
    throw badRequest('the file is an old Excel .xls workbook: save it as .xlsx (Excel Workbook) or CSV and import that');
  }
  if (!startsWith(head, ZIP_MAGIC)) return textKind(head);
  if (contains(tail, 'xl/workbook.xml') || contains(head, 'xl/workbook.xml')) return 'xlsx';
  if (contains(head, 'opendocument.spreadsheet')) {
    throw badRequest('the file is an OpenDocument spreadsheet (.ods): save it as .xlsx or CSV and import that');
  }
  throw badRequest('the file is a ZIP archive, not an Excel workbook (.xlsx) or a CSV file');
}

export function kindOfBytes(bytes: Uint8Array): FileKind {
  return detectKind(bytes.subarray(0, TAIL_BYTES), bytes.subarray(Math.max(0, bytes.length - TAIL_BYTES)));
}

/** The kind of a file on disk; reads its first and last 64 KiB only. `label` names it in errors. */
export function kindOfFile(path: string, label: string = path): FileKind {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw badRequest(`cannot read ${label}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    const size = fstatSync(fd).size;
    const head = new Uint8Array(Math.min(size, TAIL_BYTES));
    readSync(fd, head, 0, head.length, 0);
    const tail = new Uint8Array(Math.min(size, TAIL_BYTES));
    readSync(fd, tail, 0, tail.length, Math.max(0, size - tail.length));
    return detectKind(head, tail);
  } finally {
    closeSync(fd);
  }
}

/**
 * A text file's kind from its first characters: HL7 v2 starts with an MSH (or batch FHS/BHS) segment, MLLP
 * framing and a BOM allowed; FHIR JSON is an object or array that names a resourceType early on. Else CSV.
 */
function textKind(head: Uint8Array): FileKind {
  const text = Buffer.from(head.buffer, head.byteOffset, Math.min(head.byteLength, 4096)).toString('utf8');
  if (looksLikeHl7(text)) return 'hl7';
  if (/^[\s\ufeff]*[[{]/.test(text) && /"resourceType"\s*:/.test(text)) return 'fhir';
  return 'csv';
}
