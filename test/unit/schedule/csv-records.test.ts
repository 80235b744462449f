import { describe, expect, it } from 'vitest';
import { readCsvRecords } from '../../../electron/core/schedule/csv-records';

describe('readCsvRecords', () => {
  it('strips a UTF-8 BOM and reads CRLF line endings', () => {
    const { records, problems } = readCsvRecords('\uFEFFa,b\r\n1,2\r\n3,4\r\n');
    expect(problems).toEqual([]);
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
      { line: 3, fields: ['3', '4'] },
    ]);
  });

  it('keeps commas, doubled quotes and newlines inside quoted fields, numbering by the starting line', () => {
    const text = 'a,b\r\n"Diaz, Ana","say ""hi""\r\nthere"\r\n\r\n5,6';
    const { records } = readCsvRecords(text);
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['Diaz, Ana', 'say "hi"\nthere'] },
      { line: 5, fields: ['5', '6'] },
    ]);
  });

  it('skips blank and all-empty lines but counts them', () => {
    const { records } = readCsvRecords('a,b\n\n , \n,\n7,8\n');
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 5, fields: ['7', '8'] },
    ]);
  });

  it('reports an unclosed quote on its line and keeps reading the rows after it', () => {
    const { records, problems } = readCsvRecords('a,b\n1,2\n"broken,3\n4,5\n6,7\n');
    expect(problems).toEqual([{ line: 3, reason: 'a quoted field is never closed (missing ")' }]);
    expect(records.map((r) => r.line)).toEqual([1, 2, 4, 5]);
    expect(records[3]).toEqual({ line: 5, fields: ['6', '7'] });
  });

  it('tolerates a stray quote inside an unquoted field', () => {
    const { records, problems } = readCsvRecords('a,b\n5" tall,2\n');
    expect(problems).toEqual([]);
    expect(records[1]).toEqual({ line: 2, fields: ['5" tall', '2'] });
  });
});
