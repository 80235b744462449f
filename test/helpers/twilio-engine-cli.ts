import { type ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { FakeTwilio } from './fake-twilio';

/** Drives `node bin/frontdesk.cjs …` (docs/cli.md) as a child process, for the Twilio engine tests. */
export const ROOT = resolve(__dirname, '../..');
export const CLI = join(ROOT, 'bin', 'frontdesk.cjs');

/** process.env without any Frontdesk, Twilio or SMTP setting (so the test decides every one), plus `over`. */
export function cliEnv(over: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(FRONTDESK_|TWILIO_|SMTP_)/.test(k)) continue;
    env[k] = v;
  }
  for (const [k, v] of Object.entries(over)) if (v !== undefined) env[k] = v;
  return env;
}

/** The environment that points the CLI's Twilio transports at the fake server. */
export function fakeTwilioEnv(fake: FakeTwilio, over: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  return cliEnv({
    FRONTDESK_TRANSPORT: 'twilio',
    TWILIO_ACCOUNT_SID: fake.accountSid,
    TWILIO_AUTH_TOKEN: fake.authToken,
    TWILIO_FROM: fake.fromNumber,
    TWILIO_API_BASE: fake.baseUrl,
    ...over,
  });
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts the CLI; the caller may kill the returned child. */
export function spawnCli(args: readonly string[], env: NodeJS.ProcessEnv): { child: ChildProcess; done: Promise<CliRun> } {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const done = new Promise<CliRun>((resolvePromise, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolvePromise({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

/** Runs one CLI command to completion and parses its `--json` output. */
export async function runCliJson<T = unknown>(args: readonly string[], env: NodeJS.ProcessEnv): Promise<T> {
  const run = await spawnCli([...args, '--json'], env).done;
  if (run.code !== 0) throw new Error(`frontdesk ${args.join(' ')} exited ${run.code ?? run.signal}:\n${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}
