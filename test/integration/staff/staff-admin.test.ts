import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../../electron/core/platform/errors';
import { createHandlers } from '../../../electron/core/api/handlers';
import { createTestEngine, local, type TestEngine } from '../../helpers/engine';

let engine: TestEngine | undefined;
afterEach(() => {
  engine?.cleanup();
  engine = undefined;
});

const code = async (p: Promise<unknown> | (() => unknown)): Promise<string | null> => {
  try {
    await (typeof p === 'function' ? p() : p);
    return null;
  } catch (error) {
    return error instanceof UserError ? error.code : String(error);
  }
};

describe('admin-only changes, enforced in the services', () => {
  it('a clinic with no users works as before: anyone may change limits', async () => {
    engine = createTestEngine({ now: local('2026-11-27 11:00') });
    await engine.services.updateSettings({ settings: { limits: { smsPerMinute: 30 } }, actor: 'web' });
    expect(engine.services.getSettings().limits.smsPerMinute).toBe(30);
  });

  it('the first user is an admin; after that only an admin may add users', async () => {
    engine = createTestEngine({ now: local('2026-11-27 11:00') });
    expect(await engine.services.addStaff({ name: 'Maria', pin: '4821', actor: 'web' })).toEqual({
      id: 1,
      name: 'Maria',
      role: 'admin',
      hasPin: true,
    });
    expect(await code(engine.services.addStaff({ name: 'Ravi', actor: 'web' }))).toBe('FORBIDDEN');
    expect(await code(engine.services.addStaff({ name: 'Ravi', actor: 'Sam (desk 1)', role: 'desk' }))).toBe('FORBIDDEN');
    expect(await engine.services.addStaff({ name: 'Ravi', actor: 'Maria (desk 2)', role: 'admin' })).toMatchObject({
      role: 'desk',
      hasPin: false,
    });
    expect(await code(engine.services.addStaff({ name: 'ravi', actor: 'cli', role: 'admin' }))).toBe('CONFLICT');
  });

  const table: {
    name: string;
    patch: Parameters<NonNullable<TestEngine['services']>['updateSettings']>[0]['settings'];
    desk: string | null;
  }[] = [
    { name: 'limits', patch: { limits: { smsPerMinute: 30 } }, desk: 'FORBIDDEN' },
    { name: 'the breaker', patch: { limits: { breakerFactor: 1.5 } }, desk: 'FORBIDDEN' },
    { name: 'quiet hours (from)', patch: { sendFrom: '09:00' }, desk: 'FORBIDDEN' },
    { name: 'quiet hours (until)', patch: { sendUntil: '20:00' }, desk: 'FORBIDDEN' },
    { name: 'allowed countries', patch: { allowedCountries: ['US', 'CA'] }, desk: 'FORBIDDEN' },
    { name: 'the clinic name', patch: { name: 'Riverside Family Clinic' }, desk: null },
  ];
  it.each(table)('$name: desk user → $desk, nobody signed in → refused too, admin → saved', async ({ patch, desk }) => {
    engine = createTestEngine({ now: local('2026-11-27 11:00') });
    await engine.services.addStaff({ name: 'Maria', actor: 'cli', role: 'admin' });
    await engine.services.addStaff({ name: 'Ravi', actor: 'cli', role: 'admin' });
    expect(await code(engine.services.updateSettings({ settings: patch, actor: 'Ravi (desk 1)', role: 'desk' }))).toBe(desk);
    expect(await code(engine.services.updateSettings({ settings: patch, actor: 'web', role: null }))).toBe(desk);
    expect(await code(engine.services.updateSettings({ settings: patch, actor: 'Maria (desk 2)', role: 'admin' }))).toBe(null);
  });

  it('the refusal says what and why, and saves nothing', async () => {
    engine = createTestEngine({ now: local('2026-11-27 11:00') });
    await engine.services.addStaff({ name: 'Maria', actor: 'cli' });
    await engine.services.addStaff({ name: 'Ravi', actor: 'cli', role: 'admin' });
    await expect(engine.services.updateSettings({ settings: { sendFrom: '07:00' }, actor: 'Ravi (desk 1)', role: 'desk' })).rejects.toThrow(
      'only an admin may change limits, quiet hours, the breaker or allowed countries; Ravi (desk 1) is not an admin',
    );
    expect(engine.services.getSettings().sendFrom).toBe('08:00');
  });

  it('the last admin cannot be removed while others remain; removal is audited without any PIN', async () => {
    engine = createTestEngine({ now: local('2026-11-27 11:00') });
    await engine.services.addStaff({ name: 'Maria', pin: '4821', actor: 'cli' });
    await engine.services.addStaff({ name: 'Ravi', actor: 'cli', role: 'admin' });
    expect(() => engine!.services.removeStaff({ name: 'Maria', actor: 'cli', role: 'admin' })).toThrow('last admin');
    expect(engine.services.removeStaff({ name: 'Ravi', actor: 'cli', role: 'admin' }).map((u) => u.name)).toEqual(['Maria']);
    const audit = JSON.stringify(engine.services.auditLog({ limit: 10 }));
    expect(audit).toContain('staff_removed');
    expect(audit).not.toContain('4821');
    expect(JSON.stringify(engine.db.prepare('SELECT * FROM staff_users').all())).not.toContain('4821');
  });
});

describe('who is at the desk: sign-in and the actor', () => {
  it('a PIN is checked; the session makes the actor "Name (desk)" with the role', async () => {
    engine = createTestEngine({ now: local('2026-11-27 11:00') });
    const maria = await engine.services.addStaff({ name: 'Maria', pin: '4821', actor: 'cli' });
    await expect(engine.services.signIn({ userId: maria.id, pin: '0000', defaultDesk: 'web' })).rejects.toThrow('wrong PIN for Maria');
    await expect(engine.services.signIn({ userId: maria.id, defaultDesk: 'web' })).rejects.toThrow('wrong PIN for Maria');
    const { session, current } = await engine.services.signIn({ userId: maria.id, pin: '4821', desk: 'desk 2', defaultDesk: 'web' });
    expect(current).toMatchObject({ actor: 'Maria (desk 2)', isAdmin: true, usersConfigured: true });
    expect(engine.services.staffActorFor(session, 'web')).toMatchObject({ actor: 'Maria (desk 2)', role: 'admin' });
    expect(engine.services.staffActorFor('not-a-session', 'web')).toMatchObject({ actor: 'web', role: null });
    engine.services.signOut(session);
    expect(engine.services.staffActorFor(session, 'web')).toMatchObject({ actor: 'web', role: null });
  });

  it('five wrong PINs lock the user out for a few minutes, even with the right PIN', async () => {
    engine = createTestEngine({ now: local('2026-11-27 11:00') });
    const maria = await engine.services.addStaff({ name: 'Maria', pin: '4821', actor: 'cli' });
    for (let i = 0; i < 5; i += 1) await code(engine.services.signIn({ userId: maria.id, pin: '1111', defaultDesk: 'web' }));
    await expect(engine.services.signIn({ userId: maria.id, pin: '4821', defaultDesk: 'web' })).rejects.toThrow('too many wrong PINs');
    engine.clock.advance(5 * 60_000 + 1);
    await expect(engine.services.signIn({ userId: maria.id, pin: '4821', defaultDesk: 'web' })).resolves.toMatchObject({
      current: { actor: 'Maria (web)' },
    });
  });

  it('removing a user signs them out everywhere', async () => {
    engine = createTestEngine({ now: local('2026-11-27 11:00') });
    await engine.services.addStaff({ name: 'Maria', actor: 'cli' });
    const ravi = await engine.services.addStaff({ name: 'Ravi', actor: 'cli', role: 'admin' });
    const { session } = await engine.services.signIn({ userId: ravi.id, defaultDesk: 'desk' });
    engine.services.removeStaff({ name: 'Ravi', actor: 'cli', role: 'admin' });
    expect(engine.services.staffActorFor(session, 'desk')).toMatchObject({ actor: 'desk', role: null });
  });
});

describe('the kill switch never waits on the staff lookup', () => {
  it('a failing user lookup falls back to the host label: pause still works', async () => {
    engine = createTestEngine({ now: local('2026-11-27 11:00') });
    engine.db.exec('DROP TABLE undo_actions; DROP TABLE staff_users');
    const handlers = createHandlers(engine.services, { actor: 'web', session: 'whatever' });
    await handlers['engine:pause']({ reason: 'snow' });
    expect(engine.services.status()).toMatchObject({ paused: true, pausedBy: 'web' });
  });
});
