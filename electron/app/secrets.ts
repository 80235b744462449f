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

export interface SecretStore extends SecretsPort {
  read(): SecretValues;
}

const KEYS: ReadonlyArray<keyof SecretInput> = ['twilioAccountSid', 'twilioAuthToken', 'twilioFrom', 'smtpUrl', 'emailFrom'];

function canEncrypt(crypto: SecretCrypto): boolean {
  if (!crypto.isEncryptionAvailable()) return false;
  return crypto.getSelectedStorageBackend?.() !== 'basic_text';
}

/**
 * Credentials encrypted with the OS keychain (safeStorage) in one file in the user-data folder.
 * Changes take effect when the engine next starts (transports are built once, at start).
 */
export function createSecretStore(opts: Readonly<{ file: string; crypto: SecretCrypto }>): SecretStore {
  const { file, crypto } = opts;
  let restartRequired = false;

  const read = (): SecretValues => {
    if (!existsSync(file)) return {};
    try {
      const plain = crypto.decryptString(readFileSync(file));
      const parsed = JSON.parse(plain) as Record<string, unknown>;
      const values: SecretValues = {};
      for (const key of KEYS) if (typeof parsed[key] === 'string') values[key] = parsed[key];
      return values;
    } catch {
      // Unreadable (keychain changed, file damaged): behave as "not configured" rather than refuse to start.
      return {};
    }
  };

  const status = (): SecretStatus => {
    const v = read();
    return {
      twilioConfigured: Boolean(v.twilioAccountSid && v.twilioAuthToken && v.twilioFrom),
      smtpConfigured: Boolean(v.smtpUrl && v.emailFrom),
      restartRequired,
    };
  };

  const set = (input: SecretInput): SecretStatus => {
    if (!canEncrypt(crypto)) {
      throw new UserError('BAD_REQUEST', 'This computer has no secure credential storage (keychain); credentials were not saved.');
    }
    const next: SecretValues = read();
    for (const key of KEYS) {
      const value = input[key];
      if (value === undefined) continue;
      if (value === null || value.trim() === '') delete next[key];
      else next[key] = value.trim();
    }
    const tmp = `${file}.tmp`;
    writeFileSync(tmp, crypto.encryptString(JSON.stringify(next)), { mode: 0o600 });
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
    ...(smtp ? { smtpUrl: v.smtpUrl, emailFrom: v.emailFrom } : {}),
  };
}
