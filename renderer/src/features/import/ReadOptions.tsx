import { useId, useState } from 'react';
import type { ImportProfile } from '../../../../shared/domain/sources';
import { DateFormatSchema, type DateFormat } from '../../../../shared/domain/sources';
import type { ImportPreview } from '../../../../shared/domain/source-results';
import type { ReadChoices } from './useImportWizard';

const DATE_FORMAT_LABELS: Readonly<Record<DateFormat, string>> = {
  MDY: 'Month first (12/14/2027)',
  DMY: 'Day first (14/12/2027)',
  YMD: 'Year first (2027/12/14)',
};

type Props = Readonly<{
  choices: ReadChoices;
  preview: ImportPreview | null;
  workbook: boolean;
  profiles: readonly ImportProfile[];
  onChoose: (change: Partial<Omit<ReadChoices, 'overrides'>>) => void;
}>;

/** Date order, sheet and saved profile: how the whole file is read. Each change previews the file again. */
export function ReadOptions({ choices, preview, workbook, profiles, onChoose }: Props) {
  const id = useId();
  const [sheet, setSheet] = useState(choices.sheet ?? '');
  const read = preview?.result;
  const commitSheet = () => {
    const next = sheet.trim();
    if (next !== (choices.sheet ?? '')) onChoose({ sheet: next === '' ? undefined : next });
  };
  return (
    <fieldset className="fieldset read-options">
      <legend>How to read the file</legend>
      <label className="field" htmlFor={`${id}-profile`}>
        <span>Saved profile</span>
        <select
          id={`${id}-profile`}
          value={choices.profile ?? ''}
          onChange={(e) => onChoose({ profile: e.target.value === '' ? undefined : e.target.value })}
        >
          <option value="">None: read the header</option>
          {profiles.map((p) => (
            <option key={p.name} value={p.name}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field" htmlFor={`${id}-dates`}>
        <span>Dates like 03/04/2027</span>
        <select
          id={`${id}-dates`}
          value={choices.dateFormat ?? ''}
          onChange={(e) => onChoose({ dateFormat: e.target.value === '' ? undefined : DateFormatSchema.parse(e.target.value) })}
        >
          <option value="">{`As the clinic's country writes them${read?.dateFormat && read.dateFormatSource === 'locale' ? ` (${read.dateFormat})` : ''}`}</option>
          {DateFormatSchema.options.map((f) => (
            <option key={f} value={f}>
              {DATE_FORMAT_LABELS[f]}
            </option>
          ))}
        </select>
      </label>
      {workbook ? (
        <label className="field" htmlFor={`${id}-sheet`}>
          <span>Sheet (blank: the first)</span>
          <input
            id={`${id}-sheet`}
            value={sheet}
            maxLength={100}
            onChange={(e) => setSheet(e.target.value)}
            onBlur={commitSheet}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                commitSheet();
              }
            }}
          />
        </label>
      ) : null}
    </fieldset>
  );
}
