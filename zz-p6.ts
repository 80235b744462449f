import { openDatabase } from '/work/main/electron/core/db/connection';
import { ensureClinic } from '/work/main/electron/core/db/repos/clinic-repo';
import { importScheduleCsv } from '/work/main/electron/core/schedule/csv-import';
import { rmSync } from 'node:fs';
const HEADER = 'external_id,patient_name,phone,email,starts_at,duration_min,provider,status';
const lines = [HEADER];
for (let i = 0; i < 90000; i++) {
  const patient = i % 30_000;
  lines.push(`E${i},Patient ${patient},(212) 555-${String(patient % 10_000).padStart(4, '0')},p${patient}@example.com,2026-12-${String(1 + (i % 28)).padStart(2, '0')} ${String(8 + (i % 9)).padStart(2, '0')}:00,30,Dr. X,booked`);
}
const text = lines.join('\n');
rmSync('/tmp/zz.db', { force: true }); rmSync('/tmp/zz.db-wal', { force: true }); rmSync('/tmp/zz.db-shm', { force: true });
const db = openDatabase('/tmp/zz.db');
ensureClinic(db, 1, 'America/New_York');
const now = Date.parse('2026-11-25T17:00:00Z');
for (let k = 0; k < 2; k++) {
  const t = performance.now();
  const r = importScheduleCsv(db, text, { timezone: 'America/New_York', defaultRegion: 'US', now });
  console.log('import', Math.round(performance.now() - t), r.created, r.unchanged);
}
