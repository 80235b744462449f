import type Database from 'better-sqlite3';
import type { ReadableDB, WritableDB } from './types';

/**
 * How every query in core is written (docs/architecture.md):
 *
 *   run(db, sql`UPDATE outbox SET state = ${state}, updated_at = ${now} WHERE id = ${id}`);
 *   const row = first<PatientRow>(db, sql`SELECT … FROM patients WHERE id = ${id}`);
 *
 * Every interpolated value becomes a `?` placeholder and is bound, never pasted into the text. The only
 * things spliced into the text are other `sql` fragments (written as literals in our code) and names
 * checked against an allowlist (sqlIdentifier). The text is the cache key: each connection prepares a
 * given text once. See docs/database.md.
 */

/** What SQLite can bind. better-sqlite3 refuses booleans and undefined at run time; here the compiler does. */
export type SqlValue = string | number | bigint | Buffer | null;

class SqlQuery {
  /** Makes the type nominal: an object literal with `text` and `params` is not a query. */
  declare private readonly nominal: never;
  constructor(
    readonly text: string,
    readonly params: readonly SqlValue[],
  ) {}
}

/** A query (or fragment): its text with `?` placeholders and the values bound to them, in order. Only `sql` makes one. */
export type Sql = SqlQuery;

const NO_FRAGMENTS: (string | undefined)[] = [];

/** Per call site, the text last built and the fragment texts it was built with (a template's strings never change). */
const texts = new WeakMap<TemplateStringsArray, { text: string; fragments: (string | undefined)[] }>();

/** Builds a query from a template literal: values are bound; nested `sql` fragments are spliced in. */
export function sql(strings: TemplateStringsArray, ...values: readonly (SqlValue | Sql)[]): Sql {
  const params: SqlValue[] = [];
  let fragments: (string | undefined)[] | undefined;
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i]!;
    if (value instanceof SqlQuery) {
      fragments ??= new Array<string | undefined>(values.length);
      fragments[i] = value.text;
      for (const p of value.params) params.push(p);
    } else {
      params.push(value);
    }
  }
  return new SqlQuery(textOf(strings, fragments ?? NO_FRAGMENTS), params);
}

/** The text for these strings and fragments, rebuilt only when a fragment differs from last time (hot paths reuse it). */
function textOf(strings: TemplateStringsArray, fragments: (string | undefined)[]): string {
  const known = texts.get(strings);
  if (known && sameFragments(known.fragments, fragments, strings.length - 1)) return known.text;
  let text = strings[0]!;
  for (let i = 1; i < strings.length; i += 1) text += (fragments[i - 1] ?? '?') + strings[i]!;
  texts.set(strings, { text, fragments });
  return text;
}

function sameFragments(a: readonly (string | undefined)[], b: readonly (string | undefined)[], count: number): boolean {
  for (let i = 0; i < count; i += 1) if (a[i] !== b[i]) return false;
  return true;
}

const PLAIN_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A table or column name that must be chosen at run time, as a fragment. It must be one of `allowed`
 * (written in the repo, next to the query) and a plain SQL name; anything else throws. Never pass a name
 * that came from outside without this.
 */
export function sqlIdentifier<const Allowed extends string>(name: string, allowed: readonly Allowed[]): Sql {
  if (!(allowed as readonly string[]).includes(name)) {
    throw new Error(`SQL identifier "${name}" is not one of the allowed names (${allowed.join(', ')})`);
  }
  if (!PLAIN_IDENTIFIER.test(name)) throw new Error(`SQL identifier "${name}" is not a plain name`);
  return new SqlQuery(`"${name}"`, []);
}

type Mode = 'rows' | 'pluck' | 'write';

interface StatementCache {
  readonly rows: Map<string, Database.Statement>;
  readonly pluck: Map<string, Database.Statement>;
  readonly write: Map<string, Database.Statement>;
}

const caches = new WeakMap<Database.Database, StatementCache>();

function cacheOf(db: Database.Database): StatementCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = { rows: new Map(), pluck: new Map(), write: new Map() };
    caches.set(db, cache);
  }
  return cache;
}

/**
 * The connection's prepared statement for `text` in this mode, prepared on first use. A read (rows or
 * pluck) must not write: a query that would is refused when first prepared, so a ReadableDB can only read.
 */
function prepared(db: Database.Database, text: string, mode: Mode): Database.Statement {
  const perMode = cacheOf(db)[mode];
  let statement = perMode.get(text);
  if (!statement) {
    statement = db.prepare(text);
    if (mode !== 'write' && !statement.readonly) throw new Error(`a read query must not write: ${firstLine(text)}`);
    if (mode === 'pluck') statement.pluck();
    perMode.set(text, statement);
  }
  return statement;
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0]!.slice(0, 120);
}

/** Every row of a read. */
export function all<Row>(db: ReadableDB, query: Sql): Row[] {
  return prepared(db, query.text, 'rows').all(...query.params) as Row[];
}

/** The first row of a read, or undefined when there is none. */
export function first<Row>(db: ReadableDB, query: Sql): Row | undefined {
  return prepared(db, query.text, 'rows').get(...query.params) as Row | undefined;
}

/** The first column of the first row (e.g. a COUNT), or undefined when there is no row. */
export function scalar<Value>(db: ReadableDB, query: Sql): Value | undefined {
  return prepared(db, query.text, 'pluck').get(...query.params) as Value | undefined;
}

/** The first column of every row. */
export function column<Value>(db: ReadableDB, query: Sql): Value[] {
  return prepared(db, query.text, 'pluck').all(...query.params) as Value[];
}

/** Runs a write (INSERT, UPDATE, DELETE, DDL): how many rows changed and the last inserted rowid. */
export function run(db: WritableDB, query: Sql): Database.RunResult {
  return prepared(db, query.text, 'write').run(...query.params);
}

/** Runs a write with a RETURNING clause (e.g. an upsert that must give back its id): the first row it returns. */
export function runReturning<Row>(db: WritableDB, query: Sql): Row | undefined {
  return prepared(db, query.text, 'write').get(...query.params) as Row | undefined;
}
