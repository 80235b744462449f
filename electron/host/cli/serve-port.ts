import { badRequest, type UserError } from '../../core/platform/errors';
import type { ParsedCommand } from './args';

/** `serve --port P`: an integer 0–65535 (0 = any free port), checked before anything is opened. */
export function servePort(cmd: ParsedCommand): number {
  const raw = cmd.values['port'];
  if (raw === undefined) return 0;
  const text = typeof raw === 'string' ? raw.trim() : '';
  const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(port) || port > 65535) {
    throw badRequest(`--port must be a whole number from 0 to 65535 (0 = any free port), got "${String(raw)}"`);
  }
  return port;
}

/** A one-line, actionable message for a failed listen on 127.0.0.1 (exit code 2). */
export function listenFailure(error: unknown, port: number): UserError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EADDRINUSE':
      return badRequest(
        `port ${port} on 127.0.0.1 is already in use (another Frontdesk or another program is listening there); stop it or choose another port with --port`,
      );
    case 'EACCES':
    case 'EPERM':
      return badRequest(
        `no permission to listen on port ${port} (ports below 1024 need administrator rights); choose a port from 1024 to 65535 with --port, e.g. --port 8080`,
      );
    default:
      return badRequest(
        `cannot listen on 127.0.0.1:${port} (${code ?? (error instanceof Error ? error.message : String(error))}); choose another port with --port`,
      );
  }
}
