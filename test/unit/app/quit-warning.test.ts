import { describe, expect, it } from 'vitest';
import { QuitGate, quitChoice, quitWarning } from '../../../electron/app/quit-warning';

describe('quit warning', () => {
  it('nothing at risk: quits without asking', () => {
    expect(quitWarning({ atRisk: 0, trigger: 'quit', canSendAhead: true })).toBeNull();
  });

  it('says how many, offers send ahead and keep running (the default), and names nobody', () => {
    const w = quitWarning({ atRisk: 7, trigger: 'quit', canSendAhead: true })!;
    expect(w.message).toBe('7 reminders are due while this computer is expected to be off');
    expect(w.detail).toContain('If Frontdesk quits now, they will not go out.');
    expect(w.buttons).toEqual(['Send ahead, then quit', 'Keep running', 'Quit anyway']);
    expect(w.defaultId).toBe(1);
    expect(w.cancelId).toBe(1);
    expect(quitChoice(w, 0)).toBe('send-ahead');
    expect(quitChoice(w, 1)).toBe('keep-running');
    expect(quitChoice(w, 2)).toBe('quit');
    expect(quitChoice(w, 9)).toBe('keep-running');
  });

  it('on a shutdown, and without send-ahead configured, the same warning without that button', () => {
    const w = quitWarning({ atRisk: 1, trigger: 'session-end', canSendAhead: false })!;
    expect(w.message).toBe('1 reminder is due while this computer is expected to be off');
    expect(w.detail).toMatch(/^The computer is shutting down or logging off\. If Frontdesk stops now, it will not go out\./);
    expect(w.buttons).toEqual(['Keep running', 'Quit anyway']);
    expect(w.defaultId).toBe(0);
    expect(quitChoice(w, 1)).toBe('quit');
  });

  it('the gate asks once, waits while the dialog shows, and lets the quit through after "Quit anyway" or "Send ahead"', () => {
    const gate = new QuitGate();
    expect(gate.request(3)).toBe('ask');
    expect(gate.request(3)).toBe('wait');
    expect(gate.answered('keep-running')).toBe(false);
    expect(gate.request(3)).toBe('ask');
    expect(gate.answered('quit')).toBe(true);
    expect(gate.request(3)).toBe('go');
    const other = new QuitGate();
    expect(other.request(0)).toBe('go');
    expect(other.request(2)).toBe('ask');
    expect(other.answered('send-ahead')).toBe(true);
    expect(other.request(2)).toBe('go');
  });
});
