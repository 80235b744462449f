import { useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../../../shared/api/result';
import type { TemplateKind, TemplatePreview } from '../../../../shared/domain/dto';
import { useApi } from '../../api/ApiContext';

export type PreviewState = Readonly<{ preview: TemplatePreview | undefined; error: ApiError | undefined }>;

/**
 * The engine's rendering of `text` (clinic name and phone, a sample appointment) and its problems,
 * asked for `delayMs` after the last keystroke. Answers to older text are dropped.
 */
export function useTemplatePreview(kind: TemplateKind, text: string, language?: string, delayMs = 300): PreviewState {
  const api = useApi();
  const [state, setState] = useState<PreviewState>({ preview: undefined, error: undefined });
  const first = useRef(true);
  useEffect(() => {
    let live = true;
    const delay = first.current ? 0 : delayMs;
    first.current = false;
    const timer = setTimeout(() => {
      void api.invoke('settings:preview-template', language ? { kind, text, language } : { kind, text }).then((r) => {
        if (!live) return;
        setState(r.ok ? { preview: r.value, error: undefined } : { preview: undefined, error: r.error });
      });
    }, delay);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, kind, text, language, delayMs]);
  return state;
}
