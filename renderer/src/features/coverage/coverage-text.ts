import type { DeskHoursSource } from '../../../../shared/domain/coverage';

/** How the desk hours are described next to where they came from. */
export function deskHoursNote(hours: string, source: DeskHoursSource): string {
  switch (source) {
    case 'configured':
      return `Desk hours: ${hours || 'none'} (set in Settings).`;
    case 'learned':
      return `Desk hours: ${hours} (learned from when Frontdesk has been running; set them in Settings to be exact).`;
    case 'assumed':
      return `Desk hours: ${hours} — assumed (typical office hours) until Frontdesk has a week of its own history, or you set them in Settings.`;
    default: {
      const never: never = source;
      throw new Error(`unknown desk hours source ${String(never)}`);
    }
  }
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
