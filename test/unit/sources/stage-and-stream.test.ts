import { describe, expect, it } from 'vitest';
import { importScheduleStreamWithAudit, importScheduleWithAudit } from '../../../electron/core/api/import-schedule';
import { stagedPatientsQuery, stagedRowsQuery } from '../../../electron/core/db/repos/import-stage-repo';
import { findPatientByKey } from '../../../electron/core/db/repos/patients-repo';
import { scalar, sql, sqlIdentifier } from '../../../electron/core/db/sql';
import { applyStagedSchedule } from '../../../electron/core/sources/apply';
import { BloomFilter } from '../../../electron/core/sources/bloom-filter';
import { stageScheduleCsv } from '../../../electron/core/sources/csv/import-csv';
import { MAX_KEPT_REJECTS } from '../../../electron/core/sources/stage';
import { queryPlan } from '../../helpers/query-plan';
import { appointment, csv, dumpSchedule, HEADER, importCsv, newDb, NOW, scheduleWrites, ZONE } from '../schedule/helpers';

/** `n` valid rows with distinct ids and numbers, starting at data row `from`. */
function rows(n: number, from = 0): string[] {
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    return `E${i},Patient ${i},(212) 555-${String(i % 10_000).padStart(4, '0')},,2026-11-${String(1 + (i % 28)).padStart(2, '0')} 09:00,30,Dr. P,booked`;
  });
}

async function* pieces(text: string, size: number): AsyncGenerator<Uint8Array> {
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

describe('the import stage', () => {
  it('keeps the first 1,000 rejected rows and counts them all', () => {
    const bad = Array.from({ length: 2500 }, (_, i) => `X${i},Bad ${i},,,2026-11-26 09:00,30,,booked`);
    const result = importCsv(newDb(), csv(HEADER, ...rows(10), ...bad));
    expect(result).toMatchObject({ created: 10, rejectedCount: 2500 });
    expect(result.rejected).toHaveLength(MAX_KEPT_REJECTS);
    expect(result.rejected[0]).toEqual({ row: 12, reason: 'no phone or email: at least one is needed', patient: 'Bad 0' });
    expect(result.rejected.at(-1)?.row).toBe(12 + MAX_KEPT_REJECTS - 1);
  });

  it('finds a repeated external_id far apart in the file (across many staging batches)', () => {
    const result = importCsv(newDb(), csv(HEADER, ...rows(3000), rows(1, 5)[0]!));
    expect(result.created).toBe(3000);
    expect(result.rejected).toEqual([
      { row: 3002, reason: 'external_id "E5" already appears on row 7 of this file', patient: 'Patient 5' },
    ]);
  });

  it('merges one patient listed far apart: later rows win, consent given once is kept, and a re-import writes nothing', () => {
    const db = newDb();
    const header = 'patient_id,external_id,patient_name,phone,starts_at,sms_consent';
    const filler = Array.from(
      { length: 2000 },
      (_, i) => `P${i + 100},F${i},Filler ${i},(212) 555-${String(i).padStart(4, '0')},2026-11-27 09:00,`,
    );
    const file = csv(
      header,
      'P1,B1,Maria Lopez,(212) 555-0101,2026-11-26 09:00,no',
      ...filler,
      'P1,B2,Maria López,(646) 555-0177,2026-11-28 09:00,',
    );
    expect(importCsv(db, file)).toMatchObject({ created: 2002, rejectedCount: 0 });
    expect(findPatientByKey(db, 'id:P1')).toMatchObject({ name: 'Maria López', phone: '+16465550177', sms_consent: 0 });
    expect(appointment(db, 'B1').patient_id).toBe(appointment(db, 'B2').patient_id);
    const writes = scheduleWrites(db);
    expect(importCsv(db, file, NOW + 1)).toMatchObject({ created: 0, updated: 0, unchanged: 2002 });
    expect(scheduleWrites(db)).toBe(writes);
  });

  it('leaves no staged rows behind, after a success or a refused file', () => {
    const db = newDb();
    importCsv(db, csv(HEADER, ...rows(600)));
    expect(() => importCsv(db, csv('external_id,patient_name'))).toThrow(/no "starts_at" column/);
    const stageTables = ['import_stages', 'import_stage_rows', 'import_stage_patients', 'import_stage_claims'] as const;
    for (const table of stageTables) {
      expect(scalar(db, sql`SELECT COUNT(*) FROM ${sqlIdentifier(table, stageTables)}`), table).toBe(0);
    }
  });

  it('applies only inside a transaction, so the schedule and the outbox change together', () => {
    const db = newDb();
    const { stage } = stageScheduleCsv(db, { text: csv(HEADER, ...rows(3)) }, { timezone: ZONE, defaultRegion: 'US' });
    try {
      expect(() => applyStagedSchedule(db, stage, { source: 'csv', now: NOW })).toThrow(/inside a transaction/);
      expect(scalar(db, sql`SELECT COUNT(*) FROM appointments`)).toBe(0);
    } finally {
      stage.dispose();
    }
  });

  it('reads staged batches by seq range with index lookups, not by sorting the whole stage each time', () => {
    const db = newDb();
    stageScheduleCsv(db, { text: csv(HEADER) }, { timezone: ZONE, defaultRegion: 'US' }).stage.dispose();
    const patients = queryPlan(db, stagedPatientsQuery(1, 0, 250));
    const rowsPlan = queryPlan(db, stagedRowsQuery(1, 'csv', 0, 250));
    for (const p of [patients, rowsPlan]) {
      expect(p).toMatch(/^SEARCH \w+ USING INTEGER PRIMARY KEY \(rowid>\?\)/);
      expect(p).not.toMatch(/TEMP B-TREE|SCAN/);
    }
    expect(rowsPlan).toMatch(/SEARCH a USING INDEX sqlite_autoindex_appointments_1 \(source=\? AND external_id=\?\)/);
  });
});

describe('importing from a byte stream', () => {
  it('gives the same schedule as importing the same text, however small the chunks', async () => {
    const text = csv(HEADER, ...rows(700), 'B1,José Müller,(212) 555-9999,,2026-11-26 09:00,30,,booked', 'B2,"Broken,(212),,,,,');
    const fromText = newDb();
    const textResult = importScheduleWithAudit(fromText, NOW, { csv: text, actor: 'test' }).summary;
    const fromStream = newDb();
    const streamResult = (await importScheduleStreamWithAudit(fromStream, NOW, { stream: pieces(text, 7), actor: 'test' })).summary;
    expect(streamResult).toEqual(textResult);
    expect(streamResult).toMatchObject({ created: 701, rejectedCount: 1 });
    // The audit events differ in one detail only: the encoding (read from bytes vs. already text).
    const withoutEvents = (db: ReturnType<typeof newDb>): unknown => ({ ...(dumpSchedule(db) as object), events: undefined });
    expect(withoutEvents(fromStream)).toEqual(withoutEvents(fromText));
  });

  it('a stream that fails part-way changes nothing', async () => {
    const db = newDb();
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield Buffer.from(csv(HEADER, ...rows(500)));
      throw new Error('connection reset');
    }
    await expect(importScheduleStreamWithAudit(db, NOW, { stream: failing(), actor: 'test' })).rejects.toThrow('connection reset');
    expect(scalar(db, sql`SELECT COUNT(*) FROM appointments`)).toBe(0);
    expect(scalar(db, sql`SELECT COUNT(*) FROM import_stage_rows`)).toBe(0);
  });
});

describe('BloomFilter', () => {
  it('never says "new" for a value it has seen, and rarely says "seen" for a new one', () => {
    const filter = new BloomFilter(1 << 16);
    let firstSightingsSeen = 0;
    for (let i = 0; i < 3000; i++) if (filter.testAndAdd(`id-${i}`)) firstSightingsSeen++;
    for (let i = 0; i < 3000; i++) expect(filter.testAndAdd(`id-${i}`)).toBe(true);
    expect(firstSightingsSeen).toBeLessThan(150);
    let falsePositives = 0;
    for (let i = 0; i < 3000; i++) if (filter.testAndAdd(`other-${i}`)) falsePositives++;
    expect(falsePositives).toBeLessThan(150);
  });
});
