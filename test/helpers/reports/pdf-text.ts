import { spawnSync } from 'node:child_process';

/**
 * Reads a PDF back with poppler-utils (Debian's pdftotext, pdfinfo, pdffonts; .ci/run installs them).
 * Missing tools are an error that says what to install, never a silent skip.
 */
function poppler(tool: string, args: readonly string[]): string {
  const result = spawnSync(tool, args, { encoding: 'utf8' });
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error(`${tool} is missing: install poppler-utils (apt-get install -y poppler-utils)`);
  }
  if (result.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

/** The text of one page (1-based), or of the whole document, in reading layout. */
export function pdfText(file: string, page?: number): string {
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return poppler('pdftotext', ['-layout', ...range, file, '-']);
}

export function pdfPages(file: string): number {
  const match = /^Pages:\s+(\d+)/m.exec(poppler('pdfinfo', [file]));
  if (!match) throw new Error(`pdfinfo printed no page count for ${file}`);
  return Number(match[1]);
}

/** Each font of the document with whether it is embedded. */
export function pdfFonts(file: string): { name: string; embedded: boolean }[] {
  return poppler('pdffonts', [file])
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const cells = line.trim().split(/\s+/);
      // name, type…, encoding, emb, sub, uni, object id: "emb" is the 5th column from the end.
      return { name: cells[0]!, embedded: cells[cells.length - 5] === 'yes' };
    });
}
