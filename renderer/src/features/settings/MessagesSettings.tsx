import { useCallback, useState } from 'react';
import type { ClinicSettings, Templates } from '../../../../shared/domain/dto';
import { DEFAULT_LANGUAGE, languageCode, languageName } from '../../../../shared/domain/languages';
import { ErrorNote } from '../../components/ErrorNote';
import { useApi } from '../../api/ApiContext';
import { useCommand } from '../../hooks/useCommand';
import {
  fallbackText,
  languagesOf,
  MERGE_FIELDS,
  startingText,
  TEMPLATE_EDITORS,
  templatesToSave,
  type TemplateKey,
} from './message-templates';
import { TemplateEditor } from './TemplateEditor';

type Texts = Record<TemplateKey, string>;
type TextsByLanguage = Record<string, Texts>;

function textsFor(templates: Templates, language: string, defaultLanguage: string): Texts {
  const text = (key: TemplateKey) => startingText(templates, key, language, defaultLanguage);
  return { sms: text('sms'), voice: text('voice'), emailSubject: text('emailSubject'), emailText: text('emailText') };
}

function allTexts(templates: Templates, defaultLanguage: string): TextsByLanguage {
  return Object.fromEntries(languagesOf(templates, defaultLanguage).map((l) => [l, textsFor(templates, l, defaultLanguage)]));
}

/** Settings → Messages: the four reminder templates per language, each with a live preview; saved together. */
export function MessagesSettings({ settings }: Readonly<{ settings: ClinicSettings }>) {
  const api = useApi();
  const defaultLanguage = settings.defaultLanguage ?? DEFAULT_LANGUAGE;
  const [texts, setTexts] = useState<TextsByLanguage>(() => allTexts(settings.templates, defaultLanguage));
  const [language, setLanguage] = useState(defaultLanguage);
  const [newLanguage, setNewLanguage] = useState('');
  const [addError, setAddError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const save = useCommand(useCallback((templates: Templates) => api.invoke('settings:update', { settings: { templates } }), [api]));
  const current = texts[language] ?? textsFor(settings.templates, language, defaultLanguage);
  const edit = (key: TemplateKey, text: string) => {
    setSaved(false);
    save.clearError();
    setTexts((t) => ({ ...t, [language]: { ...current, [key]: text } }));
  };
  const addLanguage = () => {
    const code = languageCode(newLanguage);
    if (!code) return setAddError(`"${newLanguage}" is not a language: write a code such as vi or a name such as Vietnamese.`);
    setAddError(null);
    setNewLanguage('');
    setTexts((t) => (t[code] ? t : { ...t, [code]: textsFor(settings.templates, code, defaultLanguage) }));
    setLanguage(code);
  };
  return (
    <form
      className="settings-panel"
      aria-label="Message templates"
      onSubmit={(e) => {
        e.preventDefault();
        void save.run(templatesToSave(texts, defaultLanguage)).then((r) => {
          if (r.ok) {
            setTexts((t) => ({ ...t, ...allTexts(r.value.templates, defaultLanguage) }));
            setSaved(true);
          }
        });
      }}
    >
      <p className="intro">
        What patients receive, in their language. The preview fills in your clinic’s name and phone and a sample appointment. Never include
        the reason for the visit.
      </p>
      <div className="language-bar" role="group" aria-label="Template language">
        <label>
          Language{' '}
          <select value={language} onChange={(e) => setLanguage(e.target.value)}>
            {Object.keys(texts).map((code) => (
              <option key={code} value={code}>
                {languageName(code)} ({code}){code === defaultLanguage ? ' — default' : ''}
              </option>
            ))}
          </select>
        </label>
        <label>
          Add a language <input value={newLanguage} size={10} placeholder="vi" onChange={(e) => setNewLanguage(e.target.value)} />
        </label>
        <button type="button" className="btn btn-small" disabled={!newLanguage.trim()} onClick={addLanguage}>
          Add
        </button>
        {addError ? (
          <span role="alert" className="error-text">
            {addError}
          </span>
        ) : null}
      </div>
      {language !== defaultLanguage ? (
        <p className="muted">
          Patients whose language is {languageName(language)} get these texts. A text left as it is falls back to the built-in or{' '}
          {languageName(defaultLanguage)} wording; a call in a language with no voice is made in {languageName(defaultLanguage)}.
        </p>
      ) : null}
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
          key={`${language}-${key}`}
          kind={kind}
          label={label}
          hint={hint}
          rows={rows}
          language={language === defaultLanguage ? undefined : language}
          value={current[key]}
          isDefault={current[key] === fallbackText(key, language, defaultLanguage)}
          onChange={(text) => edit(key, text)}
          onReset={() => edit(key, fallbackText(key, language, defaultLanguage))}
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
