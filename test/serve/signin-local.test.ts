import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ARGON2_OPTIONS,
  checkPassword,
  hashPassword,
  verifyPassword,
  type LockoutPolicy,
} from '../../src/serve/auth/local.js';
import { createUser } from '../../src/serve/auth/users.js';
import { openStore, type OpenedStore } from '../../src/store/open.js';

// Password checks against the embedded store (PGlite, in memory) with every sql/store migration.
const PASSWORD = 'korrekt hest batteri hæfteklamme';
const policy: LockoutPolicy = { maxFailures: 3, lockMinutes: 15 };
const T0 = new Date('2026-03-02T09:00:00Z');
const minutes = (m: number) => new Date(T0.getTime() + m * 60_000);

const big = (_k: string, v: unknown) => (typeof v === 'bigint' ? v.toString() : v);

let store: OpenedStore;
let hash: string;

async function counters(username: string) {
  const [row] = await store.query<{ failed_sign_ins: number; locked_until: Date | null }>(
    'SELECT failed_sign_ins, locked_until FROM users WHERE lower(username) = lower($1)',
    [username],
  );
  return row!;
}

beforeAll(async () => {
  store = await openStore();
  hash = await hashPassword(PASSWORD);
  await createUser(store, {
    username: 'Anna.Analytiker',
    roles: ['caseworker', 'analyst'],
    passwordHash: hash,
    organisation: '851',
  });
  for (const username of ['bo', 'carl', 'dorte', 'erik'])
    await createUser(store, { username, roles: ['analyst'], passwordHash: hash });
  await createUser(store, { username: 'oidc-only', roles: ['analyst'] });
  await store.query("UPDATE users SET disabled = true WHERE username = 'erik'");
}, 60_000);
afterAll(async () => {
  await store?.close();
});

describe('argon2id password hashes', () => {
  it('hash with argon2id, 19 MiB, 2 passes, 1 lane, and verify only the right password', async () => {
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(ARGON2_OPTIONS.memoryCost).toBe(19_456);
    expect(await verifyPassword(hash, PASSWORD)).toBe(true);
    expect(await verifyPassword(hash, PASSWORD.toUpperCase())).toBe(false);
    // a salt per hash: the same password hashes differently twice
    expect(await hashPassword(PASSWORD)).not.toBe(hash);
  });

  it('refuse a malformed hash without throwing, and a password shorter than 12 characters', async () => {
    expect(await verifyPassword('not-a-hash', PASSWORD)).toBe(false);
    expect(await verifyPassword('', '')).toBe(false);
    await expect(hashPassword('elleve tegn')).rejects.toThrow(/at least 12/);
    expect((await hashPassword('tolv tegn ok')).startsWith('$argon2id$')).toBe(true);
  });
});

describe('checkPassword', () => {
  it('signs in with the right password, whatever the case of the username, with the stored roles', async () => {
    const r = await checkPassword(
      store,
      { username: ' anna.analytiker ', password: PASSWORD },
      { policy, now: T0 },
    );
    expect(r).toEqual({
      ok: true,
      user: {
        id: expect.any(String),
        username: 'Anna.Analytiker',
        roles: ['analyst', 'caseworker'],
        organisation: '851',
      },
    });
  });

  it('locks the account at the third wrong password; the right one is refused until the lock passes', async () => {
    const wrong = { username: 'bo', password: 'forkert' };
    expect(await checkPassword(store, wrong, { policy, now: minutes(0) })).toEqual({
      ok: false,
      reason: 'wrong_password',
      lockedNow: false,
    });
    expect((await counters('bo')).failed_sign_ins).toBe(1);
    await checkPassword(store, wrong, { policy, now: minutes(1) });
    expect(await checkPassword(store, wrong, { policy, now: minutes(2) })).toEqual({
      ok: false,
      reason: 'wrong_password',
      lockedNow: true,
    });
    // locked at minute 2 for 15 minutes: until 09:17
    expect((await counters('bo')).locked_until?.toISOString()).toBe('2026-03-02T09:17:00.000Z');
    const right = { username: 'bo', password: PASSWORD };
    expect(await checkPassword(store, right, { policy, now: minutes(16) })).toEqual({
      ok: false,
      reason: 'locked',
    });
    // a refusal while locked does not count or extend the lock
    expect((await counters('bo')).failed_sign_ins).toBe(3);
    const after = await checkPassword(store, right, { policy, now: minutes(17) });
    expect(after.ok).toBe(true);
    expect(await counters('bo')).toEqual({ failed_sign_ins: 0, locked_until: null });
  });

  it('after a lock has passed, one more wrong password locks again (until a right one clears the count)', async () => {
    const wrong = { username: 'carl', password: 'forkert' };
    for (const m of [0, 1, 2]) await checkPassword(store, wrong, { policy, now: minutes(m) });
    expect(await checkPassword(store, wrong, { policy, now: minutes(30) })).toEqual({
      ok: false,
      reason: 'wrong_password',
      lockedNow: true,
    });
    expect((await counters('carl')).locked_until?.toISOString()).toBe('2026-03-02T09:45:00.000Z');
  });

  it('a correct password between wrong ones starts the count again', async () => {
    const wrong = { username: 'dorte', password: 'forkert' };
    await checkPassword(store, wrong, { policy, now: minutes(0) });
    await checkPassword(store, wrong, { policy, now: minutes(1) });
    expect(
      (await checkPassword(store, { username: 'dorte', password: PASSWORD }, { policy, now: minutes(2) })).ok,
    ).toBe(true);
    await checkPassword(store, wrong, { policy, now: minutes(3) });
    await checkPassword(store, wrong, { policy, now: minutes(4) });
    expect(await counters('dorte')).toEqual({ failed_sign_ins: 2, locked_until: null });
  });

  it('refuses an unknown user, a disabled user and a user without a password', async () => {
    const now = { policy, now: T0 };
    expect(await checkPassword(store, { username: 'ingen', password: PASSWORD }, now)).toEqual({
      ok: false,
      reason: 'unknown_user',
    });
    expect(await checkPassword(store, { username: 'erik', password: PASSWORD }, now)).toEqual({
      ok: false,
      reason: 'disabled',
    });
    expect(await checkPassword(store, { username: 'oidc-only', password: PASSWORD }, now)).toEqual({
      ok: false,
      reason: 'no_password',
    });
  });

  it('records every attempt (never the password) and audits each refusal without an unknown username', async () => {
    const before = await store.query<{ n: bigint }>('SELECT count(*) AS n FROM sign_in_attempts');
    await checkPassword(
      store,
      { username: 'Ukendt-Person', password: 'hemmeligt-1', ip: '192.0.2.7' },
      { policy, now: T0 },
    );
    const after = await store.query<{ n: bigint }>('SELECT count(*) AS n FROM sign_in_attempts');
    expect(after[0]!.n - before[0]!.n).toBe(1n);
    const [attempt] = await store.query(
      'SELECT username, ip, succeeded FROM sign_in_attempts ORDER BY id DESC LIMIT 1',
    );
    expect(attempt).toEqual({ username: 'ukendt-person', ip: '192.0.2.7', succeeded: false });
    const [audit] = await store.query<{
      actor: string | null;
      action: string;
      purpose: string;
      detail: unknown;
      ip: string;
    }>('SELECT actor, action, purpose, detail, ip FROM audit_log ORDER BY seq DESC LIMIT 1');
    expect(audit).toEqual({
      actor: null,
      action: 'auth.sign_in_refused',
      purpose: 'admin',
      detail: { method: 'password', reason: 'unknown_user' },
      ip: '192.0.2.7',
    });
    const everything = JSON.stringify(await store.query('SELECT * FROM audit_log'), big);
    expect(everything).not.toContain('hemmeligt-1');
    expect(everything).not.toContain('Ukendt-Person');
    expect(JSON.stringify(await store.query('SELECT * FROM sign_in_attempts'), big)).not.toContain(
      'hemmeligt',
    );
  });

  it('audits a wrong password against the account, and the lock it caused', async () => {
    const [{ id }] = (await store.query<{ id: string }>(
      "SELECT id FROM users WHERE username = 'oidc-only'",
    )) as [{ id: string }];
    await store.query("UPDATE users SET password_hash = $1 WHERE username = 'oidc-only'", [hash]);
    for (const m of [0, 1, 2])
      await checkPassword(store, { username: 'oidc-only', password: 'forkert' }, { policy, now: minutes(m) });
    const rows = await store.query<{ actor: string; subject: string; detail: unknown }>(
      'SELECT actor, subject, detail FROM audit_log ORDER BY seq DESC LIMIT 2',
    );
    expect(rows).toEqual([
      {
        actor: id,
        subject: `user:${id}`,
        detail: { method: 'password', reason: 'wrong_password', locked: true },
      },
      { actor: id, subject: `user:${id}`, detail: { method: 'password', reason: 'wrong_password' } },
    ]);
  });
});
