// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeApi } from '../../../renderer/src/api/fake-api';
import { renderApp } from '../render-app';

afterEach(cleanup);

async function openMessages() {
  const api = createFakeApi();
  const user = userEvent.setup();
  renderApp(api, 'settings');
  await screen.findByLabelText('Clinic name');
  await user.click(screen.getByRole('button', { name: 'Messages' }));
  return { api, user };
}

describe('Template editor: encoding, segments and cost', () => {
  it('shows GSM-7, one segment and the estimated cost for the default SMS; one í makes it UCS-2 and three segments', async () => {
    await openMessages();
    const preview = screen.getByRole('group', { name: 'SMS preview' });
    await waitFor(() =>
      expect(within(preview).getByLabelText('Text encoding and cost').textContent).toMatch(/^GSM-7 1 segment · about \$0\.0083 per text$/),
    );
    const box = screen.getByRole('textbox', { name: 'SMS template' }) as HTMLTextAreaElement;
    fireEvent.change(box, { target: { value: `Clínica ${box.value}` } });
    await waitFor(() =>
      expect(within(preview).getByLabelText('Text encoding and cost').textContent).toMatch(/^UCS-2 3 segments · about \$0\.0249 per text/),
    );
    expect(within(preview).getByText(/limits a segment to 70 characters instead of 160/)).toBeTruthy();
  });

  it('edits another language: Spanish starts from the built-in wording and previews in Spanish', async () => {
    const { api, user } = await openMessages();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Language' }), 'es');
    const box = screen.getByRole('textbox', { name: 'SMS template' }) as HTMLTextAreaElement;
    expect(box.value).toMatch(/^\{clinic\}: cita \{weekday\}/);
    await waitFor(() =>
      expect(api.calls).toContainEqual({ channel: 'settings:preview-template', req: { kind: 'sms', text: box.value, language: 'es' } }),
    );
    fireEvent.change(box, { target: { value: `${box.value} Gracias.` } });
    await user.click(screen.getByRole('button', { name: 'Save templates' }));
    await waitFor(() => expect(api.calls.some((c) => c.channel === 'settings:update')).toBe(true));
    const saved = api.calls.find((c) => c.channel === 'settings:update')!.req as {
      settings: { templates: { byLanguage?: Record<string, { sms?: string }> } };
    };
    expect(saved.settings.templates.byLanguage?.es?.sms).toMatch(/Gracias\.$/);
  });
});
