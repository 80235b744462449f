import { useCallback } from 'react';
import { useApi } from '../../api/ApiContext';
import { todayIn } from '../../components/format';
import { useTopicVersion } from '../../hooks/live-updates';
import { useResource } from '../../hooks/useResource';
import { useEngineStatus } from '../shell/engine-status';
import { DailySummaryPanel } from './DailySummaryPanel';
import { Dashboard } from './Dashboard';
import { ExportsPanel } from './ExportsPanel';
import { PatientHistory } from './PatientHistory';
import './reports.css';

/** Reports: today's summary, the day sheet and exports, the dashboard, and a patient's contact history. */
export function ReportsScreen() {
  const api = useApi();
  const { status } = useEngineStatus();
  const version = useTopicVersion('contacts', 'outbox', 'schedule');
  const load = useCallback(() => api.invoke('reports:daily-summary'), [api]);
  const summary = useResource(load, String(version));
  // "Today" is the engine's (its clock may be set), which the summary names.
  const today = summary.data?.date ?? todayIn(status?.timezone);
  return (
    <div className="screen reports">
      <h1 className="screen-title">Reports</h1>
      <DailySummaryPanel data={summary.data} error={summary.error} />
      <ExportsPanel today={today} />
      <Dashboard />
      <PatientHistory />
    </div>
  );
}
