// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import { DataTable, type Column } from '../../renderer/src/components/DataTable';

afterEach(cleanup);

type Visit = { id: number; at: string; who: string; note: string };

const columns: Column<Visit>[] = [
  { header: 'When', cell: (v) => v.at, className: 'nowrap', sorted: 'descending' },
  { header: 'Who', cell: (v) => <strong>{v.who}</strong> },
  { header: 'Note', cell: (v) => v.note, className: 'detail-cell' },
];
const rows: Visit[] = [
  { id: 2, at: '10:15', who: 'Ann', note: 'confirmed' },
  { id: 1, at: '09:40', who: 'Ben', note: 'moved' },
];

describe('DataTable', () => {
  it('is a table named by its caption, with column headers scoped to their columns', () => {
    render(<DataTable caption="Visits, newest first" columns={columns} rows={rows} rowKey={(v) => v.id} />);
    const table = screen.getByRole('table', { name: 'Visits, newest first' });
    const headers = within(table).getAllByRole('columnheader');
    expect(headers.map((h) => h.textContent)).toEqual(['When', 'Who', 'Note']);
    expect(headers.every((h) => h.getAttribute('scope') === 'col')).toBe(true);
    expect(table.querySelector('caption')?.className).toBe('visually-hidden');
  });

  it('says which column the rows are sorted by, and only that one', () => {
    render(<DataTable caption="Visits" columns={columns} rows={rows} rowKey={(v) => v.id} />);
    const [when, who, note] = screen.getAllByRole('columnheader');
    expect(when?.getAttribute('aria-sort')).toBe('descending');
    expect(who?.hasAttribute('aria-sort')).toBe(false);
    expect(note?.hasAttribute('aria-sort')).toBe(false);
  });

  it('renders one row per item in the order given, each cell from its column', () => {
    render(<DataTable caption="Visits" columns={columns} rows={rows} rowKey={(v) => v.id} />);
    const bodyRows = screen.getAllByRole('row').slice(1);
    expect(
      bodyRows.map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      ),
    ).toEqual([
      ['10:15', 'Ann', 'confirmed'],
      ['09:40', 'Ben', 'moved'],
    ]);
    const [firstAt, firstWho, firstNote] = within(bodyRows[0]!).getAllByRole('cell');
    expect(firstAt?.className).toBe('nowrap');
    expect(firstWho?.querySelector('strong')?.textContent).toBe('Ann');
    expect(firstNote?.className).toBe('detail-cell');
  });

  it('shows headers and no body rows for an empty list', () => {
    render(<DataTable caption="Visits" columns={columns} rows={[]} rowKey={(v) => v.id} />);
    expect(screen.getAllByRole('row')).toHaveLength(1);
  });
});
