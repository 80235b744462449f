/** Display helpers for the reports: percentages, money, short dates for chart axes. */

/** "73 %" for 0.7312; "—" when there was nothing to divide. */
export function percent(rate: number | null, digits = 0): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(digits)} %`;
}

/** "$1.04" for USD, "1.04 EUR" otherwise (no locale data needed); 4 decimals under a cent. */
export function money(amount: number, currency: string): string {
  const digits = amount !== 0 && Math.abs(amount) < 0.01 ? 4 : 2;
  const text = amount.toFixed(digits);
  return currency === 'USD' ? `$${text}` : `${text} ${currency}`;
}

/** A unit price as given, to the tenth of a cent: "$0.0083", "$0.014", "$0". */
export function unitPrice(amount: number, currency: string): string {
  const text = String(Number(amount.toFixed(4)));
  return currency === 'USD' ? `$${text}` : `${text} ${currency}`;
}

/** "11-03" from "2026-11-03": short enough for 30 ticks at 1366 px. */
export function axisDay(day: string): string {
  return day.slice(5);
}

export const OUTCOME_LABEL = {
  delivered: 'Delivered',
  sent: 'Sent (no delivery report)',
  failed: 'Failed',
  unknown: 'Outcome unknown',
  suppressed: 'Suppressed',
  expired: 'Expired',
  not_needed: 'Not needed',
  pending: 'Still planned',
} as const;

/** Distinct, colour-blind-friendly-ish fills; every chart also has its numbers in a table. */
export const OUTCOME_COLOR = {
  delivered: '#2e7d32',
  sent: '#5b8fd6',
  failed: '#b3261e',
  unknown: '#b26a00',
  suppressed: '#6a4c93',
  expired: '#7a8290',
  not_needed: '#c3c8d0',
  pending: '#00838f',
} as const;

export const CHANNEL_COLOR = { email: '#7a8290', sms: '#1f5fae', voice: '#b26a00' } as const;
