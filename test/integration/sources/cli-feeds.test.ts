import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeFhirServer } from '../../helpers/feeds/fake-fhir';
import { ackOf } from '../../helpers/feeds/hl7-ack';
import { FakeMllpClient, freePort, siu } from '../../helpers/feeds/mllp-client';

const ROOT = join(__dirname, '..', '..', '..');
const CLI = join(ROOT, 'bin', 'frontdesk.cjs');
const NOW = '2026-11-26T07:00:00-05:00';
let dir: string;

function cli(db: string, args: readonly string[], now: string | null = NOW) {
  const result = spawnSync(process.execPath, [CLI, ...args, '--db', db, ...(now ? ['--now', now] : [])], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, FRONTDESK_TRANSPORT: 'simulate' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function json<T>(r: { code: number | null; stdout: string; stderr: string }): T {
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

function freshDb(name: string): string {
  const db = join(dir, `${name}.db`);
  expect(cli(db, ['init', '--timezone', 'America/New_York']).code).toBe(0);
  return db;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'frontdesk-cli-feeds-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('CLI: sources add hl7 / fhir (docs/hl7.md, docs/fhir.md)', () => {
  it('returns {id}; lists kind, target, lastSyncAt, lastResult and errors; refuses bad flags with exit 2', () => {
    const db = freshDb('add');
    const hl7 = json<{ id: number; kind: string; target: string }>(cli(db, ['sources', 'add', 'hl7', '--port', '2599', '--json']));
    expect(hl7).toMatchObject({ id: expect.any(Number), kind: 'hl7', target: '127.0.0.1:2599' });
    const wide = json<{ target: string }>(cli(db, ['sources', 'add', 'hl7', '--port', '2600', '--host', '0.0.0.0', '--json']));
    expect(wide.target).toBe('0.0.0.0:2600');
    const fhir = json<{ id: number; kind: string }>(
      cli(db, ['sources', 'add', 'fhir', 'https://ehr.example.org/fhir/r4/', '--token', 'tok-123', '--days', '7', '--json']),
    );
    expect(fhir).toMatchObject({ id: expect.any(Number), kind: 'fhir', target: 'https://ehr.example.org/fhir/r4' });
    const list = json<Record<string, unknown>[]>(cli(db, ['sources', 'list', '--json']));
    expect(list.map((s) => s['kind'])).toEqual(['hl7', 'hl7', 'fhir']);
    for (const s of list) expect(s).toMatchObject({ lastSyncAt: null, lastResult: null, errorsLast24h: 0, paused: null });
    expect(JSON.stringify(list)).not.toMatch(/tok-123/);
    expect(statSync(`${db}.source-tokens.json`).mode & 0o077).toBe(0);
    for (const bad of [
      ['sources', 'add', 'hl7', '--port', '70000'],
      ['sources', 'add', 'hl7', '--port', 'abc'],
      ['sources', 'add', 'fhir', 'not a url'],
      ['sources', 'add', 'fhir', 'https://x.example/fhir', '--days', '0'],
      ['sources', 'add', 'hl7', '--tls-cert', 'missing.pem'],
      ['sources', 'add', 'fhir', 'http://ehr.example.org/fhir', '--token', 'abc'],
    ]) {
      const r = cli(db, bad);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('CLI: import of HL7 and FHIR files, found by content', () => {
  it('imports an HL7 batch (LF segments, batch envelope) and a FHIR Bundle; the same file twice changes nothing', () => {
    const db = freshDb('files');
    const batch = [
      'FHS|^~\\&|EHR',
      siu({ event: 'S12', controlId: '1', id: 'H1', start: '202611271000' }),
      siu({ event: 'S12', controlId: '2', id: 'H2', start: '202611271100' }),
      siu({ event: 'S15', controlId: '3', id: 'H2', start: '202611271100' }),
      siu({ event: 'S12', controlId: '4', id: 'H3', start: '202611271200', phones: 'nope' }),
      'FTS|4',
    ]
      .join('\n')
      .replaceAll('\r', '\n');
    writeFileSync(join(dir, 'siu.txt'), batch);
    const first = json<Record<string, unknown>>(cli(db, ['import', 'siu.txt', '--json']));
    expect(first).toMatchObject({ kind: 'hl7', created: 2, updated: 0, rejectedCount: 1 });
    expect((first['rejected'] as { row: number; reason: string }[])[0]).toMatchObject({
      row: 4,
      reason: expect.stringMatching(/message 4 \(4\)/),
    });
    expect(json<Record<string, unknown>>(cli(db, ['import', 'siu.txt', '--json']))).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    const today = json<{ appointment: string; status: string }[]>(cli(db, ['today', '--date', '2026-11-27', '--json']));
    expect(today.map((a) => [a.appointment, a.status])).toEqual([
      ['H1', 'booked'],
      ['H2', 'cancelled'],
    ]);

    const bundle = {
      resourceType: 'Bundle',
      type: 'searchset',
      entry: [
        {
          resource: {
            resourceType: 'Appointment',
            id: 'F1',
            status: 'booked',
            start: '2026-11-27T13:00:00-05:00',
            minutesDuration: 20,
            participant: [{ actor: { reference: 'Patient/p1' } }],
          },
        },
        {
          resource: {
            resourceType: 'Patient',
            id: 'p1',
            name: [{ given: ['Cy'], family: 'Lee' }],
            telecom: [{ system: 'phone', use: 'mobile', value: '212-555-0199' }],
          },
        },
      ],
    };
    writeFileSync(join(dir, 'export.dat'), JSON.stringify(bundle, null, 2));
    expect(json<Record<string, unknown>>(cli(db, ['import', 'export.dat', '--json']))).toMatchObject({
      kind: 'fhir',
      created: 1,
      rejectedCount: 0,
    });
    const confirmed = json<{ status: string }>(cli(db, ['confirm', 'F1', '--json']));
    expect(confirmed.status).toBe('confirmed');
  });
});

describe('run listens for HL7 and polls FHIR (one session: both feeds change the schedule, the reminders follow)', () => {
  it('an S12 over MLLP and a FHIR server both reach the schedule of a running engine', async () => {
    const db = freshDb('run');
    const port = await freePort();
    const server = new FakeFhirServer();
    await server.start();
    server.addPatient('p1', { given: 'Dee', family: 'Ng' }, [{ system: 'sms', value: '212-555-0177', use: 'mobile' }]);
    const tomorrow = new Date(Date.now() + 30 * 3_600_000);
    const iso = tomorrow.toISOString().replace(/\.\d+Z$/, 'Z');
    server.addAppointment('R1', 'p1', iso);
    json(cli(db, ['sources', 'add', 'hl7', '--port', String(port), '--json'], null));
    json(cli(db, ['sources', 'add', 'fhir', server.base, '--token', 'secret-token', '--json'], null));
    const child = spawn(process.execPath, [CLI, 'run', '--db', db], { cwd: dir, env: { ...process.env, FRONTDESK_TRANSPORT: 'simulate' } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    try {
      let client: FakeMllpClient | undefined;
      for (let i = 0; i < 150 && !client; i++) {
        client = await FakeMllpClient.connect(port).catch(async () => {
          await new Promise((resolve) => setTimeout(resolve, 200));
          return undefined;
        });
      }
      expect(client, stderr).toBeDefined();
      const start = tomorrow.toISOString().slice(0, 16).replace(/[-T:]/g, '');
      const ack = ackOf(await client!.send(siu({ event: 'S12', controlId: 'RUN-1', id: 'M1', start: `${start}+0000` })));
      client!.close();
      expect(ack).toMatchObject({ code: 'AA', controlId: 'RUN-1' });
      for (let i = 0; i < 150 && !server.requests.length; i++) await new Promise((resolve) => setTimeout(resolve, 200));
      expect(server.requests.length).toBeGreaterThan(0);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      await server.stop();
    }
    const day = tomorrow.toLocaleDateString('en-CA', { timeZone: 'America/New_York' });
    const today = json<{ appointment: string; contacts: unknown[] }[]>(cli(db, ['today', '--date', day, '--json'], null));
    expect(today.map((a) => a.appointment).sort()).toEqual(['M1', 'R1']);
    const list = json<{ kind: string; lastResult: string | null }[]>(cli(db, ['sources', 'list', '--json'], null));
    expect(list.map((s) => [s.kind, s.lastResult !== null])).toEqual([
      ['hl7', true],
      ['fhir', true],
    ]);
    const planned = json<unknown[]>(cli(db, ['preview', '--hours', '48', '--json'], null));
    expect(planned.length).toBeGreaterThan(0);
  }, 90_000);
});
