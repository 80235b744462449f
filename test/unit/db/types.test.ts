import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openMemoryDatabase } from '../../../electron/core/db/connection';
import { listEvents, recordEvent } from '../../../electron/core/db/repos/events-repo';
import { run, type Sql, sql } from '../../../electron/core/db/sql';
import type { ReadableDB, WritableDB } from '../../../electron/core/db/types';

/**
 * Compile-time checks: `npx tsc -b` (part of `npm test`) fails if any line marked @ts-expect-error
 * compiles, i.e. if the brands stop keeping connections apart. Never called.
 */
function brandsAreChecked(raw: Database.Database, readable: ReadableDB, writable: WritableDB): void {
  // @ts-expect-error a connection that was not opened through connection.ts has no brand
  listEvents(raw, 1);
  // @ts-expect-error a ReadableDB cannot be passed to a write
  recordEvent(readable, 0, 'kind', 'actor');
  // @ts-expect-error run() needs a WritableDB
  run(readable, sql`DELETE FROM events`);
  // @ts-expect-error a ReadableDB is not a WritableDB
  const widened: WritableDB = readable;
  // A WritableDB can do everything a ReadableDB can.
  const narrowed: ReadableDB = writable;
  listEvents(narrowed, 1);
  void widened;
}

/** What `sql` binds: SQLite's values. better-sqlite3 throws on booleans and undefined at run time; here it does not compile. */
function onlySqliteValuesBind(flag: boolean, missing: string | undefined): Sql[] {
  return [
    // @ts-expect-error booleans are not SQLite values (write `flag ? 1 : 0`)
    sql`SELECT ${flag}`,
    // @ts-expect-error undefined is not a SQLite value (write `?? null`)
    sql`SELECT ${missing}`,
    // @ts-expect-error a Date is not bound either (store epoch milliseconds)
    sql`SELECT ${new Date(0)}`,
    sql`SELECT ${flag ? 1 : 0}, ${missing ?? null}, ${'text'}, ${1n}, ${Buffer.alloc(1)}`,
    // @ts-expect-error a fragment comes only from `sql` or sqlIdentifier, never from an object made elsewhere
    sql`SELECT * FROM ${{ text: 'notes; DROP TABLE notes', params: [] }}`,
  ];
}

describe('branded connection types', () => {
  it('are plain better-sqlite3 connections at run time: openMemoryDatabase gives a WritableDB that reads and writes', () => {
    const db: WritableDB = openMemoryDatabase();
    recordEvent(db, 1, 'checked', 'test');
    const readable: ReadableDB = db;
    expect(listEvents(readable, 5).map((e) => e.kind)).toEqual(['checked']);
    expect([brandsAreChecked, onlySqliteValuesBind]).toHaveLength(2);
    db.close();
  });
});
