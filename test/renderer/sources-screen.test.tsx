// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SourceView } from '../../shared/domain/sources';
import { createFakeApi } from '../../renderer/src/api/fake-api';
import { renderApp } from './render-app';

afterEach(cleanup);

const folder = (over: Partial<SourceView> = {}): SourceView => ({
  id: 1,
  kind: 'folder',
  target: '/srv/exports/opendental',
  fullExport: true,
  profile: 'Open Dental',
  lastSyncAt: '2026-11-25T18:05:00-05:00',
  lastResult: '212 created, 3 rejected',
  lastOutcome: 'imported',
  stale: false,
  expectedBy: '2026-11-27T00:05:00-05:00',
  held: null,
  errorsLast24h: 0,
  paused: null,
  ...over,
});

describe('Sources screen', () => {
  it('lists every source with its last import, outcome and expected export; kinds it does not know are shown as named', async () => {
    const api = createFakeApi();
    // A kind the feeds add (hl7) with a field this screen has no words for: shown generically, not dropped.
    const hl7 = { ...folder({ id: 2, target: '127.0.0.1:2575', fullExport: false, profile: null }), kind: 'hl7', errorCount: 2 };
    api.state.sources = [folder(), hl7 as unknown as SourceView];
    renderApp(api, 'sources');
    const list = await screen.findByRole('list', { name: 'Sources' });
    const watch = within(list).getByRole('listitem', { name: 'Watch folder /srv/exports/opendental' });
    expect(watch.textContent).toContain('Wed 25 Nov 18:05 — Imported: 212 created, 3 rejected');
    expect(watch.textContent).toContain('Full export');
    expect(watch.textContent).toContain('Profile: Open Dental');
    const feed = within(list).getByRole('listitem', { name: 'HL7 feed 127.0.0.1:2575' });
    expect(feed.textContent).toContain('error count: 2');
  });

  it('syncs now and shows what each file did', async () => {
    const api = createFakeApi({
      handlers: {
        'sources:sync': () => [{ sourceId: 1, file: 'appts-1126.csv', outcome: 'imported', summary: '40 created' }],
      },
    });
    api.state.sources = [folder()];
    const user = userEvent.setup();
    renderApp(api, 'sources');
    await user.click(await screen.findByRole('button', { name: 'Sync now' }));
    expect((await screen.findByRole('region', { name: 'Sync results' })).textContent).toBe('appts-1126.csv: imported: 40 created');
  });

  it('approves a held full export only after saying how many appointments it cancels; discards one in a click', async () => {
    const api = createFakeApi();
    const held = { file: 'appts-1126.csv', at: '2026-11-26T06:00:00-05:00', wouldCancel: 80, ofAppointments: 200 };
    api.state.sources = [folder({ held, lastOutcome: 'held' }), folder({ id: 2, target: '/srv/exports/b', held })];
    const user = userEvent.setup();
    renderApp(api, 'sources');
    const [first, second] = await screen.findAllByRole('group', { name: 'Export waiting for review' });
    expect(first!.textContent).toContain('would cancel 80 of 200 appointments');
    await user.click(within(first!).getByRole('button', { name: 'Approve…' }));
    expect(api.calls.some((c) => c.channel === 'sources:approve-held')).toBe(false);
    expect(first!.textContent).toContain('Cancel 80 appointments and their reminders?');
    await user.click(within(first!).getByRole('button', { name: 'Yes, apply it' }));
    await user.click(within(second!).getByRole('button', { name: 'Discard it' }));
    await waitFor(() =>
      expect(api.calls.filter((c) => c.channel.endsWith('-held')).map((c) => [c.channel, c.req])).toEqual([
        ['sources:approve-held', { id: 1 }],
        ['sources:discard-held', { id: 2 }],
      ]),
    );
  });

  it('adds a watch folder with its options and removes one after a confirmation', async () => {
    const api = createFakeApi();
    api.state.profiles = [{ name: 'Open Dental', mapping: {}, dateFormat: 'MDY', sheet: null }];
    const user = userEvent.setup();
    renderApp(api, 'sources');
    expect(await screen.findByText(/No source is configured yet/)).toBeTruthy();
    const form = screen.getByRole('form', { name: 'Add a watch folder' });
    await user.type(within(form).getByLabelText('Folder'), '/srv/exports/dentrix');
    await user.selectOptions(within(form).getByLabelText('Read its files with profile'), 'Open Dental');
    await user.click(within(form).getByRole('checkbox'));
    await user.click(within(form).getByRole('button', { name: 'Add folder' }));
    expect(api.calls).toContainEqual({
      channel: 'sources:add-folder',
      req: { dir: '/srv/exports/dentrix', fullExport: true, profile: 'Open Dental' },
    });
    const card = await screen.findByRole('listitem', { name: 'Watch folder /srv/exports/dentrix' });
    expect(card.textContent).toContain('Never');

    await user.click(within(card).getByRole('button', { name: 'Remove…' }));
    await user.click(within(card).getByRole('button', { name: 'Stop watching' }));
    await waitFor(() => expect(screen.queryByRole('listitem', { name: 'Watch folder /srv/exports/dentrix' })).toBeNull());
    expect(api.calls).toContainEqual({ channel: 'sources:remove', req: { id: 1 } });
  });

  it('shows the engine refusing a folder used for other things', async () => {
    const api = createFakeApi();
    api.failNext(
      'sources:add-folder',
      'BAD_REQUEST',
      '/home/desk holds other folders ("Documents"): watch a folder used only for schedule exports',
    );
    const user = userEvent.setup();
    renderApp(api, 'sources');
    const form = await screen.findByRole('form', { name: 'Add a watch folder' });
    await user.type(within(form).getByLabelText('Folder'), '/home/desk');
    await user.click(within(form).getByRole('button', { name: 'Add folder' }));
    expect((await within(form).findByRole('alert')).textContent).toContain('holds other folders');
  });
});

describe('Stale-schedule banner', () => {
  it('shows on every screen when an export is overdue or held, and opens the Sources screen', async () => {
    const api = createFakeApi();
    api.state.sources = [folder({ stale: true })];
    const user = userEvent.setup();
    renderApp(api, 'today');
    const banner = await screen.findByText('The schedule may be out of date');
    expect(banner.parentElement!.textContent).toContain(
      'no export has arrived from watch folder /srv/exports/opendental since Wed 25 Nov 18:05; one was expected by Fri 27 Nov 00:05',
    );
    await user.click(screen.getByRole('button', { name: 'Open Sources' }));
    expect(await screen.findByRole('heading', { name: 'Schedule sources' })).toBeTruthy();
  });

  it('goes away when the next export arrives (an engine push re-reads the sources)', async () => {
    const api = createFakeApi();
    api.state.sources = [folder({ stale: true })];
    renderApp(api, 'today');
    await screen.findByText('The schedule may be out of date');
    api.state.sources = [folder()];
    api.emit('engine:changed', { topics: ['schedule'] });
    await waitFor(() => expect(screen.queryByText('The schedule may be out of date')).toBeNull());
  });

  it('says nothing while every source is on time', async () => {
    const api = createFakeApi();
    api.state.sources = [folder()];
    renderApp(api, 'today');
    await screen.findByRole('list', { name: 'Appointments' });
    await waitFor(() => expect(api.calls.some((c) => c.channel === 'sources:list')).toBe(true));
    expect(screen.queryByText('The schedule may be out of date')).toBeNull();
    expect(screen.queryByText('A schedule export is waiting for review')).toBeNull();
  });
});
