import type { Cost, CostChannel, ReportPrices } from '../../../shared/domain/reports';
import type { Channel, ContactOutcome } from '../../../shared/domain/types';
import { smsSegments } from '../../../shared/util/sms-segments';
import type { LedgerFactRow } from '../db/repos/reports-repo';
import { assertNever } from '../platform/errors';
import { dayIndex, type DayRange } from './range';

const CHANNELS: readonly Channel[] = ['email', 'sms', 'voice'];

/** Whether a ledger outcome is billed: the provider accepted it or may have (unknown); a definite failure is not. */
function billing(outcome: ContactOutcome): 'billed' | 'simulated' | 'free' {
  switch (outcome) {
    case 'sent':
    case 'delivered':
    case 'undelivered':
    case 'unknown':
      return 'billed';
    case 'simulated':
      return 'simulated';
    case 'failed':
      return 'free';
    default:
      return assertNever(outcome);
  }
}

/** Billed units of one attempt, and whether its SMS segments had to be guessed. */
function unitsOf(row: LedgerFactRow, prices: ReportPrices): { units: number; guessed: boolean } {
  switch (row.channel) {
    case 'sms':
      if (row.segments !== null) return { units: row.segments, guessed: false };
      if (row.simulated_body !== null) return { units: smsSegments(row.simulated_body).segments, guessed: false };
      return { units: 1, guessed: true };
    case 'voice':
      return { units: prices.voiceMinutesPerCall, guessed: false };
    case 'email':
      return { units: 1, guessed: false };
    default:
      return assertNever(row.channel);
  }
}

function priceOf(channel: Channel, prices: ReportPrices): number {
  return channel === 'sms' ? prices.smsPerSegment : channel === 'voice' ? prices.voicePerMinute : prices.emailPerMessage;
}

/**
 * Estimated provider cost of the attempts in `range`: units (SMS segments of the body sent, minutes per call,
 * emails) × the clinic's prices. Simulated sends are priced too, separately, as what they would have cost.
 * `daily` adds both, per channel. Definitions and assumptions: docs/reports.md.
 */
export function estimateCost(rows: readonly LedgerFactRow[], range: DayRange, prices: ReportPrices): Cost {
  const channels = new Map<Channel, CostChannel>(
    CHANNELS.map((channel) => [
      channel,
      { channel, attempts: 0, units: 0, estimate: 0, simulatedAttempts: 0, simulatedUnits: 0, simulatedEstimate: 0 },
    ]),
  );
  const daily = range.days.map((date) => ({ date, sms: 0, voice: 0, email: 0 }));
  let segmentsEstimated = 0;
  for (const row of rows) {
    const day = dayIndex(range, row.attempted_at);
    const kind = billing(row.outcome);
    if (day < 0 || kind === 'free') continue;
    const { units, guessed } = unitsOf(row, prices);
    if (guessed) segmentsEstimated += 1;
    const amount = units * priceOf(row.channel, prices);
    const c = channels.get(row.channel)!;
    if (kind === 'billed') {
      c.attempts += 1;
      c.units += units;
      c.estimate += amount;
    } else {
      c.simulatedAttempts += 1;
      c.simulatedUnits += units;
      c.simulatedEstimate += amount;
    }
    daily[day]![row.channel] += amount;
  }
  const list = [...channels.values()];
  return {
    prices,
    channels: list,
    daily,
    total: list.reduce((sum, c) => sum + c.estimate, 0),
    simulatedTotal: list.reduce((sum, c) => sum + c.simulatedEstimate, 0),
    segmentsEstimated,
  };
}
