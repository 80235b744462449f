import Database from 'better-sqlite3';
import { migrate } from '../electron/core/db/migrate';
const db = new Database(':memory:'); migrate(db);
console.log(db.prepare(`EXPLAIN QUERY PLAN SELECT * FROM outbox WHERE state = 'pending' AND not_before <= ? AND expires_at > ?
       AND NOT (channel = 'email' AND ?) AND NOT (channel = 'sms' AND ?) AND NOT (channel = 'voice' AND ?)
     ORDER BY not_before, id LIMIT ?`).all(1,1,0,0,0,25));
console.log(db.prepare(`EXPLAIN QUERY PLAN SELECT a.id FROM appointments a JOIN patients p ON p.id = a.patient_id WHERE a.needs_plan = 1 ORDER BY a.id LIMIT ?`).all(5));
