import { closeSync, openSync, readSync } from 'node:fs';
import { badRequest } from '../../platform/errors';
import { ByteDecoder, type FileEncoding } from './decode';
import { CsvTokenizer, type CsvSink } from './tokenizer';

/** Bytes read from a file at a time: the only part of the file in memory besides the current record. */
export const READ_CHUNK_BYTES = 1 << 16;

/** Feeds bytes, as they arrive, through the decoder and the tokenizer into `sink`. */
export class CsvByteReader {
  private readonly decoder = new ByteDecoder();
  private readonly tokenizer: CsvTokenizer;

  constructor(sink: CsvSink) {
    this.tokenizer = new CsvTokenizer(sink);
  }

  push(chunk: Uint8Array): void {
    const text = this.decoder.decode(chunk);
    if (text) this.tokenizer.feed(text);
  }

  /** After the last chunk; returns the encoding the file was read in. */
  end(): FileEncoding {
    const text = this.decoder.end();
    if (text) this.tokenizer.feed(text);
    this.tokenizer.end();
    return this.decoder.encoding ?? 'utf-8';
  }
}

/** Reads CSV text that is already decoded (an upload from the window): a leading BOM is dropped. */
export function readCsvText(text: string, sink: CsvSink): void {
  const tokenizer = new CsvTokenizer(sink);
  tokenizer.feed(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  tokenizer.end();
}

/**
 * Reads a CSV file from disk in 1 MiB chunks, synchronously: callers run on the CLI or in a worker thread, and
 * the import that follows is synchronous anyway. Memory stays flat however large the file.
 */
export function readCsvFile(path: string, sink: CsvSink, label: string = path): FileEncoding {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw cannotRead(label, error);
  }
  try {
    const reader = new CsvByteReader(sink);
    const buffer = new Uint8Array(READ_CHUNK_BYTES);
    for (;;) {
      const read = readChunk(fd, buffer, label);
      if (read === 0) return reader.end();
      // A copy: the decoder may keep a few bytes of an unfinished character until the next chunk.
      reader.push(buffer.slice(0, read));
    }
  } finally {
    closeSync(fd);
  }
}

function readChunk(fd: number, buffer: Uint8Array, label: string): number {
  try {
    return readSync(fd, buffer, 0, buffer.length, null);
  } catch (error) {
    throw cannotRead(label, error);
  }
}

/** "cannot read schedule.csv: ENOENT", naming the file as the user gave it. */
function cannotRead(label: string, error: unknown): Error {
  return badRequest(`cannot read ${label}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
}

/** Reads a CSV byte stream (an HTTP body, a file stream) chunk by chunk as it arrives. */
export async function readCsvStream(stream: AsyncIterable<Uint8Array>, sink: CsvSink): Promise<FileEncoding> {
  const reader = new CsvByteReader(sink);
  for await (const chunk of stream) reader.push(chunk);
  return reader.end();
}
