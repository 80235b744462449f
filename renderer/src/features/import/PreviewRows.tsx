import type { ImportPreview } from '../../../../shared/domain/source-results';
import { StatusBadge } from '../../components/StatusBadge';
import { clinicWallTime } from './fields';

/** The first rows as the import will read them: the appointment each becomes, or why it would be rejected. */
export function PreviewRows({ preview }: Readonly<{ preview: ImportPreview }>) {
  const bad = preview.rows.filter((r) => r.problems.length > 0).length;
  return (
    <section className="preview" aria-labelledby="preview-title">
      <h2 id="preview-title">First {preview.rows.length} rows as they will be read</h2>
      <p className="muted">
        Times are clinic time. {bad === 0 ? 'Every row shown can be imported.' : `${bad} of these rows would be rejected (marked).`}
      </p>
      <div className="table-wrap">
        <table className="data-table preview-table">
          <caption className="visually-hidden">Preview of the first rows</caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Patient</th>
              <th scope="col">Starts</th>
              <th scope="col">Length</th>
              <th scope="col">Provider</th>
              <th scope="col">Status</th>
              <th scope="col">Phone / email</th>
              <th scope="col">Id</th>
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((r) => {
              const a = r.appointment;
              if (r.problems.length > 0 || !a) {
                return (
                  <tr key={r.row} className="row-problem">
                    <td>{r.row}</td>
                    <td colSpan={7}>
                      <strong>Rejected: </strong>
                      {r.problems.join('; ') || 'cannot be read'}
                    </td>
                  </tr>
                );
              }
              return (
                <tr key={r.row}>
                  <td>{r.row}</td>
                  <td className="preview-patient">{a.patient}</td>
                  <td className="nowrap">{clinicWallTime(a.startsAt)}</td>
                  <td className="nowrap">{a.durationMin} min</td>
                  <td>{a.provider}</td>
                  <td>
                    <StatusBadge status={a.status} />
                  </td>
                  <td>{[a.phone, a.email].filter(Boolean).join(' · ') || '—'}</td>
                  <td className="preview-id">{a.externalId}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
