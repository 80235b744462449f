import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../..', import.meta.url).pathname;
const UNIT = join(ROOT, 'build', 'linux', 'frontdesk-engine.service');

/** The unit's key=value lines of one section. */
function section(text: string, name: string): Map<string, string> {
  const body = text.split(/^\[/m).find((s) => s.startsWith(`${name}]`)) ?? '';
  const entries = body
    .split('\n')
    .slice(1)
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] as const);
  return new Map(entries);
}

/** electron-builder's macro filling for deb scripts: only the names it defines, or it fails the build. */
function fillDebScript(file: string): string {
  const defined: Record<string, string> = { executable: 'frontdesk', sanitizedProductName: 'Frontdesk', productFilename: 'Frontdesk' };
  return readFileSync(file, 'utf8').replace(/\$\{([a-zA-Z]+)\}/g, (_m, name: string) => {
    if (!(name in defined)) throw new Error(`${file}: macro ${name} is not defined by electron-builder`);
    return defined[name]!;
  });
}

describe('packaging: the headless engine (docs/headless.md)', () => {
  it('the systemd unit runs node on the CLI bundle directly (no npm), restarts on failure, and stops with SIGTERM', () => {
    const service = section(readFileSync(UNIT, 'utf8'), 'Service');
    const exec = service.get('ExecStart')!.split(' ');
    expect(exec.slice(0, 3)).toEqual(['/usr/bin/node', '/opt/Frontdesk/resources/headless/cli/frontdesk.cjs', 'run']);
    expect(service.get('ExecStart')).not.toMatch(/\bnpm\b/);
    expect(service.get('Restart')).toBe('on-failure');
    expect(service.get('KillSignal')).toBe('SIGTERM');
    // Longer than the engine's own 25 s stop limit, so systemd never has to SIGKILL it.
    expect(Number(service.get('TimeoutStopSec'))).toBeGreaterThan(25);
    expect(service.get('StateDirectory')).toBe('frontdesk');
    expect(exec).toContain('/var/lib/frontdesk/frontdesk.db');
  });

  it('systemd itself accepts the unit (where systemd-analyze exists)', (ctx) => {
    const probe = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' });
    if (probe.error) {
      console.log(`skipped: systemd-analyze is not installed (${probe.error.message})`);
      ctx.skip();
    }
    const verify = spawnSync('systemd-analyze', ['verify', UNIT], { encoding: 'utf8' });
    expect(verify.stderr).toBe('');
    expect(verify.status).toBe(0);
  });

  it('electron-builder ships the staged engine and the unit in resources, and the deb scripts install and remove the unit', async () => {
    const config = await getConfig(ROOT, null, null);
    await validateConfiguration(config, { isEnabled: false, add: () => undefined } as never);
    expect(config.linux?.extraResources).toEqual([
      { from: 'out/headless', to: 'headless' },
      { from: 'build/linux/frontdesk-engine.service', to: 'frontdesk-engine.service' },
    ]);
    expect(config.deb?.afterInstall).toBe('build/linux/after-install.sh');
    expect(config.deb?.afterRemove).toBe('build/linux/after-remove.sh');
    const install = fillDebScript(join(ROOT, 'build', 'linux', 'after-install.sh'));
    const remove = fillDebScript(join(ROOT, 'build', 'linux', 'after-remove.sh'));
    expect(install).toContain('install -m 0644 "$APP_DIR/resources/frontdesk-engine.service" /lib/systemd/system/frontdesk-engine.service');
    expect(install).toContain("APP_DIR='/opt/Frontdesk'");
    // Installed, never enabled by the package: a desk PC runs the app instead.
    expect(install).not.toMatch(/systemctl (enable|start)/);
    expect(remove).toContain('rm -f /lib/systemd/system/frontdesk-engine.service');
    // Replacing electron-builder's default script must keep its work: the command link and the sandbox.
    expect(install).toContain('update-alternatives --install "/usr/bin/$EXE"');
    expect(install).toContain('chrome-sandbox');
    for (const script of [install, remove]) expect(spawnSync('bash', ['-n'], { input: script }).status).toBe(0);
    // The dist script stages the engine before electron-builder rebuilds better-sqlite3 for Electron.
    const dist = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['dist']!;
    expect(dist.indexOf('stage-headless')).toBeGreaterThan(-1);
    expect(dist.indexOf('stage-headless')).toBeLessThan(dist.indexOf('electron-builder'));
    expect(existsSync(join(ROOT, 'scripts', 'stage-headless.cjs'))).toBe(true);
  });
});
