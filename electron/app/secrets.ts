import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { SecretInput, SecretStatus } from '../../shared/api/contract';
import type { SecretsPort } from '../core/api/handlers';
import type { ChannelConfig } from '../core/channels/twilio-config';
import { UserError } from '../core/platform/errors';

/** Plain credential values, handed to the engine at start (never to the renderer). */
export type SecretValues = Partial<Record<keyof SecretInput, string>>;

/** The part of Electron's safeStorage we use (a fake in tests). */
export interface SecretCrypto {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: 'basic_text' means no keyring, i.e. a hard-coded key, which we refuse. */
  getSelectedStorageBackend?(): string;
}

/**
 * What the credentials file holds. `unreadable`: a file exists but this user / keychain cannot
 * decrypt it (keychain locked or changed, another OS user, damaged file). Never the same as "none".
 */
export type SecretRead = Readonly<{ kind: 'ok'; values: SecretValues }> | Readonly<{ kind: 'unreadable'; problem: string }>;

export interface SecretStore extends SecretsPort {
  read(): SecretRead;
}

export const SECRET_KEYS: ReadonlyArray<keyof SecretInput> = [
  'twilioAccountSid',
  'twilioAuthToken',
  'twilioFrom',
  'twilioMessagingServiceSid',
  'smtpUrl',
  'emailFrom',
];

/** Optional settings kept with the credentials: not needed to re-enter the rest after an unreadable file. */
const OPTIONAL_KEYS: ReadonlySet<keyof SecretInput> = new Set(['twilioMessagingServiceSid']);

/** Said in the engine's pause reason, the app's notification and the renderer's banner. */
export const UNREADABLE_SECRETS_MESSAGE =
  'Stored credentials could not be read — sending is paused until they are re-entered in Settings → Connections.';

function canEncrypt(crypto: SecretCrypto): boolean {
  if (!crypto.isEncryptionAvailable()) return false;
  return crypto.getSelectedStorageBackend?.() !== 'basic_text';
}

function decrypt(file: string, crypto: SecretCrypto): SecretRead {
  if (!existsSync(file)) return { kind: 'ok', values: {} };
  // We never write without a real keychain, so without one the file cannot be ours to read.
  if (!canEncrypt(crypto)) return { kind: 'unreadable', problem: 'no secure credential storage (keychain) is available' };
  try {
    const parsed: unknown = JSON.parse(crypto.decryptString(readFileSync(file)));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    const values: SecretValues = {};
    for (const key of SECRET_KEYS) {
      const value = (parsed as Record<string, unknown>)[key];
      if (typeof value === 'string') values[key] = value;
    }
    return { kind: 'ok', values };
  } catch (error) {
    return { kind: 'unreadable', problem: `decryption failed (${error instanceof Error ? error.message : String(error)})` };
  }
}

/** The values after applying `input`: null or blank clears a key, absent keeps it. */
function merge(current: SecretValues, input: SecretInput): SecretValues {
  const next: SecretValues = { ...current };
  for (const key of SECRET_KEYS) {
    const value = input[key];
    if (value === undefined) continue;
    if (value === null || value.trim() === '') delete next[key];
    else next[key] = value.trim();
  }
  return next;
}

/**
 * Credentials encrypted with the OS keychain (safeStorage) in one file in the user-data folder.
 * Changes take effect when the engine next starts (transports are built once, at start).
 * An unreadable file is never overwritten by a partial save: the user must re-enter every key
 * (a null says "I use none"), and the unreadable file is kept next to the new one as `.unreadable`.
 */
export function createSecretStore(opts: Readonly<{ file: string; crypto: SecretCrypto }>): SecretStore {
  const { file, crypto } = opts;
  let restartRequired = false;

  const read = (): SecretRead => decrypt(file, crypto);

  const status = (): SecretStatus => {
    const current = read();
    const v = current.kind === 'ok' ? current.values : {};
    return {
      twilioConfigured: Boolean(v.twilioAccountSid && v.twilioAuthToken && v.twilioFrom),
      smtpConfigured: Boolean(v.smtpUrl && v.emailFrom),
      restartRequired,
      unreadable: current.kind === 'unreadable',
    };
  };

  const set = (input: SecretInput): SecretStatus => {
    if (!canEncrypt(crypto)) {
      throw new UserError('BAD_REQUEST', 'This computer has no secure credential storage (keychain); credentials were not saved.');
    }
    const current = read();
    if (current.kind === 'unreadable') {
      const missing = SECRET_KEYS.filter((key) => input[key] === undefined && !OPTIONAL_KEYS.has(key));
      if (missing.length > 0) {
        throw new UserError(
          'BAD_REQUEST',
          'Stored credentials could not be read, so saving only some of them would lose the others. ' +
            'Enter all of them again (leave empty the ones you do not use) and save. Nothing was changed.',
        );
      }
    }
    const next = merge(current.kind === 'ok' ? current.values : {}, input);
    const tmp = `${file}.tmp`;
    writeFileSync(tmp, crypto.encryptString(JSON.stringify(next)), { mode: 0o600 });
    // The unreadable file is kept, in case the keychain that can read it comes back.
    if (current.kind === 'unreadable') renameSync(file, `${file}.unreadable`);
    renameSync(tmp, file);
    restartRequired = true;
    return status();
  };

  return { read, status, set };
}

/** The engine's channel settings from stored credentials, or null when none is set (simulate). */
export function channelConfigFromSecrets(v: SecretValues): ChannelConfig | null {
  const twilio = Boolean(v.twilioAccountSid && v.twilioAuthToken && v.twilioFrom);
  const smtp = Boolean(v.smtpUrl && v.emailFrom);
  if (!twilio && !smtp) return null;
  return {
    ...(twilio ? { accountSid: v.twilioAccountSid, authToken: v.twilioAuthToken, from: v.twilioFrom } : {}),
    ...(twilio && v.twilioMessagingServiceSid ? { messagingServiceSid: v.twilioMessagingServiceSid } : {}),
    ...(smtp ? { smtpUrl: v.smtpUrl, emailFrom: v.emailFrom } : {}),
  };
}
