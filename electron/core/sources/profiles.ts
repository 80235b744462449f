import { ColumnMappingSchema, type ImportProfile, type ImportReadOptions } from '../../../shared/domain/sources';
import type { ReadableDB, WritableDB } from '../db/types';
import {
  deleteImportProfile,
  findImportProfile,
  listImportProfiles,
  saveImportProfile,
  type ImportProfileRow,
} from '../db/repos/import-profiles-repo';
import { badRequest, notFound } from '../platform/errors';
import type { FileReadOptions } from './import-file';

function toProfile(row: ImportProfileRow): ImportProfile {
  return {
    name: row.name,
    mapping: ColumnMappingSchema.parse(JSON.parse(row.mapping_json)),
    dateFormat: row.date_format,
    sheet: row.sheet,
  };
}

export function listProfiles(db: ReadableDB): ImportProfile[] {
  return listImportProfiles(db).map(toProfile);
}

/** Saves (or replaces) a mapping profile: the next file from the same practice system reads the same way. */
export function saveProfile(db: WritableDB, profile: ImportProfile, now: number): ImportProfile {
  const name = profile.name.trim();
  if (!name) throw badRequest('a mapping profile needs a name');
  const mapping = ColumnMappingSchema.parse(profile.mapping);
  saveImportProfile(db, {
    name,
    mapping_json: JSON.stringify(mapping),
    date_format: profile.dateFormat,
    sheet: profile.sheet,
    updated_at: now,
  });
  return { ...profile, name, mapping };
}

export function deleteProfile(db: WritableDB, name: string): void {
  if (!deleteImportProfile(db, name)) throw notFound(`no mapping profile named "${name}"`);
}

/**
 * How to read a file: what the caller gives (--date-format, --map, --sheet) wins over the named profile's
 * settings, column by column; an unknown profile name is refused rather than ignored.
 */
export function resolveReadOptions(db: ReadableDB, given: Readonly<ImportReadOptions>): FileReadOptions {
  const row = given.profile === undefined ? undefined : findImportProfile(db, given.profile);
  if (given.profile !== undefined && !row) throw badRequest(`no mapping profile named "${given.profile}" (see the saved profiles)`);
  const profile = row ? toProfile(row) : undefined;
  return {
    dateFormat: given.dateFormat ?? profile?.dateFormat ?? undefined,
    mapping: { ...profile?.mapping, ...given.mapping },
    sheet: given.sheet ?? profile?.sheet ?? undefined,
  };
}
