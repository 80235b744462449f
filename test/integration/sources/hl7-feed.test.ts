import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findAppointmentByExternalId } from '../../../electron/core/db/repos/appointments-repo';
import { listHl7Messages } from '../../../electron/core/db/repos/hl7-messages-repo';
import { listSources } from '../../../electron/core/db/repos/sources-repo';
import { silentLogger } from '../../../electron/core/platform/logger';
import { Hl7Listeners } from '../../../electron/core/sources/hl7/hl7-listeners';
import { mllpFrame } from '../../../electron/core/sources/hl7/mllp';
import { takeStaleAlarms } from '../../../electron/core/sources/sources-service';
import { createTestEngine, local, type TestEngine } from '../../helpers/engine';
import { ackOf } from '../../helpers/feeds/hl7-ack';
import { FakeMllpClient, freePort, siu } from '../../helpers/feeds/mllp-client';

let engine: TestEngine;
let listeners: Hl7Listeners;
let client: FakeMllpClient;
let sourceId: number;

beforeEach(async () => {
  engine = createTestEngine({ now: local('2026-11-26 07:00') });
  const port = await freePort();
  sourceId = engine.services.addHl7Source({ port, actor: 'test' }).id;
  listeners = new Hl7Listeners({
    db: engine.db,
    clock: engine.clock,
    logger: silentLogger,
    onReceipt: () => {},
    onProblem: (_id, message) => {
      throw new Error(message);
    },
    sleep: async () => {},
  });
  await listeners.refresh(listSources(engine.db));
  client = await FakeMllpClient.connect(listeners.portOf(sourceId)!);
});
afterEach(async () => {
  client.close();
  await listeners.stop();
  engine.cleanup();
});

const appointment = (id: string) => findAppointmentByExternalId(engine.db, 'hl7', id);
const pendingFor = (id: string): number =>
  (
    engine.db
      .prepare(
        `SELECT COUNT(*) AS n FROM outbox o JOIN appointments a ON a.id = o.appointment_id WHERE a.external_id = ? AND o.state = 'pending'`,
      )
      .get(id) as { n: number }
  ).n;
const appointmentCount = (): number => (engine.db.prepare('SELECT COUNT(*) AS n FROM appointments').get() as { n: number }).n;

describe('HL7 v2 SIU over MLLP (docs/hl7.md), with a real TCP client', () => {
  it('S12 books with MSA|AA|<MSH-10>: SCH-2 id, clinic-time start, cell phone (CP), e-mail (NET), provider from AIP-3', async () => {
    const ack = ackOf(await client.send(siu({ event: 'S12', controlId: 'C1', id: 'A1', start: '202611271000' })));
    expect(ack).toMatchObject({ code: 'AA', controlId: 'C1' });
    expect(ack.type).toBe('ACK');
    const a = appointment('A1')!;
    expect(a.starts_at).toBe(local('2026-11-27 10:00'));
    expect(a.status).toBe('booked');
    expect(a.provider).toBe('Jane Smith');
    const patient = engine.db.prepare('SELECT name, phone, email FROM patients WHERE id = ?').get(a.patient_id);
    expect(patient).toEqual({ name: 'Ana Diaz', phone: '+12125550101', email: 'ana@example.com' });
  });

  it('a repeated control id is answered AA and not applied twice; the raw message and outcome are stored', async () => {
    const message = siu({ event: 'S12', controlId: 'C1', id: 'A1', start: '202611271000' });
    await client.send(message);
    engine.clock.advance(60_000);
    // The EHR changed nothing but resends with the same id after a lost ACK; even a different body is not re-applied.
    const again = ackOf(await client.send(message.replace('202611271000', '202611271100')));
    expect(again.code).toBe('AA');
    expect(again.text).toMatch(/repeat/);
    expect(appointment('A1')!.starts_at).toBe(local('2026-11-27 10:00'));
    const stored = listHl7Messages(engine.db, sourceId, 10);
    expect(stored.map((m) => m.outcome)).toEqual(['duplicate', 'applied']);
    expect(stored[1]!.raw).toBe(message);
  });

  it('S13 reschedules and supersedes pending reminders; S15 cancels them in the same transaction; S26 marks a no-show', async () => {
    await client.send(siu({ event: 'S12', controlId: 'C1', id: 'A1', start: '202611281000' }));
    await client.send(siu({ event: 'S12', controlId: 'C2', id: 'A2', start: '202611281100' }));
    engine.services.plan();
    expect(pendingFor('A1')).toBeGreaterThan(0);
    const before = pendingFor('A1');
    expect(ackOf(await client.send(siu({ event: 'S13', controlId: 'C3', id: 'A1', start: '202611281400' }))).code).toBe('AA');
    expect(appointment('A1')!.starts_at).toBe(local('2026-11-28 14:00'));
    expect(pendingFor('A1')).toBe(0);
    engine.services.plan();
    expect(pendingFor('A1')).toBe(before);
    expect(ackOf(await client.send(siu({ event: 'S15', controlId: 'C4', id: 'A1', start: '202611281400' }))).code).toBe('AA');
    expect(appointment('A1')!.status).toBe('cancelled');
    expect(pendingFor('A1')).toBe(0);
    await client.send(siu({ event: 'S26', controlId: 'C5', id: 'A2', start: '202611281100' }));
    expect(appointment('A2')!.status).toBe('no_show');
    await client.send(siu({ event: 'S17', controlId: 'C6', id: 'A2', start: '202611281100' }));
    expect(appointment('A2')!.status).toBe('cancelled');
  });

  it('malformed and unusable messages get AR or AE with the reason and change nothing', async () => {
    const garbage = ackOf(await client.send('hello, not HL7'));
    expect(garbage.code).toBe('AR');
    const adt = siu({ event: 'S12', controlId: 'X1', id: 'B1', start: '202611271000' }).replace('SIU^S12^SIU_S12', 'ADT^A01^ADT_A01');
    expect(ackOf(await client.send(adt))).toMatchObject({ code: 'AR', controlId: 'X1' });
    const noPid = siu({ event: 'S12', controlId: 'X2', id: 'B1', start: '202611271000' })
      .split('\r')
      .filter((s) => !s.startsWith('PID'))
      .join('\r');
    expect(ackOf(await client.send(noPid))).toMatchObject({ code: 'AE', controlId: 'X2' });
    const badPhone = ackOf(
      await client.send(siu({ event: 'S12', controlId: 'X3', id: 'B1', start: '202611271000', phones: '555^PRN^CP' })),
    );
    expect(badPhone.code).toBe('AE');
    expect(badPhone.text).toMatch(/PID-13/);
    const noStart = ackOf(await client.send(siu({ event: 'S12', controlId: 'X4', id: 'B1', start: '' })));
    expect(noStart.code).toBe('AE');
    const noId = siu({ event: 'S12', controlId: '', id: 'B1', start: '202611271000' });
    expect(ackOf(await client.send(noId)).code).toBe('AR');
    expect(appointmentCount()).toBe(0);
    const view = engine.services.listSources().find((s) => s.id === sourceId)!;
    expect(view).toMatchObject({ kind: 'hl7', errorsLast24h: 6, lastOutcome: 'refused' });
    expect(view.lastSyncAt).not.toBeNull();
  });

  it('reads frames split across TCP writes and several frames in one write, answering in order', async () => {
    const one = mllpFrame(siu({ event: 'S12', controlId: 'S1', id: 'C1', start: '202611271000' }));
    const two = mllpFrame(siu({ event: 'S12', controlId: 'S2', id: 'C2', start: '202611271030' }));
    client.write(one.subarray(0, 40));
    await new Promise((resolve) => setTimeout(resolve, 20));
    client.write(Buffer.concat([one.subarray(40), two]));
    const acks = (await client.read(2)).map(ackOf);
    expect(acks.map((a) => [a.code, a.controlId])).toEqual([
      ['AA', 'S1'],
      ['AA', 'S2'],
    ]);
    expect(appointmentCount()).toBe(2);
  });

  it('a quiet feed raises the same stale-schedule alarm as a watch folder', async () => {
    await client.send(siu({ event: 'S12', controlId: 'Q1', id: 'D1', start: '202611271000' }));
    expect(takeStaleAlarms(engine.db, engine.clock.now())).toEqual([]);
    engine.clock.advance(3 * 24 * 3_600_000);
    const alarms = takeStaleAlarms(engine.db, engine.clock.now());
    expect(alarms.map((a) => a.sourceId)).toEqual([sourceId]);
    expect(alarms[0]!.message).toMatch(/no HL7 message has arrived/);
    expect(engine.services.listSources().find((s) => s.id === sourceId)!.stale).toBe(true);
  });
});

describe('HL7 over MLLP inside TLS', () => {
  it('listens with the given certificate and key, and answers over TLS', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'frontdesk-hl7-tls-'));
    const made = spawnSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        'key.pem',
        '-out',
        'cert.pem',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { cwd: dir, encoding: 'utf8' },
    );
    if (made.status !== 0) {
      console.log(`skipped: openssl could not make a test certificate (${made.error?.message ?? made.stderr})`);
      rmSync(dir, { recursive: true, force: true });
      return;
    }
    const tls = createTestEngine({ now: local('2026-11-26 07:00') });
    const tlsListeners = new Hl7Listeners({
      db: tls.db,
      clock: tls.clock,
      logger: silentLogger,
      onReceipt: () => {},
      onProblem: (_id, message) => {
        throw new Error(message);
      },
      sleep: async () => {},
    });
    try {
      const id = tls.services.addHl7Source({
        port: await freePort(),
        tlsCert: join(dir, 'cert.pem'),
        tlsKey: join(dir, 'key.pem'),
        actor: 'test',
      }).id;
      await tlsListeners.refresh(listSources(tls.db));
      const secure = await FakeMllpClient.connectTls(tlsListeners.portOf(id)!, readFileSync(join(dir, 'cert.pem')));
      expect(ackOf(await secure.send(siu({ event: 'S12', controlId: 'T1', id: 'T1', start: '202611271000' }))).code).toBe('AA');
      secure.close();
      expect(findAppointmentByExternalId(tls.db, 'hl7', 'T1')).toBeDefined();
    } finally {
      await tlsListeners.stop();
      tls.cleanup();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
