import { useCallback, useEffect, useState } from 'react';
import type { AppointmentView } from '../../../../shared/domain/dto';
import { useApi } from '../../api/ApiContext';
import { ErrorNote } from '../../components/ErrorNote';
import { useCommand } from '../../hooks/useCommand';

/** A confirm or cancel that may still be undone (docs/staff.md#undo). */
type Offer = Readonly<{ undoId: number; untilMs: number; text: string }>;

// One toast per window: whoever confirms or cancels offers the undo; the host shows the latest offer.
const listeners = new Set<(offer: Offer) => void>();

/** After a confirm or cancel: shows "Undo" in a toast until the engine's undo time runs out. */
export function offerUndo(view: AppointmentView, done: 'Confirmed' | 'Cancelled', now: number = Date.now()): void {
  if (!view.undo) return;
  // Counted from the answer in this window's clock: the engine's may differ (another machine, or `--now`).
  const offer = {
    undoId: view.undo.undoId,
    untilMs: now + view.undo.seconds * 1000,
    text: `${done} ${view.patient} (#${view.appointment}).`,
  };
  for (const listener of listeners) listener(offer);
}

export function useOfferUndo(): typeof offerUndo {
  return offerUndo;
}

/** Where the undo toast appears (once, in the app shell). `now` is injectable for tests. */
export function UndoToastHost({ now = () => Date.now() }: Readonly<{ now?: () => number }>) {
  const [offer, setOffer] = useState<Offer | null>(null);
  useEffect(() => {
    listeners.add(setOffer);
    return () => {
      listeners.delete(setOffer);
    };
  }, []);
  const dismiss = useCallback(() => setOffer(null), []);
  return offer ? <UndoToast key={offer.undoId} offer={offer} now={now} onDone={dismiss} /> : null;
}

function UndoToast({ offer, now, onDone }: Readonly<{ offer: Offer; now: () => number; onDone: () => void }>) {
  const api = useApi();
  const [undone, setUndone] = useState<string | null>(null);
  const undo = useCommand(useCallback(() => api.invoke('appointments:undo', { undoId: offer.undoId }), [api, offer.undoId]));
  // The toast goes when the engine would refuse the undo anyway (it checks the time itself too).
  useEffect(() => {
    const timer = setTimeout(onDone, Math.max(0, offer.untilMs - now()));
    return () => clearTimeout(timer);
  }, [offer.untilMs, now, onDone]);
  return (
    <div className="undo-toast" role="status" aria-live="polite">
      <span>{undone ?? offer.text}</span>
      {undone === null ? (
        <button
          type="button"
          className="btn"
          disabled={undo.busy}
          onClick={() => void undo.run().then((r) => r.ok && setUndone(`Undone: ${r.value.patient} is ${r.value.status} again.`))}
        >
          Undo
        </button>
      ) : null}
      <button type="button" className="btn btn-quiet" aria-label="Dismiss" onClick={onDone}>
        ✕
      </button>
      <ErrorNote error={undo.error} />
    </div>
  );
}
