import type { createServices } from './services';

/**
 * Everything the CLI, the web host and the Electron IPC handlers can ask of the engine: the type of what
 * createServices (services.ts) returns, so a new method is declared once, where it is written. Methods
 * throw UserError for expected failures (bad input, unknown id). Only type imports here: services.ts must not
 * import this file back (no cycle).
 */
export type FrontdeskServices = ReturnType<typeof createServices>;

export type { ByActor, PauseSummary } from './services';
export type { ScheduleFileInput } from './import-schedule';
