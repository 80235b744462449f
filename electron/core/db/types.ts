import type Database from 'better-sqlite3';

/**
 * The connection types every layer shares. A leaf: it imports nothing of ours, so connection.ts, the
 * migration runner, the migrations and the repos can all use it without importing one another.
 *
 * Both are better-sqlite3 connections with a brand the compiler checks: a plain `Database` is neither,
 * and a ReadableDB cannot be passed where a WritableDB is needed. Query functions take the narrowest:
 * reads take ReadableDB (a WritableDB is one too), writes take WritableDB. The brand is given in one
 * place, when a connection is opened (see asWritableDB / asReadableDB below).
 */
export type ReadableDB = Database.Database & { readonly __readableDb: never };
export type WritableDB = ReadableDB & { readonly __writableDb: never };

/** Brands a connection opened read-write. Refuses a read-only one: its first write would fail much later. */
export function asWritableDB(db: Database.Database): WritableDB {
  if (db.readonly) throw new Error(`${db.name} was opened read-only; it cannot be used for writing`);
  return db as WritableDB;
}

/** Brands a connection for reading (read-only or not). */
export function asReadableDB(db: Database.Database): ReadableDB {
  return db as ReadableDB;
}
