import { useCallback, useState } from 'react';
import type { LeaveOut, ScopeRef } from '../../../../shared/domain/staff';
import { Modal } from '../../components/Modal';
import { ErrorNote } from '../../components/ErrorNote';
import { CHANNEL_LABEL, formatInstant } from '../../components/format';
import { useApi } from '../../api/ApiContext';
import { useCommand } from '../../hooks/useCommand';
import { useResource } from '../../hooks/useResource';
import { useEngineStatus } from './engine-status';
import { useOfflineReason } from './connection';
import { killSwitchButton } from './KillSwitch';

const itemKey = (it: LeaveOut): string => `${it.appointment}|${it.rule}`;

/**
 * Before resuming, shows what would go out, grouped by patient; nothing is sent until "Resume sending". Each
 * item can be left out (it is then never sent, and the audit log says who left it out). `scope`: the review
 * of one paused provider or channel (docs/control.md#resume-review); without it, the kill switch's.
 */
export function ResumeReviewDialog({ onClose, scope }: Readonly<{ onClose: () => void; scope?: ScopeRef | undefined }>) {
  const api = useApi();
  const { status, replace } = useEngineStatus();
  const tz = status?.timezone;
  const offline = useOfflineReason();
  const review = useResource(
    useCallback(() => api.invoke('engine:resume-review', scope ? { scope } : {}), [api, scope]),
    'once',
  );
  const [leftOut, setLeftOut] = useState<ReadonlyMap<string, LeaveOut>>(new Map());
  const toggle = (it: LeaveOut, out: boolean) =>
    setLeftOut((prev) => {
      const next = new Map(prev);
      if (out) next.set(itemKey(it), { appointment: it.appointment, rule: it.rule });
      else next.delete(itemKey(it));
      return next;
    });
  const resume = useCommand(
    useCallback(async () => {
      const leaveOut = [...leftOut.values()];
      const extra = leaveOut.length > 0 ? { leaveOut } : {};
      const r = scope ? await api.invoke('engine:resume-scope', { scope, ...extra }) : await api.invoke('engine:resume', extra);
      if (r.ok) replace(r.value);
      return r;
    }, [api, replace, scope, leftOut]),
  );
  const waiting = review.data?.waiting ?? [];
  const total = waiting.reduce((n, g) => n + g.items.length, 0) - leftOut.size;
  const held = review.data?.heldByScopedPause ?? 0;
  const what = scope ? (scope.scope === 'provider' ? scope.target : `all ${scope.target}`) : null;
  const expiring = review.data?.expiredOnResume ?? 0;

  return (
    <Modal
      title={what ? `Review before resuming ${what}` : 'Review before resuming'}
      onClose={onClose}
      wide
      fallbackFocus={killSwitchButton}
      actions={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Keep paused
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={!review.data || resume.busy || offline !== null}
            title={offline ?? undefined}
            onClick={() => void resume.run().then((r) => r.ok && onClose())}
          >
            {what ? `Resume ${what}` : 'Resume sending'}
            {leftOut.size > 0 ? ` (leave ${leftOut.size} out)` : ''}
          </button>
        </>
      }
    >
      {review.loading && !review.data ? <p role="status">Loading what is waiting…</p> : null}
      <ErrorNote error={review.error} />
      {review.data ? (
        <>
          <p className="review-summary">
            {total === 0
              ? 'Nothing is waiting to be sent.'
              : `${total} reminder${total === 1 ? '' : 's'} to ${waiting.length} patient${waiting.length === 1 ? '' : 's'} will be sent when you resume.`}
          </p>
          {held > 0 ? (
            <p className="review-held">
              {held} more stay{held === 1 ? 's' : ''} held by a paused provider or channel.
            </p>
          ) : null}
          {expiring > 0 ? (
            <p className="review-expiring">
              {expiring} out-of-date reminder{expiring === 1 ? '' : 's'} will expire and <strong>not</strong> be sent.
            </p>
          ) : null}
          {waiting.length > 0 ? (
            <ul className="review-groups" aria-label="Waiting, by patient">
              {waiting.map((g) => (
                <li key={`${g.patient}|${g.to}`} className="review-group">
                  <div className="review-patient">
                    <strong>{g.patient}</strong> <span className="muted">{g.to}</span>
                  </div>
                  <ul>
                    {g.items.map((it) => (
                      <li key={itemKey(it)} className={leftOut.has(itemKey(it)) ? 'review-left-out' : undefined}>
                        <label>
                          <input
                            type="checkbox"
                            checked={!leftOut.has(itemKey(it))}
                            onChange={(e) => toggle(it, !e.target.checked)}
                            aria-label={`Send ${CHANNEL_LABEL[it.channel]} to ${g.patient} at ${formatInstant(it.at, tz)}`}
                          />{' '}
                          {CHANNEL_LABEL[it.channel]} at {formatInstant(it.at, tz)}{' '}
                          <span className="muted">for the appointment on {formatInstant(it.startsAt, tz)}</span>
                          {leftOut.has(itemKey(it)) ? <strong> — left out, will not be sent</strong> : null}
                        </label>
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
      <ErrorNote error={resume.error} />
    </Modal>
  );
}
