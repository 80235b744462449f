import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { channelConfigFromSecrets, createSecretStore, type SecretCrypto } from '../../../electron/app/secrets';

// A reversible stand-in for safeStorage (XOR), so the test can see that the file is not plain text.
const fakeCrypto = (over: Partial<SecretCrypto> = {}): SecretCrypto => ({
  isEncryptionAvailable: () => true,
  encryptString: (s) => Buffer.from(Buffer.from(s).map((b) => b ^ 0x5a)),
  decryptString: (b) => Buffer.from(b.map((x) => x ^ 0x5a)).toString(),
  ...over,
});

const dirs: string[] = [];
const tempFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'frontdesk-secrets-'));
  dirs.push(dir);
  return join(dir, 'secrets.bin');
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('secret store', () => {
  it('stores credentials encrypted and reports only whether they are set', () => {
    const file = tempFile();
    const store = createSecretStore({ file, crypto: fakeCrypto() });
    expect(store.status()).toEqual({ twilioConfigured: false, smtpConfigured: false, restartRequired: false });
    const status = store.set({ twilioAccountSid: 'AC1', twilioAuthToken: 'tok-123', twilioFrom: '+15550000', smtpUrl: 'smtp://u:p@h', emailFrom: 'desk@clinic' });
    expect(status).toEqual({ twilioConfigured: true, smtpConfigured: true, restartRequired: true });
    expect(JSON.stringify(status)).not.toContain('tok-123');
    expect(readFileSync(file).toString('latin1')).not.toContain('tok-123');
    expect(createSecretStore({ file, crypto: fakeCrypto() }).read()).toMatchObject({ twilioAuthToken: 'tok-123' });
  });

  it('keeps absent keys, clears null or blank ones', () => {
    const store = createSecretStore({ file: tempFile(), crypto: fakeCrypto() });
    store.set({ smtpUrl: 'smtp://h', emailFrom: 'desk@clinic' });
    store.set({ smtpUrl: null, emailFrom: undefined });
    expect(store.read()).toEqual({ emailFrom: 'desk@clinic' });
    store.set({ emailFrom: '  ' });
    expect(store.read()).toEqual({});
  });

  it('refuses to save without a real keychain (Linux basic_text) and reads damaged files as empty', () => {
    const file = tempFile();
    const weak = createSecretStore({ file, crypto: fakeCrypto({ getSelectedStorageBackend: () => 'basic_text' }) });
    expect(() => weak.set({ smtpUrl: 'smtp://h' })).toThrow('secure credential storage');
    const none = createSecretStore({ file, crypto: fakeCrypto({ isEncryptionAvailable: () => false }) });
    expect(() => none.set({ smtpUrl: 'smtp://h' })).toThrow();
    createSecretStore({ file, crypto: fakeCrypto() }).set({ smtpUrl: 'smtp://h' });
    const broken = createSecretStore({ file, crypto: fakeCrypto({ decryptString: () => { throw new Error('keychain changed'); } }) });
    expect(broken.read()).toEqual({});
  });
});

describe('channelConfigFromSecrets', () => {
  it('passes only complete channel settings to the engine, or null for simulate', () => {
    expect(channelConfigFromSecrets({})).toBeNull();
    expect(channelConfigFromSecrets({ twilioAccountSid: 'AC1', twilioAuthToken: 't' })).toBeNull();
    expect(channelConfigFromSecrets({ smtpUrl: 'smtp://h', emailFrom: 'a@b' })).toEqual({ smtpUrl: 'smtp://h', emailFrom: 'a@b' });
    expect(channelConfigFromSecrets({ twilioAccountSid: 'AC1', twilioAuthToken: 't', twilioFrom: '+1555', smtpUrl: 'smtp://h' })).toEqual({
      accountSid: 'AC1', authToken: 't', from: '+1555',
    });
  });
});
