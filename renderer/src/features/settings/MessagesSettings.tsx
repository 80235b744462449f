import { useCallback, useState } from 'react';
import type { ClinicSettings, Templates } from '../../../../shared/domain/dto';
import { ErrorNote } from '../../components/ErrorNote';
import { useApi } from '../../api/ApiContext';
import { useCommand } from '../../hooks/useCommand';
import { DEFAULT_TEMPLATES, MERGE_FIELDS, startingText, TEMPLATE_EDITORS, templatesToSave, type TemplateKey } from './message-templates';
import { TemplateEditor } from './TemplateEditor';

type Texts = Record<TemplateKey, string>;

function textsFrom(templates: Templates): Texts {
  return {
    sms: startingText(templates, 'sms'),
    voice: startingText(templates, 'voice'),
    emailSubject: startingText(templates, 'emailSubject'),
    emailText: startingText(templates, 'emailText'),
  };
}

/** Settings → Messages: the four reminder templates with a live preview each; saved together. */
export function MessagesSettings({ settings }: Readonly<{ settings: ClinicSettings }>) {
  const api = useApi();
  const [texts, setTexts] = useState<Texts>(() => textsFrom(settings.templates));
  const [saved, setSaved] = useState(false);
  const save = useCommand(useCallback((templates: Templates) => api.invoke('settings:update', { settings: { templates } }), [api]));
  const edit = (key: TemplateKey, text: string) => {
    setSaved(false);
    save.clearError();
    setTexts((t) => ({ ...t, [key]: text }));
  };
  return (
    <form
      className="settings-panel"
      aria-label="Message templates"
      onSubmit={(e) => {
        e.preventDefault();
        void save.run(templatesToSave(texts)).then((r) => {
          if (r.ok) {
            setTexts(textsFrom(r.value.templates));
            setSaved(true);
          }
        });
      }}
    >
      <p className="intro">
        What patients receive. The preview fills in your clinic’s name and phone and a sample appointment. Never include the reason for the
        visit.
      </p>
      <p className="muted field-legend">
        Fields in braces are filled in for each appointment:{' '}
        {MERGE_FIELDS.map(([field, meaning], i) => (
          <span key={field} className="nowrap">
            <code>{`{${field}}`}</code> {meaning}
            {i < MERGE_FIELDS.length - 1 ? ', ' : '.'}
          </span>
        ))}
      </p>
      {TEMPLATE_EDITORS.map(({ key, kind, label, rows, hint }) => (
        <TemplateEditor
          key={key}
          kind={kind}
          label={label}
          hint={hint}
          rows={rows}
          value={texts[key]}
          isDefault={texts[key] === DEFAULT_TEMPLATES[key]}
          onChange={(text) => edit(key, text)}
          onReset={() => edit(key, DEFAULT_TEMPLATES[key])}
        />
      ))}
      <div className="action-bar">
        <ErrorNote error={save.error} />
        <div className="form-actions">
          <span role="status" className="muted">
            {saved ? 'Templates saved.' : ''}
          </span>
          <button type="submit" className="btn btn-primary" disabled={save.busy}>
            {save.busy ? 'Saving…' : 'Save templates'}
          </button>
        </div>
      </div>
    </form>
  );
}
