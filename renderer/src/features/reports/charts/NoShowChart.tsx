import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { NoShows } from '../../../../../shared/domain/reports';
import { ChartCard, NumbersTable } from '../ChartCard';
import { percent } from '../report-format';

/** No-shows among confirmed versus unconfirmed appointments (those that have started, not cancelled). */
export function NoShowChart({ noShows }: Readonly<{ noShows: NoShows }>) {
  const groups = [
    { group: 'Confirmed', ...noShows.confirmed },
    { group: 'Not confirmed', ...noShows.unconfirmed },
  ];
  const data = groups.map((g) => ({
    group: g.group,
    rate: g.rate === null ? 0 : Math.round(g.rate * 1000) / 10,
    label: percent(g.rate, 1),
  }));
  return (
    <ChartCard
      title="No-shows: confirmed vs not confirmed"
      summary={
        <p>
          <strong>{percent(noShows.confirmed.rate, 1)}</strong> of confirmed appointments were no-shows, against{' '}
          <strong>{percent(noShows.unconfirmed.rate, 1)}</strong> of unconfirmed ones.
        </p>
      }
      chart={
        <ResponsiveContainer width="100%" height={200} initialDimension={{ width: 560, height: 200 }}>
          <BarChart data={data} margin={{ left: 0, right: 8, top: 18, bottom: 4 }}>
            <CartesianGrid vertical={false} stroke="#e3e6ea" />
            <XAxis dataKey="group" />
            <YAxis unit=" %" width={44} allowDecimals={false} />
            <Bar dataKey="rate" name="No-show rate" fill="#b3261e" isAnimationActive={false} maxBarSize={90}>
              <LabelList dataKey="label" position="top" />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      }
      table={
        <NumbersTable
          caption="No-shows among confirmed and unconfirmed appointments"
          head={['Appointments', 'Started', 'No-shows', 'Rate']}
          rows={groups.map((g) => [g.group, g.appointments, g.noShows, percent(g.rate, 1)])}
        />
      }
    />
  );
}
