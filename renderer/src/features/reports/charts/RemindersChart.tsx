import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Dashboard, ReminderOutcome } from '../../../../../shared/domain/reports';
import { CHANNEL_LABEL } from '../../../components/format';
import { ChartCard, legendText, NumbersTable } from '../ChartCard';
import { OUTCOME_COLOR, OUTCOME_LABEL, percent } from '../report-format';

const OUTCOMES = Object.keys(OUTCOME_LABEL) as ReminderOutcome[];

/** Reminders of the range's appointments by channel and where they ended, and why some were not sent. */
export function RemindersChart({ reminders }: Readonly<{ reminders: Dashboard['reminders'] }>) {
  const data = reminders.byChannel.map((c) => ({ channel: CHANNEL_LABEL[c.channel], ...c.outcomes }));
  const total = reminders.byChannel.reduce((n, c) => n + c.total, 0);
  const reached = reminders.byChannel.reduce((n, c) => n + c.outcomes.delivered + c.outcomes.sent, 0);
  return (
    <ChartCard
      title="Reminders by channel and outcome"
      wide
      summary={
        <p>
          <strong>{total}</strong> reminders; <strong>{percent(total > 0 ? reached / total : null)}</strong> delivered or sent.
        </p>
      }
      chart={
        <ResponsiveContainer width="100%" height={190} initialDimension={{ width: 800, height: 190 }}>
          <BarChart data={data} layout="vertical" margin={{ left: 8, right: 16, top: 4, bottom: 4 }}>
            <CartesianGrid horizontal={false} stroke="#e3e6ea" />
            <XAxis type="number" allowDecimals={false} />
            <YAxis type="category" dataKey="channel" width={56} />
            <Tooltip isAnimationActive={false} />
            <Legend itemSorter={null} formatter={legendText} />
            {OUTCOMES.map((o) => (
              <Bar key={o} dataKey={o} name={OUTCOME_LABEL[o]} stackId="outcome" fill={OUTCOME_COLOR[o]} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      }
      table={
        <NumbersTable
          caption="Reminders by channel and outcome"
          head={['Channel', ...OUTCOMES.map((o) => OUTCOME_LABEL[o]), 'Total']}
          rows={reminders.byChannel.map((c) => [CHANNEL_LABEL[c.channel], ...OUTCOMES.map((o) => c.outcomes[o]), c.total])}
        />
      }
      footer={
        reminders.suppressed.length > 0 ? (
          <NumbersTable
            caption="Why reminders were suppressed"
            head={['Reason', 'Channel', 'Reminders']}
            rows={reminders.suppressed.map((s) => [s.reason, CHANNEL_LABEL[s.channel], s.count])}
          />
        ) : (
          'No reminder was suppressed.'
        )
      }
    />
  );
}
