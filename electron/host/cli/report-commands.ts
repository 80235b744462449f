import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Engine } from '../../core/compose';
import type { ReportFile } from '../../core/reports/report-services';
import { badRequest } from '../../core/platform/errors';
import type { ParsedCommand } from './args';
import type { CommandOutput } from './commands';
import { userFolder } from './data-file';

/**
 * `report day|contacts|patient` (docs/reports.md): builds the document first, then writes it in one step
 * (a temporary file renamed into place), so a failure never leaves a half-written PDF or CSV behind.
 */

function str(cmd: ParsedCommand, key: string): string | undefined {
  const v = cmd.values[key];
  return typeof v === 'string' ? v : undefined;
}

/** Options that belong to one report only: naming another's is a mistake worth a clear error. */
const OWN_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  day: ['date', 'pdf'],
  contacts: ['from', 'to', 'csv'],
  patient: ['phone', 'appointment', 'pdf', 'csv'],
};
const REPORT_OPTIONS = ['date', 'pdf', 'csv', 'from', 'to', 'phone', 'appointment'];

function checkOptions(cmd: ParsedCommand, report: string): void {
  const own = OWN_OPTIONS[report]!;
  const stray = REPORT_OPTIONS.filter((o) => !own.includes(o) && cmd.values[o] !== undefined);
  if (stray.length > 0) throw badRequest(`report ${report} does not take --${stray[0]} (it takes ${own.map((o) => `--${o}`).join(', ')})`);
}

function need(cmd: ParsedCommand, key: string, example: string): string {
  const v = str(cmd, key);
  if (v === undefined || v.trim() === '') throw badRequest(`report ${cmd.positionals[0]} needs --${key} ${example}`);
  return v;
}

/** Writes the document to `path` (relative to the folder the command was run in); returns the absolute path. */
function writeReport(path: string, file: ReportFile): string {
  const target = resolve(userFolder(), path);
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, file.content);
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'its folder does not exist'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'it is a folder'
            : String(code ?? error);
    throw badRequest(`cannot write ${target}: ${why}`);
  }
  return target;
}

async function dayReport(engine: Engine, cmd: ParsedCommand): Promise<CommandOutput> {
  const pdf = need(cmd, 'pdf', 'FILE (e.g. --pdf today.pdf)');
  const doc = await engine.services.reports.daySheet({ date: str(cmd, 'date') });
  const file = writeReport(pdf, doc);
  return { json: { file, appointments: doc.rows }, text: `Day sheet with ${doc.rows} appointment(s) written to ${file}.` };
}

function contactsReport(engine: Engine, cmd: ParsedCommand): CommandOutput {
  const from = need(cmd, 'from', 'YYYY-MM-DD');
  const to = need(cmd, 'to', 'YYYY-MM-DD');
  const csv = need(cmd, 'csv', 'FILE (e.g. --csv contacts.csv)');
  const doc = engine.services.reports.ledgerExport({ from, to });
  const file = writeReport(csv, doc);
  return { json: { file, rows: doc.rows }, text: `${doc.rows} contact attempt(s) and repl(ies) from ${from} to ${to} written to ${file}.` };
}

async function patientReport(engine: Engine, cmd: ParsedCommand): Promise<CommandOutput> {
  const phone = str(cmd, 'phone');
  const appointment = str(cmd, 'appointment');
  if ((phone === undefined) === (appointment === undefined))
    throw badRequest('report patient needs --phone P or --appointment ID (one of them)');
  const pdf = str(cmd, 'pdf');
  const csv = str(cmd, 'csv');
  if ((pdf === undefined) === (csv === undefined)) throw badRequest('report patient needs --pdf FILE or --csv FILE (one of them)');
  const doc = await engine.services.reports.patientExport({ phone, appointment, format: pdf !== undefined ? 'pdf' : 'csv' });
  const file = writeReport((pdf ?? csv)!, doc);
  return { json: { file, rows: doc.rows }, text: `History of ${phone ?? appointment} (${doc.rows} row(s)) written to ${file}.` };
}

/** `report day [--date D] --pdf FILE`, `report contacts --from D --to D --csv FILE`, `report patient …`. */
export async function reportCommand(engine: Engine, cmd: ParsedCommand): Promise<CommandOutput> {
  const report = cmd.positionals[0];
  if (report === undefined || !(report in OWN_OPTIONS)) {
    throw badRequest(`report needs one of: day, contacts, patient${report === undefined ? '' : ` (got "${report}")`}`);
  }
  if (cmd.positionals.length > 1) throw badRequest(`report ${report} takes no further argument (got "${cmd.positionals[1]}")`);
  checkOptions(cmd, report);
  switch (report) {
    case 'day':
      return dayReport(engine, cmd);
    case 'contacts':
      return contactsReport(engine, cmd);
    default:
      return patientReport(engine, cmd);
  }
}
