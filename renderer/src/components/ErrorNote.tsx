import type { ApiError } from '../../../shared/api/result';

/** The engine's error message, announced to screen readers. Renders nothing when there is no error. */
export function ErrorNote({ error, id }: Readonly<{ error: ApiError | undefined | null; id?: string }>) {
  if (!error) return null;
  return (
    <p className="error-note" role="alert" id={id}>
      {error.message}
    </p>
  );
}
