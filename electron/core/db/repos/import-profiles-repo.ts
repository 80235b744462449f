import type { DB } from '../connection';
import { stmt } from '../sql';

export interface ImportProfileRow {
  name: string;
  mapping_json: string;
  date_format: 'MDY' | 'DMY' | 'YMD' | null;
  sheet: string | null;
  updated_at: number;
}

export function saveImportProfile(db: DB, row: ImportProfileRow): void {
  stmt(
    db,
    `INSERT INTO import_profiles (name, mapping_json, date_format, sheet, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET mapping_json = excluded.mapping_json, date_format = excluded.date_format,
       sheet = excluded.sheet, updated_at = excluded.updated_at`,
  ).run(row.name, row.mapping_json, row.date_format, row.sheet, row.updated_at);
}

export function findImportProfile(db: DB, name: string): ImportProfileRow | undefined {
  return stmt(db, `SELECT * FROM import_profiles WHERE name = ?`).get(name) as ImportProfileRow | undefined;
}

export function listImportProfiles(db: DB): ImportProfileRow[] {
  return stmt(db, `SELECT * FROM import_profiles ORDER BY name`).all() as ImportProfileRow[];
}

export function deleteImportProfile(db: DB, name: string): boolean {
  return stmt(db, `DELETE FROM import_profiles WHERE name = ?`).run(name).changes === 1;
}
