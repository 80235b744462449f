/** Minimal injectable logger; the CLI keeps stdout for JSON, so logs go to stderr. */
export interface Logger {
  info(message: string, detail?: unknown): void;
  warn(message: string, detail?: unknown): void;
  error(message: string, detail?: unknown): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

export const stderrLogger: Logger = {
  info: (m, d) => process.stderr.write(`[info] ${m}${d === undefined ? '' : ' ' + JSON.stringify(d)}\n`),
  warn: (m, d) => process.stderr.write(`[warn] ${m}${d === undefined ? '' : ' ' + JSON.stringify(d)}\n`),
  error: (m, d) => process.stderr.write(`[error] ${m}${d === undefined ? '' : ' ' + JSON.stringify(d)}\n`),
};

/** Runs a promise deliberately without awaiting it; a failure is logged, never unhandled. */
export function drop(promise: Promise<unknown>, logger: Logger, what: string): void {
  promise.catch((error: unknown) => logger.error(`${what} failed`, { error: error instanceof Error ? error.stack : String(error) }));
}
