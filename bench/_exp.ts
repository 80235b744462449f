import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '../electron/core/compose';
import { runPlanner } from '../electron/core/outbox/planner';
import { fixedClock } from '../electron/core/platform/clock';
const NOW = Date.parse('2026-12-03T15:00:00Z');
const N = Number(process.argv[2] ?? 90000);
const cache = process.argv[3];
const e = createEngine({ dbFile: join(mkdtempSync(join(tmpdir(), 'fdexp-')), 'x.db'), clock: fixedClock(NOW) });
const db = e.db;
if (cache) db.pragma(`cache_size = ${cache}`);
const ip = db.prepare(`INSERT INTO patients (id, patient_key, name, phone, email, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`);
const ia = db.prepare(`INSERT INTO appointments (id, external_id, patient_id, starts_at, duration_min, status, needs_plan, created_at, updated_at) VALUES (?, ?, ?, ?, 30, 'booked', 1, ?, ?)`);
db.transaction(() => { for (let i = 1; i <= N; i++) { ip.run(i, 'k' + i, 'P' + i, '+1212' + String(2010000 + i), `p${i}@x.com`, NOW, NOW); ia.run(i, 'A' + i, i, NOW + 3 * 86400000 + (i % 2880) * 900000, NOW, NOW); } })();
for (let run = 0; run < 2; run++) {
  if (run) db.exec('DELETE FROM outbox; UPDATE appointments SET needs_plan = 1');
  const t0 = performance.now(); const r = runPlanner(db, NOW); const ms = performance.now() - t0;
  console.log(`N=${N} cache=${cache ?? 'default'} run ${run}: ${r.enqueued} rows in ${ms.toFixed(0)} ms = ${(r.enqueued / ms * 1000).toFixed(0)} rows/s`);
}
