import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findAppointmentByExternalId } from '../../../electron/core/db/repos/appointments-repo';
import { createTestEngine, local, type TestEngine } from '../../helpers/engine';
import { FakeFhirServer } from '../../helpers/feeds/fake-fhir';

let engine: TestEngine;
let server: FakeFhirServer;

beforeEach(async () => {
  engine = createTestEngine({ now: local('2026-11-26 07:00') });
  server = new FakeFhirServer();
  await server.start();
  server.addPatient('p1', { given: 'Ana', family: 'Diaz' }, [
    { system: 'phone', value: '(212) 555-0101', use: 'home', rank: 1 },
    { system: 'phone', value: '(212) 555-0102', use: 'mobile', rank: 2 },
    { system: 'email', value: 'Ana@Example.com' },
  ]);
  server.addPatient('p2', { given: 'Ben', family: 'Okafor' }, [
    { system: 'phone', value: '(212) 555-0201', use: 'home', rank: 2 },
    { system: 'phone', value: '(212) 555-0202', use: 'work', rank: 1 },
    { system: 'phone', value: '(212) 555-0203', use: 'old' },
  ]);
  server.addAppointment('a1', 'p1', '2026-11-27T10:00:00-05:00');
  server.addAppointment('a2', 'p2', '2026-11-27T11:00:00.000-05:00', 'arrived', 45);
  server.addAppointment('a3', 'p1', '2026-11-30T09:00:00-05:00', 'noshow');
  server.addAppointment('a4', 'p2', '2026-12-01T09:00:00-05:00', 'fulfilled');
  server.addAppointment('a5', 'p1', '2026-12-02T09:00:00-05:00', 'proposed');
});
afterEach(async () => {
  await server.stop();
  engine.cleanup();
});

const appointment = (id: string) => findAppointmentByExternalId(engine.db, 'fhir', id);
const pendingFor = (id: string): number =>
  (
    engine.db
      .prepare(
        `SELECT COUNT(*) AS n FROM outbox o JOIN appointments a ON a.id = o.appointment_id WHERE a.external_id = ? AND o.state = 'pending'`,
      )
      .get(id) as { n: number }
  ).n;

describe('FHIR R4 polling (docs/fhir.md), against a fake server on 127.0.0.1', () => {
  it('follows every next link with the Bearer token and maps status, start, duration, phone and email', async () => {
    const source = engine.services.addFhirSource({ base: server.base, token: 'secret-token', days: 14, actor: 'test' });
    const [result] = await engine.services.syncSources();
    expect(result).toMatchObject({ sourceId: source.id, outcome: 'imported' });
    expect(result!.result).toMatchObject({ created: 4, rejectedCount: 1 });
    expect(result!.result!.rejected[0]!.reason).toMatch(/a5.*proposed/);
    expect(server.requests).toHaveLength(3);
    expect(server.requests.every((r) => r.authorization === 'Bearer secret-token')).toBe(true);
    expect(server.requests[0]!.url).toBe('/fhir/Appointment?date=ge2026-11-26&date=lt2026-12-10&_include=Appointment:patient&_count=200');
    const a1 = appointment('a1')!;
    expect(a1).toMatchObject({ starts_at: local('2026-11-27 10:00'), status: 'booked', duration_min: 30, provider: 'Dr. Jane Smith' });
    expect(engine.db.prepare('SELECT name, phone, email FROM patients WHERE id = ?').get(a1.patient_id)).toEqual({
      name: 'Ana Diaz',
      phone: '+12125550102',
      email: 'ana@example.com',
    });
    const a2 = appointment('a2')!;
    expect(a2).toMatchObject({ status: 'booked', duration_min: 45 });
    expect((engine.db.prepare('SELECT phone FROM patients WHERE id = ?').get(a2.patient_id) as { phone: string }).phone).toBe(
      '+12125550202',
    );
    expect(appointment('a3')!.status).toBe('no_show');
    expect(appointment('a4')!.status).toBe('completed');
    expect(appointment('a5')).toBeUndefined();
    const again = await engine.services.syncSources();
    expect(again[0]!.result).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
  });

  it('updates changed, moved and vanished appointments; a cancellation ends pending reminders', async () => {
    engine.services.addFhirSource({ base: server.base, token: 'secret-token', days: 14, actor: 'test' });
    server.addAppointment('a6', 'p2', '2026-11-28T09:00:00-05:00');
    server.addAppointment('a7', 'p2', '2026-11-28T10:00:00-05:00');
    server.addAppointment('a8', 'p2', '2026-11-28T11:00:00-05:00');
    await engine.services.syncSources();
    engine.services.plan();
    expect(pendingFor('a1')).toBeGreaterThan(0);
    server.appointments.get('a1')!.status = 'cancelled';
    server.appointments.get('a6')!.start = '2027-01-20T09:00:00-05:00';
    server.appointments.delete('a7');
    const [result] = await engine.services.syncSources();
    expect(result!.outcome).toBe('imported');
    expect(appointment('a1')!.status).toBe('cancelled');
    expect(pendingFor('a1')).toBe(0);
    expect(appointment('a6')!.starts_at).toBe(local('2027-01-20 09:00'));
    expect(appointment('a6')!.status).toBe('booked');
    expect(appointment('a7')!.status).toBe('cancelled');
    expect(appointment('a8')!.status).toBe('booked');
    expect(server.requests.some((r) => r.url.includes('_id='))).toBe(true);
  });

  it('a 401 pauses that source only, with a clear message, until a new token is given; the token is not in the database', async () => {
    const source = engine.services.addFhirSource({ base: server.base, token: 'wrong-token', days: 14, actor: 'test' });
    const [refused] = await engine.services.syncSources();
    expect(refused).toMatchObject({ outcome: 'refused' });
    expect(refused!.summary).toMatch(/HTTP 401.*paused.*--token/);
    const view = engine.services.listSources().find((s) => s.id === source.id)!;
    expect(view.paused).toMatch(/refused the access token/);
    expect(view.errorsLast24h).toBe(1);
    expect(engine.services.status().paused).toBe(false);
    const asked = server.requests.length;
    const [stillPaused] = await engine.services.syncSources();
    expect(stillPaused!.summary).toMatch(/^paused: /);
    expect(server.requests).toHaveLength(asked);
    engine.services.addFhirSource({ base: server.base, token: 'secret-token', days: 14, actor: 'test' });
    const [resumed] = await engine.services.syncSources();
    expect(resumed!.outcome).toBe('imported');
    expect(engine.services.listSources().find((s) => s.id === source.id)!.paused).toBeNull();
    engine.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(engine.file).includes('secret-token')).toBe(false);
    expect(JSON.stringify(engine.services.listSources())).not.toMatch(/secret-token/);
    engine.services.removeSource({ id: source.id, actor: 'test' });
    expect(readFileSync(`${engine.file}.source-tokens.json`, 'utf8')).not.toMatch(/secret-token/);
  });
});
