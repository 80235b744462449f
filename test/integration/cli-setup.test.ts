import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phone } from '../helpers/engine';

const ROOT = join(__dirname, '..', '..');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'frontdesk-cli-setup-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI as a user would, on `db`, with the machine's zone set through TZ. */
function cli(db: string, args: readonly string[], machineZone = 'America/Chicago') {
  const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'frontdesk.cjs'), ...args, '--db', join(dir, db)], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, FRONTDESK_TRANSPORT: 'simulate', TZ: machineZone },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('init --timezone: IANA region zones only', () => {
  it.each([
    ['EST', /"EST" is an abbreviation.*no daylight saving time.*America\/New_York$/],
    ['Etc/GMT+5', /"Etc\/GMT\+5" is a fixed offset \(UTC−05:00\).*e\.g\. America\/New_York, America\/Toronto/],
    ['UTC-5', /"UTC-5" is a fixed offset \(UTC−05:00\).*America\/New_York/],
    ['UTC', /"UTC" is a fixed offset \(UTC\+00:00\).*Europe\/London/],
  ])('refuses %s with exit code 2, one line and a region zone to use, writing nothing', (zone, message) => {
    const db = `refused-${zone.replace(/\W/g, '_')}.db`;
    const r = cli(db, ['init', '--timezone', zone, '--json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr.trimEnd()).toMatch(message);
    expect(existsSync(join(dir, db))).toBe(false);
  });

  it('accepts a region zone; --json keeps timezone and adds the country settings', () => {
    const r = cli('init.db', ['init', '--timezone', 'America/New_York', '--json']);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ timezone: 'America/New_York', country: 'US', allowedCountries: ['US'] });
    const again = cli('init.db', ['init', '--allowed-countries', 'us, gb', '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ timezone: 'America/New_York', allowedCountries: ['US', 'GB'] });
    const bad = cli('init.db', ['init', '--allowed-countries', 'US,XX']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown country code "XX"/);
  });

  it('refuses a fixed-offset zone on an existing clinic too, keeping the old one', () => {
    cli('keep.db', ['init', '--timezone', 'America/Denver']);
    expect(cli('keep.db', ['init', '--timezone', 'MST']).code).toBe(2);
    expect(JSON.parse(cli('keep.db', ['status', '--json']).stdout)).toMatchObject({ timezone: 'America/Denver' });
  });
});

describe('no init: the machine zone, said once', () => {
  it('uses the machine zone and says so once on stderr, leaving --json output intact', () => {
    const first = cli('machine.db', ['status', '--json'], 'America/Chicago');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ timezone: 'America/Chicago' });
    expect(first.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(
        /^note: no clinic time zone is set, so this computer's zone America\/Chicago is used; set the clinic's own with "init --timezone ZONE"/,
      ),
    ]);
    const second = cli('machine.db', ['status', '--json'], 'America/Chicago');
    expect(second.stderr).toBe('');
  });

  it('warns that a fixed-offset machine zone has no daylight saving time', () => {
    const r = cli('machine-utc.db', ['today', '--json'], 'UTC');
    expect(JSON.parse(r.stdout)).toEqual([]);
    expect(r.stderr).toMatch(/this computer's zone UTC \(a fixed offset with no daylight saving time\) is used/);
  });

  it('init on a new file creates the clinic in its own zone and says nothing about the machine', () => {
    const r = cli('fresh-init.db', ['init', '--timezone', 'Europe/London', '--json'], 'America/Chicago');
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ timezone: 'Europe/London' });
  });
});

describe('import: only personal numbers', () => {
  it('rejects premium-rate, toll-free and shared-cost numbers with the reason; personal numbers import', () => {
    cli('numbers.db', ['init', '--timezone', 'America/New_York']);
    const csv = [
      'external_id,patient_name,phone,starts_at',
      `P1,Maria Lopez,${phone(1)},2026-11-28 10:00`,
      'P2,Premium Line,1-900-555-0199,2026-11-28 10:30',
      'P3,Toll Free,(800) 555-0199,2026-11-28 11:00',
      'P4,Olivia Brown,+44 7400 123456,2026-11-28 11:30',
      'P5,Shared Cost,+44 843 123 4567,2026-11-28 12:00',
      'P6,Aussie Shared,+61 1300 123 456,2026-11-28 12:30',
    ].join('\n');
    writeFileSync(join(dir, 'numbers.csv'), `${csv}\n`);
    const r = cli('numbers.db', ['import', 'numbers.csv', '--now', '2026-11-26T07:00:00-05:00', '--json']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as { created: number; rejected: { row: number; reason: string; patient?: string }[] };
    expect(result.created).toBe(2);
    expect(result.rejected).toEqual([
      {
        row: 3,
        patient: 'Premium Line',
        reason: 'phone "1-900-555-0199" is a premium-rate number; only mobile, landline and VoIP numbers can be texted or called',
      },
      {
        row: 4,
        patient: 'Toll Free',
        reason: 'phone "(800) 555-0199" is a toll-free number; only mobile, landline and VoIP numbers can be texted or called',
      },
      {
        row: 6,
        patient: 'Shared Cost',
        reason: 'phone "+44 843 123 4567" is a premium-rate number; only mobile, landline and VoIP numbers can be texted or called',
      },
      {
        row: 7,
        patient: 'Aussie Shared',
        reason: 'phone "+61 1300 123 456" is a shared-cost number; only mobile, landline and VoIP numbers can be texted or called',
      },
    ]);
  });

  it('today shows the foreign number as "country not allowed" right after planning', () => {
    cli('numbers.db', ['plan', '--now', '2026-11-26T07:00:00-05:00']);
    const today = JSON.parse(
      cli('numbers.db', ['today', '--date', '2026-11-28', '--now', '2026-11-26T07:00:00-05:00', '--json']).stdout,
    ) as {
      appointment: string;
      patient: string;
      startsAt: string;
      status: string;
      contacts: { channel: string; state: string; reason: string | null }[];
    }[];
    const p4 = today.find((a) => a.appointment === 'P4')!;
    expect(p4).toMatchObject({ patient: 'Olivia Brown', startsAt: '2026-11-28T11:30:00-05:00', status: 'booked' });
    expect(p4.contacts.filter((c) => c.channel !== 'email').map((c) => [c.state, c.reason])).toEqual([
      ['suppressed', 'country not allowed'],
      ['suppressed', 'country not allowed'],
    ]);
    const preview = JSON.parse(cli('numbers.db', ['preview', '--hours', '72', '--now', '2026-11-26T07:00:00-05:00', '--json']).stdout) as {
      appointment: string;
    }[];
    expect(preview.map((p) => p.appointment)).not.toContain('P4');
    expect(preview.map((p) => p.appointment)).toContain('P1');
  });
});
