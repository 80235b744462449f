import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';

/** Name of our entry in the autostart folder. */
export const AUTOSTART_FILE = 'frontdesk.desktop';

/**
 * The XDG autostart folder (docs/desktop-power.md#open-at-login): $XDG_CONFIG_HOME/autostart, or
 * ~/.config/autostart when XDG_CONFIG_HOME is unset, empty or relative (the spec says to ignore it then).
 */
export function autostartDir(env: Readonly<Record<string, string | undefined>>, home: string): string {
  const config = env['XDG_CONFIG_HOME'];
  return join(config && isAbsolute(config) ? config : join(home, '.config'), 'autostart');
}

/**
 * One argument of an Exec line, quoted as the Desktop Entry spec asks: inside double quotes, `"`, `` ` ``,
 * `$` and `\` take a backslash; `%` is doubled (field codes). Then the key file's own escaping doubles `\`.
 */
export function execArgument(arg: string): string {
  const percent = arg.replace(/%/g, '%%');
  const plain = /^[A-Za-z0-9_\-./=:+,@]+$/.test(percent);
  const quoted = plain ? percent : `"${percent.replace(/(["`$\\])/g, '\\$1')}"`;
  return quoted.replace(/\\/g, '\\\\');
}

/** The autostart entry: the app started hidden in the tray. */
export function autostartEntry(command: readonly string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    'Name=Frontdesk',
    'Comment=Appointment reminders: keeps sending from the tray',
    `Exec=${command.map(execArgument).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** Writes (enabled) or removes (disabled) the entry; the write goes through a temp file so a crash leaves no half entry. */
export function applyXdgAutostart(dir: string, enabled: boolean, command: readonly string[]): void {
  const file = join(dir, AUTOSTART_FILE);
  if (!enabled) {
    rmSync(file, { force: true });
    return;
  }
  mkdirSync(dir, { recursive: true });
  const temp = `${file}.tmp`;
  writeFileSync(temp, autostartEntry(command), { mode: 0o644 });
  renameSync(temp, file);
}
