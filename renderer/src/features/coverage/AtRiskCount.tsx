import { plural } from './coverage-text';
import { useCoverage } from './useCoverage';

/** The header's count of reminders at risk while the desk is off (next 72 hours); nothing when there are none. */
export function AtRiskCount({ onOpen }: Readonly<{ onOpen?: () => void }>) {
  const { data } = useCoverage(72);
  const n = data?.items.length ?? 0;
  if (n === 0) return null;
  const text = `${plural(n, 'reminder')} at risk while the desk is off`;
  return onOpen ? (
    <button type="button" className="attention-count link-button" onClick={onOpen}>
      {text}
    </button>
  ) : (
    <span className="attention-count">{text}</span>
  );
}
