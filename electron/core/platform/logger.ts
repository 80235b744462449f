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
