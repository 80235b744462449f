import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ImportResult } from '../../../shared/domain/dto';
import type { SourceFileResultView } from '../../../shared/domain/source-results';
import { type ColumnMapping, DateFormatSchema, ImportFieldSchema, type SourceView } from '../../../shared/domain/sources';
import type { Engine } from '../../core/compose';
import { badRequest } from '../../core/platform/errors';
import type { ParsedCommand } from './args';
import type { CommandOutput } from './commands';
import { userFolder } from './data-file';

const ACTOR = 'cli';

function str(cmd: ParsedCommand, key: string): string | undefined {
  const v = cmd.values[key];
  return typeof v === 'string' ? v : undefined;
}

/** `--map "Appt Ref=external_id"` (repeatable): an explicit column mapping over the practice-export names. */
function mappingFrom(cmd: ParsedCommand): ColumnMapping | undefined {
  const raw = cmd.values['map'];
  const items = Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [];
  if (items.length === 0) return undefined;
  const mapping: ColumnMapping = {};
  for (const item of items) {
    const at = item.lastIndexOf('=');
    const column = item.slice(0, at).trim();
    const field = item.slice(at + 1).trim();
    if (at <= 0 || !column) throw badRequest(`--map needs COLUMN=FIELD, e.g. --map "Appt Ref=external_id", got "${item}"`);
    if (field !== 'ignore' && !ImportFieldSchema.safeParse(field).success) {
      throw badRequest(`--map: "${field}" is not a field (one of ${ImportFieldSchema.options.join(', ')}, or ignore)`);
    }
    mapping[column] = field as ColumnMapping[string];
  }
  return mapping;
}

function dateFormatFrom(cmd: ParsedCommand) {
  const raw = str(cmd, 'date-format');
  if (raw === undefined) return undefined;
  const parsed = DateFormatSchema.safeParse(raw.toUpperCase());
  if (!parsed.success) throw badRequest(`--date-format must be MDY, DMY or YMD, got "${raw}"`);
  return parsed.data;
}

/**
 * `import FILE [--date-format MDY|DMY|YMD] [--dry-run] [--map COLUMN=FIELD]… [--profile NAME] [--sheet NAME]
 * [--full-export [--approve-cancellations]] [--rejected-csv OUT.csv]`: CSV or XLSX, found from the content
 * (docs/import.md). --dry-run prints the same result and writes nothing.
 */
export async function importFileCommand(engine: Engine, cmd: ParsedCommand): Promise<CommandOutput> {
  const file = cmd.positionals[0];
  if (!file) throw badRequest('import needs a schedule file (CSV or XLSX), e.g. "import schedule.csv"');
  const rejectedOut = str(cmd, 'rejected-csv');
  const mapping = mappingFrom(cmd);
  const result = await engine.services.importCsv({
    path: resolve(file),
    fileName: file,
    actor: ACTOR,
    dateFormat: dateFormatFrom(cmd),
    ...(mapping ? { mapping } : {}),
    profile: str(cmd, 'profile'),
    sheet: str(cmd, 'sheet'),
    dryRun: cmd.values['dry-run'] === true,
    fullExport: cmd.values['full-export'] === true,
    approveCancellations: cmd.values['approve-cancellations'] === true,
    withRejectedCsv: rejectedOut !== undefined,
  });
  const { rejectedCsv, ...json } = result;
  if (rejectedOut !== undefined) writeFileSync(resolve(userFolder(), rejectedOut), rejectedCsv ?? '');
  return { json, text: importText(file, json) };
}

function importText(file: string, r: ImportResult): string {
  const verb = r.dryRun ? 'Would import' : 'Imported';
  const lines = [
    `${verb} ${file} (${r.kind ?? 'csv'}): ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged, ${r.rejectedCount} rejected.`,
  ];
  if (r.mapping)
    lines.push(
      `Columns: ${Object.entries(r.mapping)
        .map(([column, field]) => `${column} → ${field}`)
        .join(', ')}`,
    );
  for (const w of r.warnings ?? []) lines.push(`Note: ${w}`);
  if (r.fullExport?.held) lines.push(`NOT APPLIED, held for review: ${r.fullExport.reason ?? ''}`);
  else if (r.fullExport) lines.push(`Full export: ${r.fullExport.cancelled} appointment(s) missing from it cancelled.`);
  for (const x of r.rejected) lines.push(`  row ${x.row}${x.patient ? ` (${x.patient})` : ''}: ${x.reason}`);
  if (r.rejectedCount > r.rejected.length) lines.push(`  … and ${r.rejectedCount - r.rejected.length} more rejected row(s).`);
  if (r.remindersCancelled > 0) lines.push(`${r.remindersCancelled} pending reminder(s) cancelled or superseded.`);
  if (r.dryRun) lines.push('Dry run: nothing was written.');
  return lines.join('\n');
}

function needSourceId(cmd: ParsedCommand, verb: string): number {
  const raw = cmd.positionals[1];
  const id = Number(raw);
  if (!raw || !Number.isInteger(id) || id <= 0)
    throw badRequest(`sources ${verb} needs a source id (see "sources list"), e.g. "sources ${verb} 1"`);
  return id;
}

/** The §9 fields of a source: {id, kind, target, lastSyncAt, lastResult}, plus what the banner needs. */
function sourcesOutput(list: readonly SourceView[]): CommandOutput {
  const text = list
    .map((s) => {
      const flags = [
        s.fullExport ? 'full export' : '',
        s.stale ? `STALE (expected by ${s.expectedBy})` : '',
        s.held ? `HELD: ${s.held.file}` : '',
      ]
        .filter(Boolean)
        .join(', ');
      return `${s.id}  ${s.kind}  ${s.target}${flags ? `  [${flags}]` : ''}\n    last: ${s.lastSyncAt ?? 'never'}${s.lastResult ? ` — ${s.lastResult}` : ''}`;
    })
    .join('\n');
  return { json: list, text: text || 'No sources. Add one with "sources add folder DIR", "sources add hl7" or "sources add fhir URL".' };
}

function resultsOutput(results: readonly SourceFileResultView[]): CommandOutput {
  const text = results.map((r) => `source ${r.sourceId}: ${r.file}: ${r.outcome} — ${r.summary}`).join('\n');
  return { json: results, text: text || 'No new files.' };
}

/** `sources add folder DIR [--full-export] [--profile P]`, `sources list`, `remove ID`, `sync`, `approve ID`, `discard ID`. */
export async function sourcesCommand(engine: Engine, cmd: ParsedCommand): Promise<CommandOutput> {
  const [verb, kind, target] = cmd.positionals;
  const s = engine.services;
  switch (verb) {
    case 'add': {
      if (kind === 'hl7' || kind === 'fhir') return addFeedSource(engine, cmd);
      if (kind !== 'folder' || !target) throw badRequest('usage: sources add folder DIR [--full-export] [--profile NAME]');
      const dir = resolve(userFolder(), target);
      const source = s.addFolderSource({
        dir,
        fullExport: cmd.values['full-export'] === true,
        profile: str(cmd, 'profile') ?? null,
        actor: ACTOR,
      });
      return { json: source, text: `Source ${source.id}: watching ${source.target}${source.fullExport ? ' (full exports)' : ''}.` };
    }
    case 'list':
    case undefined:
      return sourcesOutput(s.listSources());
    case 'remove':
      return sourcesOutput(s.removeSource({ id: needSourceId(cmd, 'remove'), actor: ACTOR }));
    case 'sync':
      return resultsOutput(await s.syncSources());
    case 'approve':
      return resultsOutput([await s.approveHeldExport({ id: needSourceId(cmd, 'approve'), actor: ACTOR })]);
    case 'discard':
      return resultsOutput([s.discardHeldExport({ id: needSourceId(cmd, 'discard'), actor: ACTOR })]);
    default:
      throw badRequest(
        `unknown sources command "${verb}" (add folder DIR, add hl7, add fhir URL, list, remove ID, sync, approve ID, discard ID)`,
      );
  }
}

function whole(cmd: ParsedCommand, flag: string): number | undefined {
  const raw = str(cmd, flag);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(n)) throw badRequest(`--${flag} must be a whole number, got "${raw}"`);
  return n;
}

/** `sources add hl7 [--port P] [--host H] [--tls-cert F --tls-key F]`, `sources add fhir BASE_URL [--token T] [--days N]`. */
function addFeedSource(engine: Engine, cmd: ParsedCommand): CommandOutput {
  const s = engine.services;
  const [, kind, target] = cmd.positionals;
  if (kind === 'hl7') {
    if (target) throw badRequest('usage: sources add hl7 [--port P] [--host H] (no folder or URL)');
    const tls = (flag: string) => (str(cmd, flag) === undefined ? null : resolve(userFolder(), str(cmd, flag)!));
    const port = whole(cmd, 'port');
    const host = str(cmd, 'host');
    const source = s.addHl7Source({
      ...(port !== undefined ? { port } : {}),
      ...(host !== undefined ? { host } : {}),
      tlsCert: tls('tls-cert'),
      tlsKey: tls('tls-key'),
      actor: ACTOR,
    });
    return { json: source, text: `Source ${source.id}: HL7 v2 (MLLP) on ${source.target}; run or serve listens on it.` };
  }
  if (!target) throw badRequest('usage: sources add fhir BASE_URL [--token T] [--days N]');
  const source = s.addFhirSource({ base: target, token: str(cmd, 'token'), days: whole(cmd, 'days'), actor: ACTOR });
  return { json: source, text: `Source ${source.id}: FHIR R4 server ${source.target}, polled every 5 minutes by run and serve.` };
}
