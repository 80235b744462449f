import { all, first, run, sql } from '../sql';
import type { ReadableDB, WritableDB } from '../types';

export interface ImportProfileRow {
  name: string;
  mapping_json: string;
  date_format: 'MDY' | 'DMY' | 'YMD' | null;
  sheet: string | null;
  updated_at: number;
}

export function saveImportProfile(db: WritableDB, row: ImportProfileRow): void {
  run(
    db,
    sql`INSERT INTO import_profiles (name, mapping_json, date_format, sheet, updated_at)
     VALUES (${row.name}, ${row.mapping_json}, ${row.date_format}, ${row.sheet}, ${row.updated_at})
     ON CONFLICT (name) DO UPDATE SET mapping_json = excluded.mapping_json, date_format = excluded.date_format,
       sheet = excluded.sheet, updated_at = excluded.updated_at`,
  );
}

export function findImportProfile(db: ReadableDB, name: string): ImportProfileRow | undefined {
  return first<ImportProfileRow>(db, sql`SELECT * FROM import_profiles WHERE name = ${name}`);
}

export function listImportProfiles(db: ReadableDB): ImportProfileRow[] {
  return all<ImportProfileRow>(db, sql`SELECT * FROM import_profiles ORDER BY name`);
}

export function deleteImportProfile(db: WritableDB, name: string): boolean {
  return run(db, sql`DELETE FROM import_profiles WHERE name = ${name}`).changes === 1;
}
