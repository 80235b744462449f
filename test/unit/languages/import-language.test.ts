import { afterEach, describe, expect, it } from 'vitest';
import { importScheduleWithAudit } from '../../../electron/core/api/import-schedule';
import { createTestEngine, local, type TestEngine } from '../../helpers/engine';

let engine: TestEngine | undefined;
afterEach(() => {
  engine?.cleanup();
  engine = undefined;
});

const HEADER = 'external_id,patient_name,phone,starts_at,language';

function importCsv(e: TestEngine, lines: readonly string[]) {
  return importScheduleWithAudit(e.db, e.clock.now(), { csv: [HEADER, ...lines].join('\n') + '\n', actor: 'test' }).summary;
}

function languages(e: TestEngine): Record<string, string | null> {
  const rows = e.db.prepare(`SELECT name, language FROM patients ORDER BY name`).all() as { name: string; language: string | null }[];
  return Object.fromEntries(rows.map((r) => [r.name, r.language]));
}

describe('the language column reaches the database and the reminder', () => {
  it('stores codes (names and regions read as codes), keeps the stored one when the file is silent, rejects nonsense', () => {
    engine = createTestEngine({ now: local('2026-11-26 09:00') });
    const first = importCsv(engine, [
      'A1,Ana Ruiz,(212) 555-0101,2026-11-27 10:30,Spanish',
      'A2,Bo Lee,(212) 555-0102,2026-11-27 11:00,en-US',
      'A3,Cy Tran,(212) 555-0103,2026-11-27 11:30,',
      'A4,Di Kay,(212) 555-0104,2026-11-27 12:00,Klingon!',
    ]);
    expect(first.rejected).toEqual([expect.objectContaining({ row: 5, reason: expect.stringMatching(/"Klingon!" is not a language/) })]);
    expect(languages(engine)).toEqual({ 'Ana Ruiz': 'es', 'Bo Lee': 'en', 'Cy Tran': null });
    // A later file without the column keeps what was stored.
    importScheduleWithAudit(engine.db, engine.clock.now(), {
      csv: 'external_id,patient_name,phone,starts_at\nA1,Ana Ruiz,(212) 555-0101,2026-11-27 10:30\n',
      actor: 'test',
    });
    expect(languages(engine)['Ana Ruiz']).toBe('es');
  });

  it('a Spanish patient’s text goes out in Spanish', async () => {
    engine = createTestEngine({ now: local('2026-11-26 10:45') });
    importCsv(engine, ['A1,Ana Ruiz,(212) 555-0101,2026-11-27 10:30,es']);
    engine.services.plan();
    await engine.services.dispatch();
    const sent = engine.db.prepare(`SELECT body FROM simulated_messages WHERE channel = 'sms'`).all() as { body: string }[];
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toMatch(/^Riverside Clinic: cita viernes 27 nov a las 10:30 a\. m\. Responda C para confirmar/);
  });
});
