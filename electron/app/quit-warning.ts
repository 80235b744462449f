import { assertNever } from '../core/platform/errors';

/** What ends the app: Quit in the tray or menu, or the OS ending the session (shutdown, restart, log-off). */
export type QuitTrigger = 'quit' | 'session-end';
export type QuitChoice = 'send-ahead' | 'keep-running' | 'quit';

export type QuitWarning = Readonly<{
  message: string;
  detail: string;
  /** Button labels, in the order of `choices`. */
  buttons: readonly string[];
  choices: readonly QuitChoice[];
  defaultId: number;
  cancelId: number;
}>;

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

function triggerWords(trigger: QuitTrigger): string {
  switch (trigger) {
    case 'quit':
      return 'If Frontdesk quits now';
    case 'session-end':
      return 'The computer is shutting down or logging off. If Frontdesk stops now';
    default:
      return assertNever(trigger);
  }
}

/**
 * The warning shown before Frontdesk stops while reminders are at risk (docs/desktop-power.md#quit-warning):
 * null when nothing is at risk (it quits without asking). Counts only, never a name: it shows on a shared desk.
 * "Send ahead" is offered when the app can hand texts to the provider's scheduling; "Keep running" is the default.
 */
export function quitWarning(input: Readonly<{ atRisk: number; trigger: QuitTrigger; canSendAhead: boolean }>): QuitWarning | null {
  if (input.atRisk <= 0) return null;
  const choices: QuitChoice[] = [...(input.canSendAhead ? (['send-ahead'] as const) : []), 'keep-running', 'quit'];
  const labels: Record<QuitChoice, string> = { 'send-ahead': 'Send ahead, then quit', 'keep-running': 'Keep running', quit: 'Quit anyway' };
  const sendAhead = input.canSendAhead
    ? ' "Send ahead" hands the texts to the provider to go out on time; calls cannot be sent ahead.'
    : '';
  return {
    message: `${plural(input.atRisk, 'reminder is', 'reminders are')} due while this computer is expected to be off`,
    detail: `${triggerWords(input.trigger)}, ${input.atRisk === 1 ? 'it' : 'they'} will not go out.${sendAhead} "Keep running" leaves Frontdesk sending from the tray.`,
    buttons: choices.map((c) => labels[c]),
    choices,
    defaultId: choices.indexOf('keep-running'),
    cancelId: choices.indexOf('keep-running'),
  };
}

/** The choice behind a dialog answer; anything unexpected (closed, timed out) keeps Frontdesk running. */
export function quitChoice(warning: QuitWarning, response: number): QuitChoice {
  return warning.choices[response] ?? 'keep-running';
}

/**
 * A quit in progress (tray Quit, OS session end): the first request asks when reminders are at risk;
 * a request after "Quit anyway" or "Send ahead" goes through. Pure state, so the Electron handlers stay thin.
 */
export class QuitGate {
  private confirmed = false;
  private asking = false;

  /** Called at every quit request: 'go' lets it quit, 'ask' shows the warning, 'wait' while it is showing. */
  request(atRisk: number): 'go' | 'ask' | 'wait' {
    if (this.confirmed || atRisk <= 0) return 'go';
    if (this.asking) return 'wait';
    this.asking = true;
    return 'ask';
  }

  /** The answer: true when the app should now quit. */
  answered(choice: QuitChoice): boolean {
    this.asking = false;
    this.confirmed = choice !== 'keep-running';
    return this.confirmed;
  }
}
