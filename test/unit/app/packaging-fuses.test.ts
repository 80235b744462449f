import { FuseV1Options } from '@electron/fuses';
import { PlatformPackager } from 'app-builder-lib';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../..', import.meta.url).pathname;

/** electron-builder.yml as electron-builder itself loads and validates it. */
async function packagingConfig() {
  const config = await getConfig(ROOT, null, null);
  await validateConfiguration(config, { isEnabled: false, add: () => undefined } as never);
  return config;
}

describe('packaging: Electron fuses (docs/desktop-shell.md)', () => {
  it('the config sets every fuse we rely on, and electron-builder accepts it', async () => {
    const config = await packagingConfig();
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
    // onlyLoadAppFromAsar and asar integrity mean nothing without an asar archive.
    expect(config.asar).not.toBe(false);
  });

  it('electron-builder turns them into the fuse wire @electron/fuses writes into the binary', async () => {
    const config = await packagingConfig();
    // The same mapping electron-builder runs right before signing (PlatformPackager.doAddElectronFuses).
    const generate = (PlatformPackager.prototype as unknown as { generateFuseConfig(f: unknown): Promise<Record<number, unknown>> })
      .generateFuseConfig;
    const wire = await generate.call(null, config.electronFuses);
    expect(wire[FuseV1Options.RunAsNode]).toBe(false);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(true);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false);
  });
});
