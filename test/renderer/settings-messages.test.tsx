// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeApi, type FakeApi } from '../../renderer/src/api/fake-api';
import { DEFAULT_TEMPLATES } from '../../renderer/src/features/settings/message-templates';
import { renderApp } from './render-app';

afterEach(cleanup);

async function openMessages(api: FakeApi) {
  const user = userEvent.setup();
  renderApp(api, 'settings');
  await screen.findByLabelText('Clinic name');
  await user.click(screen.getByRole('button', { name: 'Messages' }));
  return user;
}

const sms = () => screen.getByRole('textbox', { name: 'SMS template' }) as HTMLTextAreaElement;
const smsPreview = () => screen.getByRole('group', { name: 'SMS preview' });

describe('Settings → Messages', () => {
  it('starts from the default wording and previews it with the clinic name, a character count and no problems', async () => {
    const api = createFakeApi();
    await openMessages(api);
    expect(sms().value).toBe(DEFAULT_TEMPLATES.sms);
    expect((screen.getByRole('textbox', { name: 'Email text template' }) as HTMLTextAreaElement).value).toBe(DEFAULT_TEMPLATES.emailText);
    const preview = smsPreview();
    await waitFor(() =>
      expect(preview.textContent).toMatch(/^Preview.*Maple Street Family Clinic: appointment Wednesday Mar 11 at 10:30 AM/),
    );
    expect(within(preview).getByText(/\/160 characters$/).textContent).toMatch(/^\d+\/160 characters$/);
    expect(within(preview).getByText('No problems found.')).toBeTruthy();
    expect(within(preview).queryByRole('alert')).toBeNull();
    expect(api.calls).toContainEqual({ channel: 'settings:preview-template', req: { kind: 'sms', text: DEFAULT_TEMPLATES.sms } });
    expect(api.calls).toContainEqual({ channel: 'settings:preview-template', req: { kind: 'email', text: DEFAULT_TEMPLATES.emailText } });
    const smsGroup = screen.getByRole('group', { name: 'SMS' });
    expect(within(smsGroup).getByText('Default wording')).toBeTruthy();
    expect((within(smsGroup).getByRole('button', { name: 'Reset to default' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('updates the preview as the user types and lists the problems', async () => {
    const api = createFakeApi();
    const user = await openMessages(api);
    await user.clear(sms());
    await user.type(sms(), 'Hi from {{clinic}, see {{doctor} at {{time}');
    // Waits for the preview of the finished text (a slow typist may first see "The template is empty.").
    await waitFor(() => expect(smsPreview().textContent).toMatch(/Hi from Maple Street Family Clinic, see \{doctor\} at 10:30 AM/), {
      timeout: 3000,
    });
    const alert = within(smsPreview()).getByRole('alert');
    expect(alert.textContent).toMatch(/Unknown field \{doctor\}/);
    expect(alert.textContent).toMatch(/include "Reply STOP to opt out"/);

    await user.type(sms(), ' Reply STOP to opt out.');
    await waitFor(() => expect(within(smsPreview()).getByRole('alert').textContent).not.toMatch(/STOP/));
  });

  it('asks for the preview once the user pauses, not on every keystroke', async () => {
    const api = createFakeApi();
    await openMessages(api);
    await waitFor(() => expect(within(smsPreview()).getByText('No problems found.')).toBeTruthy());
    const smsPreviews = () =>
      api.calls.filter((c) => c.channel === 'settings:preview-template' && (c.req as { kind: string }).kind === 'sms');
    const before = smsPreviews().length;
    fireEvent.change(sms(), { target: { value: 'H' } });
    fireEvent.change(sms(), { target: { value: 'Hi' } });
    fireEvent.change(sms(), { target: { value: 'Hi {clinic}' } });
    await waitFor(() => expect(smsPreview().textContent).toMatch(/Hi Maple Street Family Clinic/));
    expect(smsPreviews().slice(before)).toEqual([{ channel: 'settings:preview-template', req: { kind: 'sms', text: 'Hi {clinic}' } }]);
  });

  it('inserts a merge field at the cursor', async () => {
    const api = createFakeApi();
    const user = await openMessages(api);
    const box = screen.getByRole('textbox', { name: 'Email subject template' }) as HTMLTextAreaElement;
    await user.clear(box);
    await user.type(box, 'See you at  on');
    // The user puts the cursor after "at ", then clicks a field button.
    await user.pointer({ keys: '[MouseLeft]', target: box, offset: 'See you at '.length });
    const fields = screen.getByRole('group', { name: 'Insert a field into the email subject' });
    await user.click(within(fields).getByRole('button', { name: '{clinic}' }));
    expect(box.value).toBe('See you at {clinic} on');
    // Focus is back in the text, after the field, so typing continues there.
    expect(document.activeElement).toBe(box);
    expect(box.selectionStart).toBe('See you at {clinic}'.length);
    await user.keyboard(',');
    expect(box.value).toBe('See you at {clinic}, on');
  });

  it('saves the templates, storing the default wording as "use the default"; Reset to default clears a template', async () => {
    const api = createFakeApi();
    api.state.settings.templates = { voice: 'Hello, this is {clinic}, phone {phone}. Your appointment is {weekday} {date} at {time}.' };
    const user = await openMessages(api);
    const voice = screen.getByRole('group', { name: 'Call script' });
    expect(within(voice).getByText('Custom wording')).toBeTruthy();
    await user.click(within(voice).getByRole('button', { name: 'Reset to default' }));
    expect((screen.getByRole('textbox', { name: 'Call script template' }) as HTMLTextAreaElement).value).toBe(DEFAULT_TEMPLATES.voice);
    expect(within(voice).getByText('Default wording')).toBeTruthy();

    await user.clear(sms());
    await user.type(sms(), '{{clinic}: see you {{weekday} {{date} at {{time}. Call {{phone}. Reply STOP to opt out.');
    await user.click(screen.getByRole('button', { name: 'Save templates' }));
    await screen.findByText('Templates saved.');
    expect(api.calls).toContainEqual({
      channel: 'settings:update',
      req: { settings: { templates: { sms: '{clinic}: see you {weekday} {date} at {time}. Call {phone}. Reply STOP to opt out.' } } },
    });
    expect(api.state.settings.templates).toEqual({
      sms: '{clinic}: see you {weekday} {date} at {time}. Call {phone}. Reply STOP to opt out.',
    });
  });

  it('shows the engine’s message when it refuses a template', async () => {
    const api = createFakeApi();
    const user = await openMessages(api);
    await user.clear(sms());
    await user.type(sms(), '{{clinic} {{date} {{time} {{phone}: Dr {{doctor}. Reply STOP to opt out.');
    await user.click(screen.getByRole('button', { name: 'Save templates' }));
    const form = screen.getByRole('form', { name: 'Message templates' });
    await waitFor(() =>
      expect(
        within(form)
          .getAllByRole('alert')
          .map((a) => a.textContent),
      ).toContain('sms template: Unknown field {doctor}: use {clinic}, {weekday}, {date}, {time}, {phone}.'),
    );
    expect(screen.queryByText('Templates saved.')).toBeNull();
    expect(api.state.settings.templates).toEqual({});
  });
});
