import { describe, expect, it } from 'vitest';
import { CsvTokenizer } from '../../../electron/core/sources/csv/tokenizer';
import { CSV_BOM, csvCell, csvDocument, csvRow, type CsvValue } from '../../../shared/util/csv-write';

/** Reads CSV text back with the import's own tokenizer. */
function readBack(text: string): string[][] {
  const records: string[][] = [];
  const tokenizer = new CsvTokenizer({ record: (r) => records.push(r.fields), problem: (p) => records.push([`PROBLEM ${p.reason}`]) });
  tokenizer.feed(text.startsWith(CSV_BOM) ? text.slice(1) : text);
  tokenizer.end();
  return records;
}

describe('csvCell: formula neutralisation', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","Click")', `"'=HYPERLINK(""http://evil.example"",""Click"")"`],
    ['+1 212 555 0101', "'+1 212 555 0101"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['  =1+1', "'  =1+1"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', `"'\r=1+1"`],
    ['＝1+1', "'＝1+1"],
  ])('writes %j so that no spreadsheet runs it', (value, written) => {
    expect(csvCell(value)).toBe(written);
  });

  it('leaves ordinary text, and numbers, as they are', () => {
    expect(csvCell('Ana Diaz')).toBe('Ana Diaz');
    expect(csvCell('Ann Lee-Smith + 1')).toBe('Ann Lee-Smith + 1');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(2.5)).toBe('2.5');
    expect(csvCell(true)).toBe('true');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(() => csvCell(Number.NaN)).toThrow(/cannot write NaN/);
  });

  it('quotes commas, quotes, line breaks and edge spaces', () => {
    expect(csvCell('Okafor, Chidi')).toBe('"Okafor, Chidi"');
    expect(csvCell('Dr. "Sam" Patel')).toBe('"Dr. ""Sam"" Patel"');
    expect(csvCell('line one\nline two')).toBe('"line one\nline two"');
    expect(csvCell(' padded ')).toBe('" padded "');
  });
});

describe('csvRow and csvDocument', () => {
  it('writes CRLF lines and a BOM, and read back gives every value (formulas as text)', () => {
    const rows: CsvValue[][] = [
      ['A1', 'Okafor, Chidi', '=cmd|/c calc', -5, null],
      ['A2', 'José "Nena" Müller', 'line one\r\nline two', 0, true],
    ];
    const text = csvDocument(['id', 'name', 'note', 'n', 'flag'], rows);
    expect(text.startsWith(CSV_BOM)).toBe(true);
    expect(csvRow(['a', 'b'])).toBe('a,b\r\n');
    expect(readBack(text)).toEqual([
      ['id', 'name', 'note', 'n', 'flag'],
      ['A1', 'Okafor, Chidi', "'=cmd|/c calc", '-5', ''],
      ['A2', 'José "Nena" Müller', 'line one\nline two', '0', 'true'],
    ]);
  });
});
