import { describe, expect, it } from 'vitest';
import { CsvTokenizer, MAX_RECORD_CHARS, type CsvProblem, type CsvRecord } from '../../../electron/core/sources/csv/tokenizer';

interface Read {
  records: { line: number; fields: string[] }[];
  problems: CsvProblem[];
  raw: (CsvRecord | CsvProblem)[];
}

/** Tokenizes `text` fed in pieces of `step` characters (the whole text at once by default). */
function tokenize(text: string, step: number = Math.max(text.length, 1)): Read {
  const out: Read = { records: [], problems: [], raw: [] };
  const tokenizer = new CsvTokenizer({
    record: (r) => {
      out.raw.push(r);
      out.records.push({ line: r.line, fields: r.fields });
    },
    problem: (p) => {
      out.raw.push(p);
      out.problems.push(p);
    },
  });
  for (let i = 0; i < text.length; i += step) tokenizer.feed(text.slice(i, i + step));
  tokenizer.end();
  return out;
}

describe('CsvTokenizer', () => {
  it('reads CRLF, LF and lone CR line endings', () => {
    for (const eol of ['\r\n', '\n', '\r']) {
      const { records, problems } = tokenize(['a,b', '1,2', '3,4', ''].join(eol));
      expect(problems).toEqual([]);
      expect(records).toEqual([
        { line: 1, fields: ['a', 'b'] },
        { line: 2, fields: ['1', '2'] },
        { line: 3, fields: ['3', '4'] },
      ]);
    }
  });

  it('keeps commas, doubled quotes and line breaks inside quoted fields, numbering by the starting line', () => {
    const { raw } = tokenize('a,b\r\n"Diaz, Ana","say ""hi""\r\nthere"\r\n\r\n5,6');
    expect(raw).toEqual([
      { line: 1, endLine: 1, fields: ['a', 'b'], continuationDelimiters: 0 },
      { line: 2, endLine: 3, fields: ['Diaz, Ana', 'say "hi"\nthere'], continuationDelimiters: 0 },
      { line: 4, endLine: 4, fields: [''], continuationDelimiters: 0 },
      { line: 5, endLine: 5, fields: ['5', '6'], continuationDelimiters: 0 },
    ]);
  });

  it('reports an unclosed quote on its line and reads the lines after it as rows', () => {
    const { records, problems } = tokenize('a,b\n1,2\n"broken,3\n4,5\n6,7\n');
    expect(problems).toEqual([{ line: 3, reason: 'a quoted field is never closed (missing ")' }]);
    expect(records.map((r) => r.line)).toEqual([1, 2, 4, 5]);
    expect(records[3]).toEqual({ line: 5, fields: ['6', '7'] });
  });

  it('keeps a stray quote inside an unquoted field as a character, as Excel does', () => {
    const { records, problems } = tokenize('a,b\n5" tall,2\nAna "Nena" Diaz,3\n');
    expect(problems).toEqual([]);
    expect(records.slice(1)).toEqual([
      { line: 2, fields: ['5" tall', '2'] },
      { line: 3, fields: ['Ana "Nena" Diaz', '3'] },
    ]);
  });

  it('reports text after a closing quote on that row only, and reads on from the next line', () => {
    const { records, problems } = tokenize('a,b\n"Nena" Diaz,2\n3,4\n');
    expect(problems).toEqual([{ line: 2, reason: 'a quoted field has text after its closing quote (a stray " in the row?)' }]);
    expect(records.map((r) => r.line)).toEqual([1, 3]);
  });

  it('reports a quote opened on one line and "closed" by a later quoted field, then re-reads the lines between', () => {
    // Line 2 opens a quote that is never properly closed; line 4's opening quote would "close" it with text after.
    const { records, problems } = tokenize('a,b,c\n1,"Ana Diaz,x\n2,Bob,y\n3,"Cy",z\n');
    expect(problems).toEqual([{ line: 2, reason: expect.stringMatching(/text after its closing quote/) }]);
    expect(records.slice(1)).toEqual([
      { line: 3, fields: ['2', 'Bob', 'y'] },
      { line: 4, fields: ['3', 'Cy', 'z'] },
    ]);
  });

  it('counts the delimiters on the continuation lines of a multi-line record', () => {
    const { raw } = tokenize('a,b,c\n1,"x\n2,3,4\n5,6,7",8\n9,9,9\n');
    expect(raw[1]).toEqual({ line: 2, endLine: 4, fields: ['1', 'x\n2,3,4\n5,6,7', '8'], continuationDelimiters: 3 });
    expect(raw[2]).toMatchObject({ line: 5, fields: ['9', '9', '9'] });
  });

  it('reports a row longer than the cap without holding it, and reads on', () => {
    const { records, problems } = tokenize(`a,b\n1,${'x'.repeat(MAX_RECORD_CHARS + 10)}\n2,3\n`, 4096);
    expect(problems).toEqual([{ line: 2, reason: 'the row is longer than 65,536 characters' }]);
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['2', '3'] },
    ]);
  });

  it('treats a quoted field running past the cap as unclosed, resuming on the next line', () => {
    const { records, problems } = tokenize(`a,b\n1,"${'x,y\n'.repeat(20_000)}`, 5000);
    expect(problems[0]).toEqual({ line: 2, reason: expect.stringMatching(/runs on for more than 65,536 characters/) });
    expect(records[1]).toEqual({ line: 3, fields: ['x', 'y'] });
  });

  it('gives the same records however the text is cut into pieces', () => {
    const texts = [
      'a,b\r\n"Diaz, Ana","say ""hi""\r\nthere"\r\n\r\n5,6',
      'a,b\n1,2\n"broken,3\n4,5\n6,7\n',
      'a,b\r1,"2\r\n3"\r4,5',
      'a,b\n"Nena" Diaz,2\n3,4',
      'a,b\n"x""\n1,2',
      'a,b,c\n1,"x\n2,3,4\n5,6,7",8\n9,9,9\n',
    ];
    for (const text of texts) {
      const whole = tokenize(text).raw;
      for (let step = 1; step <= 7; step++) expect(tokenize(text, step).raw).toEqual(whole);
    }
  });
});
