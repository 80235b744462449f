import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Dashboard } from '../../../../../shared/domain/reports';
import { ChartCard, legendText, NumbersTable } from '../ChartCard';
import { axisDay, CHANNEL_COLOR } from '../report-format';

/** Texts and calls per day, and the most any one number got against the daily and weekly caps. */
export function ContactsPerDayChart({ contacts }: Readonly<{ contacts: Dashboard['contactsPerDay'] }>) {
  const { days, capPerDay, capPerWeek } = contacts;
  const texts = days.reduce((n, d) => n + d.sms, 0);
  const calls = days.reduce((n, d) => n + d.voice, 0);
  const peak = Math.max(0, ...days.map((d) => d.maxPerNumber));
  const peakWeek = Math.max(0, ...days.map((d) => d.maxPerNumberWeek));
  return (
    <ChartCard
      title="Texts and calls per day, against the caps"
      wide
      summary={
        <p>
          <strong>{texts}</strong> texts and <strong>{calls}</strong> calls. The most any one number got: {peak} in a day (cap {capPerDay}),{' '}
          {peakWeek} in 7 days (cap {capPerWeek}).
        </p>
      }
      chart={
        <div className="chart-pair">
          <ResponsiveContainer width="100%" height={200} initialDimension={{ width: 700, height: 200 }}>
            <BarChart data={days} margin={{ left: 0, right: 8, top: 4, bottom: 4 }}>
              <CartesianGrid vertical={false} stroke="#e3e6ea" />
              <XAxis dataKey="date" tickFormatter={axisDay} minTickGap={12} />
              <YAxis allowDecimals={false} width={32} />
              <Tooltip isAnimationActive={false} />
              <Legend itemSorter={null} formatter={legendText} />
              <Bar dataKey="sms" name="Texts" stackId="c" fill={CHANNEL_COLOR.sms} isAnimationActive={false} />
              <Bar dataKey="voice" name="Calls" stackId="c" fill={CHANNEL_COLOR.voice} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
          <ResponsiveContainer width="100%" height={200} initialDimension={{ width: 500, height: 200 }}>
            <LineChart data={days} margin={{ left: 0, right: 8, top: 4, bottom: 4 }}>
              <CartesianGrid vertical={false} stroke="#e3e6ea" />
              <XAxis dataKey="date" tickFormatter={axisDay} minTickGap={16} />
              <YAxis allowDecimals={false} width={28} domain={[0, Math.max(capPerWeek, peakWeek) + 1]} />
              <Tooltip isAnimationActive={false} />
              <Legend itemSorter={null} formatter={legendText} />
              <ReferenceLine
                y={capPerDay}
                stroke="#1f5fae"
                strokeDasharray="4 4"
                label={{ value: 'daily cap', position: 'insideTopLeft', fontSize: 11 }}
              />
              <ReferenceLine
                y={capPerWeek}
                stroke="#b3261e"
                strokeDasharray="4 4"
                label={{ value: 'weekly cap', position: 'insideTopLeft', fontSize: 11 }}
              />
              <Line dataKey="maxPerNumber" name="Most to one number (day)" stroke="#1f5fae" dot={false} isAnimationActive={false} />
              <Line dataKey="maxPerNumberWeek" name="Most to one number (7 days)" stroke="#b3261e" dot={false} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </div>
      }
      table={
        <NumbersTable
          caption="Texts, calls and emails per day, and the most to one number"
          head={[
            'Day',
            'Texts',
            'Calls',
            'Emails',
            `Most to one number (cap ${capPerDay})`,
            'Numbers at the daily cap',
            `Most in 7 days (cap ${capPerWeek})`,
          ]}
          rows={days.map((d) => [d.date, d.sms, d.voice, d.email, d.maxPerNumber, d.numbersAtCap, d.maxPerNumberWeek])}
        />
      }
    />
  );
}
