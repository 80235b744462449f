import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Cost } from '../../../../../shared/domain/reports';
import { CHANNEL_LABEL } from '../../../components/format';
import { ChartCard, legendText, NumbersTable } from '../ChartCard';
import { axisDay, CHANNEL_COLOR, money, unitPrice } from '../report-format';

const UNIT = { sms: 'segments', voice: 'minutes', email: 'emails' } as const;

/** Estimated provider cost per day and per channel (units × the clinic's prices). */
export function CostChart({ cost, onEditPrices }: Readonly<{ cost: Cost; onEditPrices: () => void }>) {
  const { prices } = cost;
  const fmt = (n: number) => money(n, prices.currency);
  const simulated = cost.simulatedTotal > 0;
  return (
    <ChartCard
      title="Estimated provider cost"
      className="chart-card-cost"
      summary={
        <p>
          <strong className="big-number">{fmt(cost.total)}</strong> estimated
          {simulated ? <> · simulated sends would have cost {fmt(cost.simulatedTotal)}</> : null}.{' '}
          <button type="button" className="link-button" onClick={onEditPrices}>
            Prices
          </button>
        </p>
      }
      chart={
        <ResponsiveContainer width="100%" height={200} initialDimension={{ width: 560, height: 200 }}>
          <BarChart data={cost.daily} margin={{ left: 0, right: 8, top: 4, bottom: 4 }}>
            <CartesianGrid vertical={false} stroke="#e3e6ea" />
            <XAxis dataKey="date" tickFormatter={axisDay} minTickGap={12} />
            <YAxis width={52} tickFormatter={(v: number) => fmt(v)} />
            <Tooltip isAnimationActive={false} formatter={(v) => fmt(Number(v))} />
            <Legend itemSorter={null} formatter={legendText} />
            <Bar dataKey="sms" name="Texts" stackId="m" fill={CHANNEL_COLOR.sms} isAnimationActive={false} />
            <Bar dataKey="voice" name="Calls" stackId="m" fill={CHANNEL_COLOR.voice} isAnimationActive={false} />
            <Bar dataKey="email" name="Emails" stackId="m" fill={CHANNEL_COLOR.email} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      }
      table={
        <NumbersTable
          caption="Estimated cost per channel"
          head={['Channel', 'Sent', 'Billed units', 'Estimate', 'Simulated sends', 'Simulated estimate']}
          rows={cost.channels.map((c) => [
            CHANNEL_LABEL[c.channel],
            c.attempts,
            `${c.units} ${UNIT[c.channel]}`,
            fmt(c.estimate),
            c.simulatedAttempts,
            fmt(c.simulatedEstimate),
          ])}
        />
      }
      footer={
        <>
          At {unitPrice(prices.smsPerSegment, prices.currency)} per text segment, {unitPrice(prices.voicePerMinute, prices.currency)} per
          call minute ({prices.voiceMinutesPerCall} min a call), {unitPrice(prices.emailPerMessage, prices.currency)} per email; carrier
          fees not included.
          {cost.segmentsEstimated > 0 ? ` ${cost.segmentsEstimated} older texts counted as 1 segment each.` : ''}
        </>
      }
    />
  );
}
