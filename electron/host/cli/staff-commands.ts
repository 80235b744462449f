import type { Engine } from '../../core/compose';
import { badRequest } from '../../core/platform/errors';
import { ChannelSchema } from '../../../shared/domain/types';
import type { ScopeRef } from '../../../shared/domain/staff';
import type { ParsedCommand } from './args';
import type { CommandOutput } from './commands';

/** As `status` shows them: times with the clinic's offset, like every other time the CLI prints. */
const pausesJson = (engine: Engine) => engine.services.status().scopedPauses ?? [];

/** The CLI acts as an admin: whoever can run it can open the schedule file itself (docs/staff.md#admin-only). */
const BY = { actor: 'cli', role: 'admin' } as const;

function str(cmd: ParsedCommand, key: string): string | undefined {
  const v = cmd.values[key];
  return typeof v === 'string' ? v : undefined;
}

/** `users add NAME [--pin P] [--admin]`, `users list`, `users remove NAME` (docs/cli.md, docs/staff.md). */
export async function usersCommand(engine: Engine, cmd: ParsedCommand): Promise<CommandOutput> {
  const [sub, ...names] = cmd.positionals;
  const name = names.join(' ').trim();
  switch (sub) {
    case 'add': {
      if (!name) throw badRequest('users add needs a name, e.g. users add Maria --pin 4821');
      const u = await engine.services.addStaff({ ...BY, name, pin: str(cmd, 'pin'), admin: cmd.values['admin'] === true });
      return { json: u, text: `Added ${u.name} (${u.role}${u.hasPin ? ', with PIN' : ', no PIN'}).` };
    }
    case 'list': {
      const users = engine.services.listStaff();
      const text = users.map((u) => `${u.name.padEnd(24)} ${u.role.padEnd(6)} ${u.hasPin ? 'PIN' : 'no PIN'}`).join('\n');
      return { json: users, text: text || 'No desk users: everyone at the desk may do everything (docs/staff.md).' };
    }
    case 'remove': {
      if (!name) throw badRequest('users remove needs a name, e.g. users remove Maria');
      const users = engine.services.removeStaff({ ...BY, name });
      return { json: users, text: `Removed ${name}; ${users.length} user(s) left.` };
    }
    default:
      throw badRequest(`users needs add, list or remove, got "${sub ?? ''}"`);
  }
}

/** `--provider NAME` or `--channel email|sms|voice` (not both); null for the global kill switch. */
export function scopeFromFlags(cmd: ParsedCommand): ScopeRef | null {
  const provider = str(cmd, 'provider');
  const channel = str(cmd, 'channel');
  if (provider !== undefined && channel !== undefined) throw badRequest('give --provider or --channel, not both');
  if (provider !== undefined) {
    if (provider.trim() === '') throw badRequest('--provider needs a name, e.g. --provider "Dr. Patel"');
    return { scope: 'provider', target: provider.trim() };
  }
  if (channel !== undefined) {
    const parsed = ChannelSchema.safeParse(channel.trim().toLowerCase());
    if (!parsed.success) throw badRequest(`--channel must be email, sms or voice, got "${channel}"`);
    return { scope: 'channel', target: parsed.data };
  }
  return null;
}

const scopeText = (scope: ScopeRef): string => (scope.scope === 'provider' ? `provider ${scope.target}` : `${scope.target}`);

/** `pause --provider NAME` / `pause --channel sms`: writes only the control file, like the kill switch. */
export function pauseScopeCommand(engine: Engine, cmd: ParsedCommand, scope: ScopeRef): CommandOutput {
  const reason = str(cmd, 'reason');
  const pauses = engine.services.pauseScope({ ...scope, reason, actor: BY.actor });
  const global = engine.services.pauseSummary();
  return {
    json: { paused: global.paused, scope: scope.scope, target: scope.target, scopedPauses: pausesJson(engine) },
    text: `Reminders for ${scopeText(scope)} are PAUSED (${pauses.find((p) => p.scope === scope.scope)?.reason ?? reason ?? ''}).`,
  };
}

/** `resume --provider NAME` / `resume --channel sms`. */
export function resumeScopeCommand(engine: Engine, scope: ScopeRef): CommandOutput {
  const review = engine.services.resumeReview({ scope });
  engine.services.resumeScope({ ...scope, actor: BY.actor });
  const waiting = review.waiting.reduce((n, g) => n + g.items.length, 0);
  const global = engine.services.pauseSummary();
  return {
    json: { paused: global.paused, scope: scope.scope, target: scope.target, waiting, scopedPauses: pausesJson(engine) },
    text: `Reminders for ${scopeText(scope)} resumed. ${waiting} reminder(s) due in the next hour.${global.paused ? ' All sending is still PAUSED (kill switch).' : ''}`,
  };
}
