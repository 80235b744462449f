import type { ApiError } from '../../../../shared/api/result';
import type { DailySummary } from '../../../../shared/domain/reports';
import { ErrorNote } from '../../components/ErrorNote';
import { clockTime, shortDay } from '../../components/format';

/** Today's counts, the same the end-of-day notification gives: sent, confirmed, failed, at risk tomorrow. */
export function DailySummaryPanel({ data, error }: Readonly<{ data: DailySummary | undefined; error: ApiError | undefined }>) {
  return (
    <section className="report-section" aria-labelledby="summary-title">
      <h2 id="summary-title">Today{data ? ` — ${shortDay(data.date)}` : ''}</h2>
      <ErrorNote error={error} />
      {data ? (
        <>
          <dl className="stat-tiles">
            <div className="stat">
              <dt>Sent</dt>
              <dd>{data.sent}</dd>
            </div>
            <div className="stat">
              <dt>Confirmed</dt>
              <dd>{data.confirmed}</dd>
            </div>
            <div className={`stat${data.failed > 0 ? ' stat-bad' : ''}`}>
              <dt>Failed</dt>
              <dd>{data.failed}</dd>
            </div>
            <div className={`stat${data.atRiskTomorrow > 0 ? ' stat-bad' : ''}`}>
              <dt>At risk tomorrow</dt>
              <dd>{data.atRiskTomorrow}</dd>
            </div>
          </dl>
          <p className="small muted">
            At risk: tomorrow&apos;s unconfirmed patients no reminder will reach (open tomorrow on Today to see who). The desktop app sums
            the day up at {clockTime(data.endsAt)}.
          </p>
        </>
      ) : null}
    </section>
  );
}
