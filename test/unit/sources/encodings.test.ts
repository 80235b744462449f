import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scalar, sql } from '../../../electron/core/db/sql';
import { ByteDecoder } from '../../../electron/core/sources/csv/decode';
import { importScheduleCsv } from '../../../electron/core/sources/csv/import-csv';
import { appointment, csv, HEADER, newDb, NOW, ZONE } from '../schedule/helpers';

const dir = mkdtempSync(join(tmpdir(), 'frontdesk-encodings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NAMES = ['José Müller', 'Zoë O’Brien', 'François Œuvre'];
const TEXT = csv(
  HEADER,
  `A1,${NAMES[0]},(212) 555-0101,,2026-11-26 09:00,30,Dr. Ñúñez,booked`,
  `A2,${NAMES[1]},(212) 555-0102,,2026-11-26 09:30,30,Dr. Ñúñez,booked`,
  `A3,${NAMES[2]},(212) 555-0103,,2026-11-26 10:00,30,Dr. Ñúñez,booked`,
);

/** Windows-1252 bytes of `text` (Latin-1 plus the few 0x80–0x9F characters the tests use). */
function windows1252(text: string): Buffer {
  const extra: Record<string, number> = { '’': 0x92, Œ: 0x8c, '€': 0x80, '“': 0x93, '”': 0x94 };
  return Buffer.from([...text].map((c) => extra[c] ?? c.charCodeAt(0)));
}

function utf16be(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf16le');
  bytes.swap16();
  return bytes;
}

function importBytes(name: string, bytes: Uint8Array) {
  const db = newDb();
  const path = join(dir, name);
  writeFileSync(path, bytes);
  const result = importScheduleCsv(db, { path }, { timezone: ZONE, defaultRegion: 'US', now: NOW });
  const names = ['A1', 'A2', 'A3'].map(
    (id) => scalar<string>(db, sql`SELECT name FROM patients WHERE id = ${appointment(db, id).patient_id}`)!,
  );
  return { db, result, names };
}

describe('schedule files in the encodings Excel and practice systems write', () => {
  it.each([
    ['UTF-8 without BOM', Buffer.from(TEXT, 'utf8')],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, 'utf8')])],
    ['UTF-16 LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')])],
    ['UTF-16 BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(TEXT)])],
    ['Windows-1252 (Excel "CSV" on Windows)', windows1252(TEXT)],
  ])('%s: "José Müller", "O’Brien" and "Œuvre" stay right', (label, bytes) => {
    const { result, names, db } = importBytes(`${label}.csv`, bytes);
    expect(result).toMatchObject({ created: 3, rejected: [] });
    expect(names).toEqual(NAMES);
    expect(appointment(db, 'A1').provider).toBe('Dr. Ñúñez');
  });

  it('falls back to Windows-1252 at the first non-UTF-8 byte far into the file (after plain ASCII)', () => {
    const ascii = Array.from(
      { length: 300 },
      (_, i) => `B${i},Patient ${i},(212) 555-01${String(i % 100).padStart(2, '0')},,2026-11-26 09:00,30,,booked`,
    );
    const bytes = windows1252(csv(HEADER, ...ascii, `A1,${NAMES[0]},(212) 555-0101,,2026-11-26 09:00,30,,booked`));
    const db = newDb();
    const path = join(dir, 'late-1252.csv');
    writeFileSync(path, bytes);
    expect(importScheduleCsv(db, { path }, { timezone: ZONE, defaultRegion: 'US', now: NOW })).toMatchObject({ created: 301 });
    expect(scalar(db, sql`SELECT name FROM patients WHERE id = ${appointment(db, 'A1').patient_id}`)).toBe(NAMES[0]);
  });

  it.each([
    [
      'UTF-8 lines followed by a Windows-1252 line (two exports pasted together)',
      Buffer.concat([
        Buffer.from(csv(HEADER, 'A1,José,(212) 555-0101,,2026-11-26 09:00,30,,booked'), 'utf8'),
        windows1252('A2,Müller,(212) 555-0102,,2026-11-26 09:30,30,,booked\n'),
      ]),
      'line 3 is not valid UTF-8, but lines before it are: the file mixes two encodings. Save it again as "CSV UTF-8"',
    ],
    [
      'Windows-1252 lines followed by UTF-8 text',
      Buffer.concat([
        windows1252(csv(HEADER, 'A1,Müller,(212) 555-0101,,2026-11-26 09:00,30,,booked')),
        Buffer.from('A2,José,(212) 555-0102,,2026-11-26 09:30,30,,booked\n', 'utf8'),
      ]),
      /^line 3 holds UTF-8 text in a file read as Windows-1252/,
    ],
    [
      'a byte that is neither UTF-8 nor Windows-1252',
      Buffer.concat([Buffer.from(csv(HEADER), 'utf8'), Buffer.from([0x41, 0x31, 0x2c, 0x81, 0x0a])]),
      'line 2 has the byte 0x81, which is neither UTF-8 nor Windows-1252 text: save the file again as "CSV UTF-8"',
    ],
    ['UTF-16 without a byte-order mark', Buffer.from(TEXT, 'utf16le'), /^the file is UTF-16 without a byte-order mark, or not text at all/],
    [
      'a UTF-16 byte-order mark on a file with a broken character',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv(HEADER), 'utf16le'), Buffer.from([0x00, 0xdc, 0x41, 0x00])]),
      'the file starts with a UTF-16 LE byte-order mark but is not valid UTF-16 LE (near line 1): save it again as "CSV UTF-8"',
    ],
    [
      'an Excel workbook',
      Buffer.from('PK\u0003\u0004[Content_Types].xml', 'latin1'),
      /^the file is an Excel workbook \(\.xlsx\) or another ZIP archive, not a CSV text file/,
    ],
    ['UTF-32', Buffer.from([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0]), 'the file is UTF-32 text, which is not supported: save it as "CSV UTF-8"'],
    [
      'a UTF-8 byte-order mark on a file that is not UTF-8',
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(csv(HEADER)),
        windows1252('A1,Müller,(212) 555-0101,,2026-11-26 09:00,30,,booked\n'),
      ]),
      'line 2 is not valid UTF-8, though the file starts with a UTF-8 byte-order mark: save it again as "CSV UTF-8"',
    ],
  ])('%s: the whole file is refused with one clear error', (label, bytes, message) => {
    expect(() => importBytes(`${label}.csv`, bytes)).toThrow(message);
  });

  it('a file refused late (a bad byte after 3,000 good rows) changes nothing and leaves no staged rows', () => {
    const db = newDb();
    const rows = Array.from(
      { length: 3000 },
      (_, i) => `B${i},Patient ${i},(212) 555-01${String(i % 100).padStart(2, '0')},,2026-11-26 09:00,30,,booked`,
    );
    const path = join(dir, 'late-error.csv');
    writeFileSync(path, Buffer.concat([Buffer.from(csv(HEADER, ...rows)), Buffer.from([0x9d, 0x0a])]));
    expect(() => importScheduleCsv(db, { path }, { timezone: ZONE, defaultRegion: 'US', now: NOW })).toThrow(/line 3002 has the byte 0x9D/);
    expect(scalar(db, sql`SELECT COUNT(*) FROM appointments`)).toBe(0);
    expect(scalar(db, sql`SELECT COUNT(*) FROM import_stage_rows`)).toBe(0);
    expect(scalar(db, sql`SELECT COUNT(*) FROM import_stages`)).toBe(0);
  });

  it('names a missing file as the user gave it', () => {
    expect(() =>
      importScheduleCsv(newDb(), { path: join(dir, 'nope.csv'), label: 'nope.csv' }, { timezone: ZONE, defaultRegion: 'US', now: NOW }),
    ).toThrow('cannot read nope.csv: ENOENT');
  });
});

describe('ByteDecoder', () => {
  function decodeInPieces(bytes: Uint8Array, step: number): string {
    const decoder = new ByteDecoder();
    let text = '';
    for (let i = 0; i < bytes.length; i += step) text += decoder.decode(bytes.subarray(i, i + step));
    return text + decoder.end();
  }

  it('gives the same text however the bytes are cut (characters split across chunks)', () => {
    const text = `${'x'.repeat(5000)}\nJosé Müller, Zoë O’Brien 😀\n`;
    const inputs = [
      Buffer.from(text, 'utf8'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
      Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(text)]),
    ];
    for (const bytes of inputs) for (const step of [1, 3, 4096, 5000]) expect(decodeInPieces(bytes, step)).toBe(text);
    const latin = 'x'.repeat(5000) + '\nJosé Müller, O’Brien\n';
    for (const step of [1, 7, 4096, 5001]) expect(decodeInPieces(windows1252(latin), step)).toBe(latin);
  });

  it('maps Windows-1252 0x80–0x9F as the WHATWG index does (Node 20.18.3+ TextDecoder reads them as Latin-1)', () => {
    const defined = [...Array(32).keys()].map((i) => 0x80 + i).filter((b) => ![0x81, 0x8d, 0x8f, 0x90, 0x9d].includes(b));
    const expected = [
      0x20ac, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x017d, 0x2018, 0x2019, 0x201c,
      0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x017e, 0x0178,
    ];
    // A non-UTF-8 byte first, so the decoder settles on Windows-1252.
    const decoded = decodeInPieces(Buffer.from([0xe9, 0x20, ...defined]), 4);
    expect([...decoded.slice(2)].map((c) => c.codePointAt(0))).toEqual(expected);
  });

  it('reports the encoding it used', () => {
    const decoder = new ByteDecoder();
    decoder.decode(Buffer.from([0xff, 0xfe, 0x41, 0]));
    decoder.end();
    expect(decoder.encoding).toBe('utf-16le');
  });
});
