import { parse } from 'csv-parse/sync';

/** One CSV record with the file line it starts on (1-based; the header is line 1). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** A stretch of the file the parser could not read as a record. */
export interface CsvProblem {
  line: number;
  reason: string;
}

export interface CsvRecords {
  records: CsvRecord[];
  problems: CsvProblem[];
}

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

/**
 * Splits CSV text into records, handling a UTF-8 BOM, CRLF, quoted fields with commas, quotes and newlines.
 * Blank lines are skipped but still counted, so line numbers match what a text editor shows. An unclosed
 * quote would swallow the rest of the file; instead its first line is reported and reading resumes on the
 * next line, so one bad row does not lose the good rows after it.
 */
export function readCsvRecords(text: string): CsvRecords {
  // csv-parse miscounts lines for CRLF inside quoted fields; one line ending makes the counts exact.
  const lines = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  return readWellFormed(lines) ?? readWithRecovery(lines);
}

/**
 * The fast path for the usual, well-formed file: no per-record info objects (they double the parse time of a
 * large file). Every newline is either a record end or inside a field, so counting them numbers the records.
 * Returns undefined if anything had to be skipped; the slow path then locates and reports it.
 */
function readWellFormed(text: string): CsvRecords | undefined {
  let skipped = false;
  const parsed = parse(text, {
    relax_column_count: true,
    relax_quotes: true,
    skip_records_with_error: true,
    on_skip: () => {
      skipped = true;
      return undefined;
    },
  });
  if (skipped) return undefined;
  const records: CsvRecord[] = [];
  let line = 1;
  for (const fields of parsed) {
    const start = line;
    line += 1 + countNewlines(fields);
    if (!isBlank(fields)) records.push({ line: start, fields });
  }
  return { records, problems: [] };
}

function readWithRecovery(lines: string): CsvRecords {
  const out: CsvRecords = { records: [], problems: [] };
  let offset = 0;
  let rest = lines;
  for (;;) {
    const unclosedAt = parseChunk(rest, offset, out);
    if (unclosedAt === undefined) return out;
    out.problems.push({ line: unclosedAt, reason: 'a quoted field is never closed (missing ")' });
    rest = dropLines(lines, unclosedAt);
    offset = unclosedAt;
  }
}

/** Parses one chunk into `out`; returns the line of an unclosed quote that stopped it, if any. */
function parseChunk(chunk: string, lineOffset: number, out: CsvRecords): number | undefined {
  let unclosed = false;
  let lastEnd = lineOffset;
  const parsed = parse(chunk, {
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (err) => {
      if (err?.code === 'CSV_QUOTE_NOT_CLOSED') unclosed = true;
      else if (err) {
        const line = typeof err.lines === 'number' ? lineOffset + err.lines : lastEnd + 1;
        out.problems.push({ line, reason: `unreadable row: ${err.message}` });
      }
      return undefined;
    },
  }) as unknown as ParsedRecord[];
  for (const { record, info } of parsed) {
    const end = lineOffset + info.lines;
    lastEnd = end;
    if (isBlank(record)) continue;
    out.records.push({ line: end - countNewlines(record), fields: record });
  }
  return unclosed ? firstNonBlankLineAfter(chunk, lineOffset, lastEnd) : undefined;
}

function isBlank(fields: readonly string[]): boolean {
  return fields.every((field) => field.trim() === '');
}

function countNewlines(fields: readonly string[]): number {
  let count = 0;
  for (const field of fields) {
    for (let i = field.indexOf('\n'); i !== -1; i = field.indexOf('\n', i + 1)) count++;
  }
  return count;
}

/** The first non-blank line after `afterLine` (absolute numbering); the chunk starts after `chunkOffset`. */
function firstNonBlankLineAfter(chunk: string, chunkOffset: number, afterLine: number): number {
  const chunkLines = chunk.split('\n');
  for (let i = afterLine - chunkOffset; i < chunkLines.length; i++) {
    if ((chunkLines[i] ?? '').trim() !== '') return chunkOffset + i + 1;
  }
  return afterLine + 1;
}

/** The text after the first `count` lines. */
function dropLines(text: string, count: number): string {
  let index = 0;
  for (let i = 0; i < count && index !== -1; i++) index = text.indexOf('\n', index) + 1 || -1;
  return index === -1 ? '' : text.slice(index);
}
