import type { ReactNode } from 'react';

/** One column: its header, how a row shows in it, and whether the rows are sorted by it. */
export type Column<Row> = Readonly<{
  /** Header text; also the column's key, so unique within a table. */
  header: string;
  cell: (row: Row) => ReactNode;
  /** Class of this column's cells, e.g. `nowrap` or `detail-cell`. */
  className?: string;
  /** Set on the column the rows arrive sorted by: announced to screen readers with aria-sort. */
  sorted?: 'ascending' | 'descending';
}>;

type Props<Row> = Readonly<{
  /** Names the table for screen readers (the screen's heading already says it on screen). */
  caption: string;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string | number;
}>;

/** A read-only table of rows: caption, column headers with scope, one row per item, in the order given. */
export function DataTable<Row>({ caption, columns, rows, rowKey }: Props<Row>) {
  return (
    <div className="table-wrap">
      <table className="data-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.header} scope="col" aria-sort={c.sorted}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((c) => (
                <td key={c.header} className={c.className}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
