import { DateTime } from 'luxon';
import type { ClinicSettings } from '../../../shared/domain/dto';
import type { HistoryRow, PatientHistory } from '../../../shared/domain/reports';
import { csvDocument, type CsvValue } from '../../../shared/util/csv-write';
import type { ReadableDB } from '../db/types';
import { attemptsBetween, repliesBetween } from '../db/repos/history-repo';
import { isoInZone } from '../api/time-format';
import { addFooters, drawTable, GREY, newPdf, paperFor, pdfBytes, type TableColumn } from './pdf-document';
import type { DayRange } from './range';

/**
 * CSV and PDF documents of the reports. Every CSV goes through shared/util/csv-write.ts, which neutralises
 * spreadsheet formulas (a patient named "=HYPERLINK(…)" arrives as text) and writes a BOM for Excel.
 */

const HISTORY_HEADER = ['at', 'kind', 'patient', 'appointment', 'channel', 'address', 'event', 'outcome', 'detail', 'actor'] as const;

function historyCells(r: HistoryRow): CsvValue[] {
  return HISTORY_HEADER.map((key) => r[key]);
}

/** A patient's history as CSV: one line per history row. */
export function historyCsv(history: PatientHistory): string {
  return csvDocument(HISTORY_HEADER, history.rows.map(historyCells));
}

const HISTORY_COLUMNS: readonly TableColumn[] = [
  { header: 'When', share: 0.13 },
  { header: 'What', share: 0.27 },
  { header: 'Patient / appointment', share: 0.12 },
  { header: 'Address', share: 0.12 },
  { header: 'Outcome', share: 0.09 },
  { header: 'Detail', share: 0.17 },
  { header: 'Who', share: 0.1 },
];

function yesNo(b: boolean): string {
  return b ? 'yes' : 'no';
}

/** A patient's history as PDF (landscape): who, their consent now, then every row in time order. */
export async function historyPdf(
  history: PatientHistory,
  settings: Pick<ClinicSettings, 'name' | 'timezone' | 'country'>,
  now: number,
): Promise<Buffer> {
  const zone = settings.timezone;
  const doc = newPdf({ title: `Contact history ${history.query}`, paper: paperFor(settings.country), landscape: true, createdAt: now });
  const heading = (continued: boolean) => {
    doc
      .font('bold')
      .fontSize(continued ? 10 : 14)
      .fillColor('black');
    doc.text(`${settings.name} — contact and consent history: ${history.query}${continued ? ' (continued)' : ''}`);
    doc.moveDown(0.3);
  };
  heading(false);
  doc
    .font('regular')
    .fontSize(8.5)
    .fillColor(GREY)
    .text(`printed ${DateTime.fromMillis(now, { zone }).toFormat('d LLL yyyy HH:mm')} (${zone})`);
  doc.moveDown(0.4).fillColor('black').fontSize(9);
  for (const p of history.patients) {
    doc.text(
      `${p.name}: phone ${p.phone ?? '—'}, email ${p.email ?? '—'} · texts ${yesNo(p.smsConsent)}, calls ${yesNo(p.voiceConsent)}, emails ${yesNo(p.emailConsent)}${p.doNotContact ? ' · DO NOT CONTACT' : ''}`,
    );
  }
  for (const n of history.numbers) {
    doc.text(
      `${n.address}: ${n.optedOut ? `opted out (STOP) since ${n.since ?? '?'}` : 'not opted out'}${n.invalid ? ` · marked invalid: ${n.invalid}` : ''}`,
    );
  }
  doc.moveDown(0.5);
  if (history.rows.length === 0) doc.fontSize(10).text('No reminders, attempts, replies or consent changes are recorded.');
  else {
    const rows = history.rows.map((r) => ({
      cells: [
        DateTime.fromISO(r.at, { setZone: true }).toFormat('yyyy-MM-dd HH:mm'),
        `${r.kind}: ${r.event}`,
        [r.patient, r.appointment].filter(Boolean).join(' / '),
        r.address,
        r.outcome,
        r.detail,
        r.actor,
      ],
    }));
    drawTable(doc, HISTORY_COLUMNS, rows, { fontSize: 7, onNewPage: () => heading(true) });
  }
  addFooters(doc, `${settings.name} · history of ${history.query}`);
  return pdfBytes(doc);
}

const LEDGER_HEADER = [
  'type',
  'at',
  'appointment',
  'patient',
  'channel',
  'address',
  'rule',
  'outcome',
  'provider_id',
  'error_code',
  'detail',
  'segments',
  'reply',
  'reply_action',
] as const;

/** Every ledger row and every reply in the range, oldest first, as CSV (the clinic's own records). */
export function ledgerCsv(db: ReadableDB, range: DayRange, zone: string): { text: string; rows: number } {
  const lines: { ms: number; cells: CsvValue[] }[] = [];
  for (const c of attemptsBetween(db, range.fromMs, range.toMs)) {
    lines.push({
      ms: c.attempted_at,
      cells: [
        'attempt',
        isoInZone(c.attempted_at, zone),
        c.external_id,
        c.patient_name,
        c.channel,
        c.recipient,
        c.rule_id,
        c.outcome,
        c.provider_id,
        c.error_code,
        c.detail,
        c.segments,
        null,
        null,
      ],
    });
  }
  for (const r of repliesBetween(db, range.fromMs, range.toMs)) {
    lines.push({
      ms: r.received_at,
      cells: [
        'reply',
        isoInZone(r.received_at, zone),
        r.external_id,
        null,
        'sms',
        r.from_number,
        null,
        null,
        r.provider_id,
        null,
        null,
        null,
        r.body,
        r.action,
      ],
    });
  }
  lines.sort((a, b) => a.ms - b.ms);
  return {
    text: csvDocument(
      LEDGER_HEADER,
      lines.map((l) => l.cells),
    ),
    rows: lines.length,
  };
}
