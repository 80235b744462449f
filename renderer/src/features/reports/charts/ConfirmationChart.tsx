import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Confirmations } from '../../../../../shared/domain/reports';
import { ChartCard, legendText, NumbersTable } from '../ChartCard';
import { axisDay, percent } from '../report-format';

/** The confirmation rate: overall, how patients confirmed, and per day of appointment. */
export function ConfirmationChart({ confirmations }: Readonly<{ confirmations: Confirmations }>) {
  const c = confirmations;
  const data = c.daily.map((d) => ({ date: d.date, confirmed: d.confirmed, unconfirmed: d.appointments - d.confirmed }));
  return (
    <ChartCard
      title="Confirmation rate"
      summary={
        <p>
          <strong className="big-number">{percent(c.rate)}</strong> of {c.appointments} appointments confirmed: {c.bySource.reply} by text
          reply, {c.bySource.call} on the reminder call, {c.bySource.desk} by the front desk, {c.bySource.schedule} in the schedule.
        </p>
      }
      chart={
        <ResponsiveContainer width="100%" height={200} initialDimension={{ width: 560, height: 200 }}>
          <BarChart data={data} margin={{ left: 0, right: 8, top: 4, bottom: 4 }}>
            <CartesianGrid vertical={false} stroke="#e3e6ea" />
            <XAxis dataKey="date" tickFormatter={axisDay} minTickGap={12} />
            <YAxis allowDecimals={false} width={32} />
            <Tooltip isAnimationActive={false} />
            <Legend itemSorter={null} formatter={legendText} />
            <Bar dataKey="confirmed" name="Confirmed" stackId="a" fill="#2e7d32" isAnimationActive={false} />
            <Bar dataKey="unconfirmed" name="Not confirmed" stackId="a" fill="#c3c8d0" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      }
      table={
        <NumbersTable
          caption="Appointments and confirmations per day"
          head={['Day', 'Appointments', 'Confirmed', 'Rate']}
          rows={c.daily.map((d) => [
            d.date,
            d.appointments,
            d.confirmed,
            percent(d.appointments > 0 ? d.confirmed / d.appointments : null),
          ])}
        />
      }
    />
  );
}
