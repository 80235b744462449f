import { useCallback, useState } from 'react';
import { useApi } from '../../api/ApiContext';
import { ErrorNote } from '../../components/ErrorNote';
import { addDays } from '../../components/format';
import { useTopicVersion } from '../../hooks/live-updates';
import { useResource } from '../../hooks/useResource';
import { ConfirmationChart } from './charts/ConfirmationChart';
import { ContactsPerDayChart } from './charts/ContactsPerDayChart';
import { CostChart } from './charts/CostChart';
import { NoShowChart } from './charts/NoShowChart';
import { RemindersChart } from './charts/RemindersChart';
import { PricesForm } from './PricesForm';

type Range = Readonly<{ from: string; to: string }> | null;

/** The dashboard: a range of clinic days (default the engine's last 30) and a chart with its numbers for each question. */
export function Dashboard() {
  const api = useApi();
  const [range, setRange] = useState<Range>(null);
  const [editingPrices, setEditingPrices] = useState(false);
  const version = useTopicVersion('contacts', 'outbox', 'schedule', 'settings');
  const load = useCallback(() => api.invoke('reports:dashboard', range ?? {}), [api, range]);
  const { data, error, loading, reload } = useResource(load, `${range?.from ?? ''}|${range?.to ?? ''}|${version}`);
  const to = range?.to ?? data?.to ?? '';
  const from = range?.from ?? data?.from ?? '';
  const lastDays = (n: number) => to && setRange({ from: addDays(to, 1 - n), to });
  return (
    <section className="report-section" aria-labelledby="dashboard-title">
      <div className="section-head">
        <h2 id="dashboard-title">Dashboard</h2>
        <div className="toolbar range-picker" role="group" aria-label="Days shown">
          <button type="button" className="btn btn-small" onClick={() => lastDays(7)}>
            Last 7 days
          </button>
          <button type="button" className="btn btn-small" onClick={() => lastDays(30)}>
            Last 30 days
          </button>
          <button type="button" className="btn btn-small" onClick={() => lastDays(90)}>
            Last 90 days
          </button>
          <label className="field-inline">
            From
            <input type="date" value={from} max={to} onChange={(e) => e.target.value && setRange({ from: e.target.value, to })} />
          </label>
          <label className="field-inline">
            To
            <input type="date" value={to} min={from} onChange={(e) => e.target.value && setRange({ from, to: e.target.value })} />
          </label>
          {loading ? (
            <span role="status" className="muted small">
              Loading…
            </span>
          ) : null}
        </div>
      </div>
      <ErrorNote error={error} />
      {editingPrices ? (
        <PricesForm
          onClose={(saved) => {
            setEditingPrices(false);
            if (saved) reload();
          }}
        />
      ) : null}
      {data ? (
        <div className="chart-grid">
          <RemindersChart reminders={data.reminders} />
          <ConfirmationChart confirmations={data.confirmations} />
          <NoShowChart noShows={data.noShows} />
          <CostChart cost={data.cost} onEditPrices={() => setEditingPrices(true)} />
          <ContactsPerDayChart contacts={data.contactsPerDay} />
        </div>
      ) : null}
    </section>
  );
}
