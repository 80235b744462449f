import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

/**
 * Where a source's credential (a FHIR server's Bearer token) is kept: never in the schedule database, so it is
 * not in backups, `sources list` or the audit log. The desktop app can pass a store backed by the OS keychain
 * (like its Twilio credentials); the CLI keeps them in a file readable by the user only, beside the database.
 */
export interface SourceSecrets {
  get(sourceId: number): string | undefined;
  /** Stores a token, or forgets it (null). */
  set(sourceId: number, token: string | null): void;
}

export function memorySourceSecrets(): SourceSecrets {
  const tokens = new Map<number, string>();
  return {
    get: (id) => tokens.get(id),
    set: (id, token) => {
      if (token === null) tokens.delete(id);
      else tokens.set(id, token);
    },
  };
}

/** A JSON file (mode 0600) of source id → token, replaced whole on each change. */
export function fileSourceSecrets(path: string): SourceSecrets {
  const read = (): Record<string, string> => {
    if (!existsSync(path)) return {};
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, string>) : {};
  };
  return {
    get: (id) => {
      const value = read()[String(id)];
      return typeof value === 'string' ? value : undefined;
    },
    set: (id, token) => {
      const all = read();
      if (token === null) delete all[String(id)];
      else all[String(id)] = token;
      const temp = `${path}.tmp`;
      writeFileSync(temp, `${JSON.stringify(all)}\n`, { mode: 0o600 });
      chmodSync(temp, 0o600);
      renameSync(temp, path);
    },
  };
}

/** The token file of a database file. */
export function sourceSecretsPathFor(dbFile: string): string {
  return `${dbFile}.source-tokens.json`;
}
