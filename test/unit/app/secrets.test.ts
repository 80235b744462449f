import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { channelConfigFromSecrets, createSecretStore, SECRET_KEYS, type SecretCrypto } from '../../../electron/app/secrets';
import { SecretInputSchema, SecretStatusSchema } from '../../../shared/api/contract';

// A reversible stand-in for safeStorage (XOR), so the test can see that the file is not plain text.
const fakeCrypto = (over: Partial<SecretCrypto> = {}): SecretCrypto => ({
  isEncryptionAvailable: () => true,
  encryptString: (s) => Buffer.from(Buffer.from(s).map((b) => b ^ 0x5a)),
  decryptString: (b) => Buffer.from(b.map((x) => x ^ 0x5a)).toString(),
  ...over,
});
// The keychain that wrote the file is gone (another OS user, a reset keyring, a locked keychain).
const otherKeychain = () =>
  fakeCrypto({
    decryptString: () => {
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    },
  });

const dirs: string[] = [];
const tempFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'frontdesk-secrets-'));
  dirs.push(dir);
  return join(dir, 'secrets.bin');
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const ALL = {
  twilioAccountSid: 'AC1',
  twilioAuthToken: 'tok-123',
  twilioFrom: '+15550000',
  smtpUrl: 'smtp://u:p@h',
  emailFrom: 'desk@clinic',
};

describe('secret store', () => {
  it('stores credentials encrypted and reports only whether they are set', () => {
    const file = tempFile();
    const store = createSecretStore({ file, crypto: fakeCrypto() });
    expect(store.status()).toEqual({ twilioConfigured: false, smtpConfigured: false, restartRequired: false, unreadable: false });
    expect(store.read()).toEqual({ kind: 'ok', values: {} });
    const status = store.set(ALL);
    expect(status).toEqual({ twilioConfigured: true, smtpConfigured: true, restartRequired: true, unreadable: false });
    expect(SecretStatusSchema.parse(status)).toEqual(status);
    expect(JSON.stringify(status)).not.toContain('tok-123');
    expect(readFileSync(file).toString('latin1')).not.toContain('tok-123');
    expect(createSecretStore({ file, crypto: fakeCrypto() }).read()).toMatchObject({ kind: 'ok', values: { twilioAuthToken: 'tok-123' } });
  });

  it('keeps absent keys, clears null or blank ones', () => {
    const store = createSecretStore({ file: tempFile(), crypto: fakeCrypto() });
    store.set({ smtpUrl: 'smtp://h', emailFrom: 'desk@clinic' });
    store.set({ smtpUrl: null, emailFrom: undefined });
    expect(store.read()).toEqual({ kind: 'ok', values: { emailFrom: 'desk@clinic' } });
    store.set({ emailFrom: '  ' });
    expect(store.read()).toEqual({ kind: 'ok', values: {} });
  });

  it('refuses to save without a real keychain (Linux basic_text)', () => {
    const file = tempFile();
    const weak = createSecretStore({ file, crypto: fakeCrypto({ getSelectedStorageBackend: () => 'basic_text' }) });
    expect(() => weak.set({ smtpUrl: 'smtp://h' })).toThrow('secure credential storage');
    const none = createSecretStore({ file, crypto: fakeCrypto({ isEncryptionAvailable: () => false }) });
    expect(() => none.set({ smtpUrl: 'smtp://h' })).toThrow('secure credential storage');
    expect(existsSync(file)).toBe(false);
  });
});

describe('secret store: a file this computer cannot decrypt', () => {
  function storedFile() {
    const file = tempFile();
    createSecretStore({ file, crypto: fakeCrypto() }).set(ALL);
    return { file, bytes: readFileSync(file) };
  }

  it('is reported as unreadable, never as "nothing stored"', () => {
    const { file } = storedFile();
    for (const crypto of [
      otherKeychain(),
      fakeCrypto({ isEncryptionAvailable: () => false }), // safeStorage unavailable
      fakeCrypto({ getSelectedStorageBackend: () => 'basic_text' }), // keyring gone on Linux
    ]) {
      const store = createSecretStore({ file, crypto });
      expect(store.read()).toMatchObject({ kind: 'unreadable' });
      expect(store.status()).toEqual({ twilioConfigured: false, smtpConfigured: false, restartRequired: false, unreadable: true });
    }
    writeFileSync(file, fakeCrypto().encryptString('not json {'));
    expect(createSecretStore({ file, crypto: fakeCrypto() }).read()).toMatchObject({
      kind: 'unreadable',
      problem: expect.stringContaining('decryption failed'),
    });
    writeFileSync(file, fakeCrypto().encryptString('"a string"'));
    expect(createSecretStore({ file, crypto: fakeCrypto() }).read()).toMatchObject({ kind: 'unreadable' });
  });

  it('saving one credential after a failed read is refused and drops nothing (the Twilio token survives)', () => {
    const { file, bytes } = storedFile();
    const locked = createSecretStore({ file, crypto: otherKeychain() });
    expect(() => locked.set({ smtpUrl: 'smtp://new@h' })).toThrow(/could not be read.*Enter all of them again.*Nothing was changed/s);
    expect(() => locked.set({ ...ALL, emailFrom: undefined })).toThrow('Nothing was changed');
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(existsSync(`${file}.tmp`)).toBe(false);
    // When the keychain that wrote it is back, every credential is still there.
    expect(createSecretStore({ file, crypto: fakeCrypto() }).read()).toEqual({ kind: 'ok', values: ALL });
  });

  it('re-entering every credential (null for the unused ones) writes a new file and keeps the unreadable one aside', () => {
    const { file, bytes } = storedFile();
    let decryptable = false;
    const crypto = fakeCrypto({
      decryptString: (b) => {
        if (!decryptable) throw new Error('other keychain');
        return fakeCrypto().decryptString(b);
      },
      encryptString: (s) => {
        decryptable = true; // the new file is written with this computer's keychain
        return fakeCrypto().encryptString(s);
      },
    });
    const store = createSecretStore({ file, crypto });
    const full = {
      smtpUrl: 'smtp://new@h',
      emailFrom: 'desk@clinic',
      twilioAccountSid: null,
      twilioAuthToken: null,
      twilioFrom: null,
      twilioMessagingServiceSid: null,
    };
    expect(Object.keys(full).sort()).toEqual([...SECRET_KEYS].sort());
    expect(SecretInputSchema.parse(full)).toEqual(full);
    expect(store.set(full)).toEqual({ twilioConfigured: false, smtpConfigured: true, restartRequired: true, unreadable: false });
    expect(store.read()).toEqual({ kind: 'ok', values: { smtpUrl: 'smtp://new@h', emailFrom: 'desk@clinic' } });
    expect(readFileSync(`${file}.unreadable`).equals(bytes)).toBe(true);
  });
});

describe('channelConfigFromSecrets', () => {
  it('passes only complete channel settings to the engine, or null for simulate', () => {
    expect(channelConfigFromSecrets({})).toBeNull();
    expect(channelConfigFromSecrets({ twilioAccountSid: 'AC1', twilioAuthToken: 't' })).toBeNull();
    expect(channelConfigFromSecrets({ smtpUrl: 'smtp://h', emailFrom: 'a@b' })).toEqual({ smtpUrl: 'smtp://h', emailFrom: 'a@b' });
    expect(channelConfigFromSecrets({ twilioAccountSid: 'AC1', twilioAuthToken: 't', twilioFrom: '+1555', smtpUrl: 'smtp://h' })).toEqual({
      accountSid: 'AC1',
      authToken: 't',
      from: '+1555',
    });
  });

  it('passes the Messaging Service (send-ahead) with complete Twilio settings only', () => {
    const twilio = { twilioAccountSid: 'AC1', twilioAuthToken: 't', twilioFrom: '+1555' };
    expect(channelConfigFromSecrets({ ...twilio, twilioMessagingServiceSid: 'MG1' })).toEqual({
      accountSid: 'AC1',
      authToken: 't',
      from: '+1555',
      messagingServiceSid: 'MG1',
    });
    expect(channelConfigFromSecrets({ smtpUrl: 'smtp://h', emailFrom: 'a@b', twilioMessagingServiceSid: 'MG1' })).toEqual({
      smtpUrl: 'smtp://h',
      emailFrom: 'a@b',
    });
  });
});
