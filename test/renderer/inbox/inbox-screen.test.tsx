// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeApi } from '../../../renderer/src/api/fake-api';
import { renderApp } from '../render-app';

afterEach(cleanup);

describe('Inbox', () => {
  it('shows the unread count in the header, opens a conversation and marks it read', async () => {
    const api = createFakeApi();
    const user = userEvent.setup();
    renderApp(api, 'today');
    expect(await screen.findByText('2 unread replies, 1 to resolve')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Inbox' }));
    expect(await screen.findByRole('heading', { name: 'Inbox' })).toBeTruthy();
    const list = screen.getByRole('list', { name: 'Conversations' });
    expect(within(list).getByText('Running 10 minutes late, sorry!')).toBeTruthy();
    const convo = await screen.findByRole('region', { name: 'Conversation with +12125550134' });
    expect(within(convo).getByText('Running 10 minutes late, sorry!')).toBeTruthy();
    expect(within(convo).getByText(/Free text · about Maria Lopez/)).toBeTruthy();
    await waitFor(() => expect(api.calls).toContainEqual({ channel: 'inbox:mark-read', req: { phone: '+12125550134' } }));
  });

  it('answers by text and shows the encoding and segments while typing', async () => {
    const api = createFakeApi();
    const user = userEvent.setup();
    renderApp(api, 'inbox');
    const convo = await screen.findByRole('region', { name: 'Conversation with +12125550134' });
    const box = await within(convo).findByRole('textbox', { name: 'Answer by text' });
    await user.type(box, 'No problem, see you soon');
    expect(within(convo).getByText(/GSM-7, 1 segment\./)).toBeTruthy();
    await user.click(within(convo).getByRole('button', { name: 'Send' }));
    expect(await within(convo).findByText('Sent (simulated).')).toBeTruthy();
    expect(api.calls).toContainEqual({ channel: 'inbox:reply', req: { phone: '+12125550134', body: 'No problem, see you soon' } });
    expect(await within(convo).findByText('No problem, see you soon')).toBeTruthy();
  });

  it('says why an answer cannot go, and offers no Send', async () => {
    const api = createFakeApi({
      handlers: {
        'inbox:get': ({ phone }) => ({
          phone,
          patients: ['Maria Lopez'],
          messages: [],
          appointments: [],
          canReply: false,
          replyBlockedReason:
            'More than 24 hours have passed since the patient last texted: call the patient instead, or wait for them to write.',
          replyUntil: null,
        }),
      },
    });
    renderApp(api, 'inbox');
    const convo = await screen.findByRole('region', { name: 'Conversation with +12125550134' });
    expect(await within(convo).findByText(/More than 24 hours have passed/)).toBeTruthy();
    expect((within(convo).getByRole('button', { name: 'Send' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('resolves an ambiguous C: staff pick the appointment and it is confirmed', async () => {
    const api = createFakeApi();
    const user = userEvent.setup();
    renderApp(api, 'inbox');
    await user.click(await screen.findByRole('button', { name: /Ana Ruiz, Leo Ruiz/ }));
    const convo = await screen.findByRole('region', { name: 'Conversation with +12125550177' });
    const form = within(convo).getByRole('form', { name: 'Which appointment does this C confirm?' });
    const confirm = within(form).getByRole('button', { name: 'Confirm this appointment' }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    await user.click(within(form).getByRole('radio', { name: /Leo Ruiz/ }));
    await user.click(confirm);
    await waitFor(() =>
      expect(api.calls).toContainEqual({ channel: 'inbox:resolve-confirm', req: { messageKey: 'in:SM101', appointmentId: 22 } }),
    );
  });
});
