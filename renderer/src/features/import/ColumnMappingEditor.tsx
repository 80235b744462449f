import type { ImportPreview } from '../../../../shared/domain/source-results';
import type { ColumnMapping } from '../../../../shared/domain/sources';
import { FIELD_LABELS, type MappingChoice } from './fields';

type Props = Readonly<{
  /** The file's columns: the engine's header, or the window's own reading when the engine refused the file. */
  columns: readonly string[];
  preview: ImportPreview | null;
  overrides: ColumnMapping;
  disabled: boolean;
  onMap: (column: string, field: MappingChoice) => void;
}>;

/** One line per column of the file: its name, a sample value, and what it is read as (a select). */
export function ColumnMappingEditor({ columns, preview, overrides, disabled, onMap }: Props) {
  const sample = preview?.rows[0]?.cells ?? [];
  return (
    <section className="mapping" aria-labelledby="mapping-title">
      <h2 id="mapping-title">Columns</h2>
      <p className="muted">What each column of the file is read as. Change one to read the file again.</p>
      <table className="data-table mapping-table">
        <colgroup>
          <col style={{ width: '34%' }} />
          <col style={{ width: '26%' }} />
          <col style={{ width: '40%' }} />
        </colgroup>
        <caption className="visually-hidden">Columns of the file and what each is read as</caption>
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col">First row</th>
            <th scope="col">Read as</th>
          </tr>
        </thead>
        <tbody>
          {columns.map((column, index) => {
            const field: MappingChoice = overrides[column] ?? preview?.result.mapping?.[column] ?? 'ignore';
            return (
              <tr key={`${index}|${column}`} className={overrides[column] ? 'mapping-changed' : undefined}>
                <th scope="row">{column}</th>
                <td className="mapping-sample">{sample[index] ?? ''}</td>
                <td>
                  <select
                    aria-label={`Read column "${column}" as`}
                    value={field}
                    disabled={disabled}
                    onChange={(e) => onMap(column, e.target.value as MappingChoice)}
                  >
                    {FIELD_LABELS.map(([f, label]) => (
                      <option key={f} value={f}>
                        {label}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
