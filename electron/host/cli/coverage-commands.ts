import { DateTime } from 'luxon';
import type { Engine } from '../../core/compose';
import { DEFAULT_COVERAGE_HOURS } from '../../core/coverage/coverage-services';
import { badRequest } from '../../core/platform/errors';
import type { ParsedCommand } from './args';
import type { CommandOutput } from './commands';

const MAX_HOURS = 24 * 35;

/** `coverage [--hours H]`: reminders due while this computer is expected to be off (docs/coverage.md, docs/cli.md). */
export function coverageCommand(engine: Engine, cmd: ParsedCommand): CommandOutput {
  const raw = cmd.values['hours'];
  const hours = typeof raw === 'string' ? Number(raw) : DEFAULT_COVERAGE_HOURS;
  if (typeof raw === 'string' && (raw.trim() === '' || !Number.isFinite(hours) || hours < 0 || hours > MAX_HOURS)) {
    throw badRequest(`--hours must be a number of hours from 0 to ${MAX_HOURS}, got "${raw}"`);
  }
  const report = engine.services.coverage({ hours });
  const json = report.items.map((i) => ({
    appointment: i.appointment,
    channel: i.channel,
    dueAt: i.dueAt,
    windowEnd: i.windowEnd,
    reason: i.reason,
  }));
  const when = (iso: string) => DateTime.fromISO(iso, { setZone: true }).toFormat('ccc d LLL HH:mm');
  const head = `Desk hours (${report.deskHoursSource}): ${report.deskHours || 'none'}`;
  const lines = report.items.map((i) => `${when(i.dueAt)}  ${i.appointment.padEnd(10)} ${i.channel.padEnd(5)}  ${i.reason}`);
  const body = lines.length > 0 ? lines.join('\n') : `Nothing at risk in the next ${hours} hours.`;
  return { json, text: `${head}\n${body}` };
}
