import { useId, useLayoutEffect, useRef } from 'react';
import type { TemplateKind, TemplatePreview } from '../../../../shared/domain/dto';
import { ErrorNote } from '../../components/ErrorNote';
import { MERGE_FIELDS, SMS_MAX_CHARS } from './message-templates';
import { useTemplatePreview } from './useTemplatePreview';

type Props = Readonly<{
  kind: TemplateKind;
  label: string;
  hint: string;
  rows: number;
  /** The language the text is for (the preview renders dates in it). */
  language?: string;
  value: string;
  isDefault: boolean;
  onChange: (text: string) => void;
  onReset: () => void;
}>;

/** One message template: the text, buttons that insert a merge field at the cursor, and the engine's live preview. */
export function TemplateEditor({ kind, label, hint, rows, language, value, isDefault, onChange, onReset }: Props) {
  const id = useId();
  const area = useRef<HTMLTextAreaElement>(null);
  /** Whether the user has been in the text; until then a field is added at the end. */
  const visited = useRef(false);
  const caretAfterInsert = useRef<number | null>(null);
  const { preview, error } = useTemplatePreview(kind, value, language);

  useLayoutEffect(() => {
    const el = area.current;
    const caret = caretAfterInsert.current;
    if (!el || caret === null) return;
    caretAfterInsert.current = null;
    el.focus();
    el.setSelectionRange(caret, caret);
  }, [value]);

  const insert = (field: string) => {
    const token = `{${field}}`;
    // A textarea keeps its selection after losing focus to the button, so this is where the cursor was.
    const el = area.current;
    const [start, end] = el && visited.current ? [el.selectionStart, el.selectionEnd] : [value.length, value.length];
    caretAfterInsert.current = start + token.length;
    onChange(value.slice(0, start) + token + value.slice(end));
  };

  const errors = preview?.errors ?? [];
  const overLimit = kind === 'sms' && preview !== undefined && preview.length > SMS_MAX_CHARS;
  return (
    <fieldset className="fieldset template-editor">
      <legend>{label}</legend>
      <div className="template-grid">
        <div className="template-input">
          <div className="template-head">
            <span className="muted" id={`${id}-hint`}>
              {hint}
            </span>
            <span className={isDefault ? 'badge' : 'badge badge-custom'}>{isDefault ? 'Default wording' : 'Custom wording'}</span>
          </div>
          <textarea
            ref={area}
            aria-label={`${label} template`}
            aria-describedby={`${id}-hint`}
            rows={rows}
            maxLength={4000}
            spellCheck
            value={value}
            onChange={(e) => onChange(e.target.value)}
            onFocus={() => {
              visited.current = true;
            }}
          />
          <div className="template-tools">
            <div className="merge-fields" role="group" aria-label={`Insert a field into the ${label.toLowerCase()}`}>
              <span className="muted">Insert:</span>
              {MERGE_FIELDS.map(([field, meaning]) => (
                <button
                  key={field}
                  type="button"
                  className="btn btn-small btn-field"
                  title={`Insert {${field}}: ${meaning}`}
                  onClick={() => insert(field)}
                >
                  {`{${field}}`}
                </button>
              ))}
            </div>
            <button type="button" className="btn btn-quiet btn-small" disabled={isDefault} onClick={onReset}>
              Reset to default
            </button>
          </div>
        </div>
        <div className="template-preview" role="group" aria-label={`${label} preview`}>
          <div className="template-preview-head">
            <span className="preview-title">Preview</span>
            {kind === 'sms' && preview ? (
              <span className={overLimit ? 'char-count char-count-over' : 'char-count'}>
                {preview.length}/{SMS_MAX_CHARS} characters
              </span>
            ) : null}
          </div>
          <p className="preview-text">{preview ? preview.text : '…'}</p>
          {kind === 'sms' && preview ? <SmsCost preview={preview} /> : null}
          {errors.length > 0 ? (
            <div className="preview-problems" role="alert">
              <span className="visually-hidden">{label}: </span>
              <ul>
                {errors.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            </div>
          ) : preview ? (
            <p className="preview-ok">No problems found.</p>
          ) : null}
          <ErrorNote error={error} />
        </div>
      </div>
    </fieldset>
  );
}

/** Encoding, segments and estimated price of one text (docs/languages.md#sms-length-gsm-7-and-ucs-2). */
function SmsCost({ preview }: Readonly<{ preview: TemplatePreview }>) {
  if (preview.encoding === undefined || preview.segments === undefined) return null;
  const perSegment = preview.encoding === 'GSM-7' ? 160 : 70;
  const cost =
    preview.estimatedCost === undefined
      ? null
      : new Intl.NumberFormat(undefined, { style: 'currency', currency: preview.currency ?? 'USD', maximumFractionDigits: 4 }).format(
          preview.estimatedCost,
        );
  return (
    <p className="sms-cost" aria-label="Text encoding and cost">
      <span className={preview.encoding === 'UCS-2' ? 'badge badge-warn' : 'badge'}>{preview.encoding}</span>{' '}
      <span>
        {preview.segments} {preview.segments === 1 ? 'segment' : 'segments'}
      </span>
      {cost ? <span> · about {cost} per text</span> : null}
      {preview.encoding === 'UCS-2' ? (
        <span className="muted">
          {' '}
          · A character outside the basic SMS alphabet (such as á or an emoji) limits a segment to {perSegment} characters instead of 160.
        </span>
      ) : null}
    </p>
  );
}
