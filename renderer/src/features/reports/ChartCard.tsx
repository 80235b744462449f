import { useId, useState, type ReactNode } from 'react';

/**
 * One chart with its numbers: the picture is hidden from screen readers, the table behind it is not (and can
 * be shown on screen too). `summary` is the headline number, read first.
 */
export function ChartCard(
  props: Readonly<{
    title: string;
    summary?: ReactNode;
    chart: ReactNode;
    table: ReactNode;
    footer?: ReactNode;
    wide?: boolean;
    className?: string;
  }>,
) {
  const [showTable, setShowTable] = useState(false);
  const tableId = useId();
  return (
    <figure
      className={['chart-card', props.wide ? 'chart-card-wide' : '', props.className ?? ''].join(' ').trim()}
      aria-labelledby={`${tableId}-title`}
    >
      <figcaption className="chart-head">
        <h3 id={`${tableId}-title`}>{props.title}</h3>
        <button
          type="button"
          className="btn btn-small btn-quiet"
          aria-controls={tableId}
          aria-expanded={showTable}
          onClick={() => setShowTable((s) => !s)}
        >
          {showTable ? 'Hide numbers' : 'Show numbers'}
        </button>
      </figcaption>
      {props.summary ? <div className="chart-summary">{props.summary}</div> : null}
      {/* inert as well: the chart library makes parts of its drawing focusable, and hidden things must not take focus. */}
      <div className="chart-area" aria-hidden="true" inert>
        {props.chart}
      </div>
      <div id={tableId} className={showTable ? 'chart-table' : 'visually-hidden'}>
        {props.table}
      </div>
      {props.footer ? <div className="chart-footer small muted">{props.footer}</div> : null}
    </figure>
  );
}

/** A plain table of numbers with a caption (its accessible name). */
export function NumbersTable(
  props: Readonly<{ caption: string; head: readonly string[]; rows: readonly (readonly (string | number)[])[] }>,
) {
  return (
    <table className="data-table numbers-table">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          {props.head.map((h, i) => (
            <th key={h} scope="col" className={i > 0 ? 'num' : undefined}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr key={row.join('\u0000')}>
            {row.map((cell, i) =>
              i === 0 ? (
                <th key={i} scope="row">
                  {cell}
                </th>
              ) : (
                <td key={i} className="num">
                  {cell}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Legend labels in the text colour (recharts colours them like their series, too pale for light fills). */
export function legendText(value: string) {
  return <span className="legend-text">{value}</span>;
}
