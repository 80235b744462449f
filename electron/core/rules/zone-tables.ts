/** The countries-and-timezones module (country → zones, zone → countries and offsets). */
export type ZoneTables = typeof import('countries-and-timezones');

/**
 * Loaded on first use, not at start-up: only set-up and foreign numbers need the tables, and every
 * one-shot CLI command would otherwise pay for them. Node's module cache makes later calls free.
 */
export function zoneTables(): ZoneTables {
  return require('countries-and-timezones') as ZoneTables;
}
