// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Modal } from '../../renderer/src/components/Modal';

afterEach(cleanup);

function dialog(onClose: () => void) {
  return (
    <Modal title="Pause sending" onClose={onClose} actions={<button type="button">Pause now</button>}>
      <input aria-label="Reason" />
    </Modal>
  );
}

describe('Modal', () => {
  it('moves focus in, keeps Tab inside, and closes on Escape with the onClose of the latest render', async () => {
    const user = userEvent.setup();
    const first = vi.fn();
    const latest = vi.fn();
    const { rerender } = render(dialog(first));
    expect(screen.getByRole('dialog', { name: 'Pause sending' })).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText('Reason'));
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Pause now' }));
    await user.tab();
    expect(document.activeElement).toBe(screen.getByLabelText('Reason'));
    rerender(dialog(latest));
    await user.keyboard('{Escape}');
    expect(first).not.toHaveBeenCalled();
    expect(latest).toHaveBeenCalledTimes(1);
  });

  it('gives focus back to what had it when it closes', () => {
    render(<button type="button">Open</button>);
    const opener = screen.getByRole('button', { name: 'Open' });
    opener.focus();
    const { unmount } = render(dialog(() => {}));
    expect(document.activeElement).not.toBe(opener);
    unmount();
    expect(document.activeElement).toBe(opener);
  });
});
