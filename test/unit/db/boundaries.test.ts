import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The data-access rules of docs/data-access.md that the linter cannot express, checked on the source:
 * SQL lives in electron/core/db; repos open no transaction and import no rules, channels or outbox code.
 */
const ROOT = join(__dirname, '../../..');
const CORE = join(ROOT, 'electron/core');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Lines of `files` matching `pattern`, as "path:line: text". */
function offending(files: readonly string[], pattern: RegExp): string[] {
  return files.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, i) => (pattern.test(line) ? [`${relative(ROOT, file)}:${i + 1}: ${line.trim()}`] : [])),
  );
}

const DB_DIR = join(CORE, 'db');
const outsideDb = sourceFiles(CORE).filter((f) => !f.startsWith(DB_DIR));
const repos = sourceFiles(join(DB_DIR, 'repos'));

describe('where SQL lives', () => {
  it('no code outside electron/core/db prepares, runs or builds SQL', () => {
    expect(offending(outsideDb, /\.prepare\(|\bsql`|from '[./]*db\/sql'|\.exec\(\s*[`'"]/)).toEqual([]);
  });

  it('repos open no transaction (the services that call them do)', () => {
    expect(offending(repos, /\.transaction\(|\bBEGIN\b|\bCOMMIT\b|\bSAVEPOINT\b/)).toEqual([]);
  });

  it('repos import nothing from rules, channels, outbox or api (that logic lives in their callers)', () => {
    expect(offending(repos, /from '\.\.\/\.\.\/(rules|channels|outbox|api|sources|control|clinic)\//)).toEqual([]);
  });

  it('the checks see the files they are meant to (a moved folder would make them pass vacuously)', () => {
    expect(repos.map((f) => relative(DB_DIR, f))).toEqual(expect.arrayContaining(['repos/outbox-repo.ts', 'repos/clinic-repo.ts']));
    expect(outsideDb.map((f) => relative(CORE, f))).toEqual(
      expect.arrayContaining(['channels/simulate.ts', 'outbox/bulk-plan.ts', 'api/views.ts']),
    );
  });
});
