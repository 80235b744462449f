import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phone, scheduleCsv, setSettleMinutesInFile } from '../../helpers/engine';

const ROOT = join(__dirname, '..', '..', '..');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'frontdesk-cli-coverage-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(db: string, args: readonly string[]) {
  const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'frontdesk.cjs'), ...args, '--db', join(dir, db)], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, FRONTDESK_TRANSPORT: 'simulate' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const FRIDAY = '2026-12-04T15:00:00-05:00';

describe('CLI: init --desk-hours and coverage', () => {
  it('stores the desk hours, lists what is due while the desk is off as JSON, and refuses bad input with exit 2', () => {
    const init = cli('c.db', ['init', '--timezone', 'America/New_York', '--desk-hours', 'Mon-Fri 07:30-18:00', '--json', '--now', FRIDAY]);
    expect(init.stderr).toBe('');
    expect(JSON.parse(init.stdout)).toMatchObject({ timezone: 'America/New_York', deskHours: 'Mon-Fri 07:30-18:00' });
    setSettleMinutesInFile(join(dir, 'c.db'), 0);
    writeFileSync(
      join(dir, 's.csv'),
      scheduleCsv([
        { id: 'MON-10', name: 'Ana Diaz', phone: phone(1), startsAt: '2026-12-07 10:00' },
        { id: 'FRI-16', name: 'Ben Cole', phone: phone(2), startsAt: '2026-12-04 16:30' },
      ]),
    );
    expect(cli('c.db', ['import', 's.csv', '--now', FRIDAY]).code).toBe(0);
    expect(cli('c.db', ['plan', '--now', FRIDAY]).code).toBe(0);

    const coverage = cli('c.db', ['coverage', '--json', '--now', FRIDAY]);
    expect(coverage.stderr).toBe('');
    const rows = JSON.parse(coverage.stdout) as Record<string, string>[];
    expect(rows.map(({ appointment, channel, dueAt }) => ({ appointment, channel, dueAt }))).toEqual([
      { appointment: 'MON-10', channel: 'sms', dueAt: '2026-12-06T10:00:00-05:00' },
    ]);
    expect(rows[0]!['reason']).toMatch(/Sun 6 Dec 10:00 → Mon 7 Dec 08:00.*08:00–21:00/);

    // Within 24 hours nothing is at risk yet (the text is due Sunday).
    expect(JSON.parse(cli('c.db', ['coverage', '--hours', '24', '--json', '--now', FRIDAY]).stdout)).toEqual([]);
    // The desk open on Sunday morning too: Sunday 10:00-12:00 is both desk and sending time.
    cli('c.db', ['init', '--desk-hours', 'Mon-Fri 07:30-18:00, Sun 10:00-12:00', '--now', FRIDAY]);
    expect(JSON.parse(cli('c.db', ['coverage', '--json', '--now', FRIDAY]).stdout)).toEqual([]);
  });

  it.each([
    [['init', '--desk-hours', 'Mon-Fri 18:00-07:30'], /--desk-hours: .*ends before it starts/],
    [['init', '--desk-hours', 'Weekdays 9-5'], /--desk-hours: .*"Weekdays" is not a day/],
    [['coverage', '--hours', 'soon'], /--hours must be a number of hours from 0 to 840, got "soon"/],
    [['coverage', '--hours=-1'], /--hours must be a number of hours from 0 to 840, got "-1"/],
  ])('%j: one line on stderr, exit 2', (args, message) => {
    const r = cli('bad.db', [...args, '--json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });

  it('says which desk hours it assumed when none are configured or learned', () => {
    const r = cli('fresh.db', ['coverage', '--now', FRIDAY]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Desk hours \(assumed\): Mon-Fri 08:00-18:00/);
  });
});
