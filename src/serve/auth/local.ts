/**
 * Local accounts: a username and a password, hashed with argon2id (the embedded default, and a
 * fallback beside OpenID Connect). Guessing is slowed down twice: per account by a counter in the
 * store (`users.failed_sign_ins`, `users.locked_until`: shared by every server process), and per
 * client address by @fastify/rate-limit on POST /signin. Every attempt, whatever its outcome, is
 * written to `sign_in_attempts` and to the audit trail. See docs/server.md, "Sign-in".
 */
import argon2 from 'argon2';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { t } from '../../core/messages.js';
import type { Lang } from '../../i18n.js';
import { appendAudit } from '../../store/audit.js';
import type { Db } from '../../store/db.js';
import type { SigninConfig } from '../../config/schema.js';
import type { SignedInUser } from './types.js';
import { oidcRoutes, oidcSettings, type OidcSettings } from './oidc.js';
import { loadUser } from './users.js';
import { requestLang, safeNext, signInPageHtml } from './pages.js';
import { CSRF_FIELD, signIn, signOut } from './session.js';

/**
 * argon2id with OWASP's first recommended setting (19 MiB, 2 passes, 1 lane), the floor of
 * ASVS 5.0 V11.4.2; the parameters travel in the hash, so a later increase re-hashes on sign-in.
 */
export const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** How many wrong passwords in a row lock an account, and for how long. */
export interface LockoutPolicy {
  /** wrong passwords in a row before the account is locked (default 5) */
  maxFailures: number;
  /** minutes the account stays locked (default 15) */
  lockMinutes: number;
}

export const DEFAULT_LOCKOUT: LockoutPolicy = { maxFailures: 5, lockMinutes: 15 };

/** The shortest password a local account may have (ASVS 5.0 V6.2.1: at least 8; we ask 12). */
export const MIN_PASSWORD_LENGTH = 12;

/** The argon2id hash of a password (the PHC string: algorithm, parameters, salt, hash). */
export async function hashPassword(password: string): Promise<string> {
  if ([...password].length < MIN_PASSWORD_LENGTH)
    throw new Error(`A password must have at least ${MIN_PASSWORD_LENGTH} characters`);
  return argon2.hash(password, ARGON2_OPTIONS);
}

/** Whether password matches hash; false (never a throw) for a hash that is not an argon2 PHC string. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/**
 * A hash of nothing anyone knows: an unknown username, a locked account and an account without a
 * password take as long to refuse as a wrong password, so the time of the answer does not tell
 * whether the account exists.
 */
function dummyHash(): Promise<string> {
  dummy ??= argon2.hash(`no account ${Math.random()}`, ARGON2_OPTIONS);
  return dummy;
}

/** Why a sign-in was refused. Recorded in the audit trail; the person sees one message for all. */
export type RefusalReason = 'unknown_user' | 'wrong_password' | 'locked' | 'disabled' | 'no_password';

export type PasswordCheck =
  | { ok: true; user: SignedInUser }
  | { ok: false; reason: RefusalReason; /** set when this attempt locked the account */ lockedNow?: boolean };

interface UserRow {
  id: string;
  username: string;
  organisation: string | null;
  password_hash: string | null;
  disabled: boolean;
  failed_sign_ins: number;
  locked: boolean;
}

export interface PasswordAttempt {
  username: string;
  password: string;
  /** the client's address, for sign_in_attempts and the audit trail */
  ip?: string;
}

export interface CheckOptions {
  policy?: LockoutPolicy;
  /** the clock (tests pass a fixed time; the server passes nothing) */
  now?: Date;
}

/**
 * Check a username and password against the store, count a failure towards the account's lockout,
 * and record the attempt (sign_in_attempts; a refusal also in the audit trail, a success is audited
 * by `signIn` when the session starts). A locked account is refused even
 * with the right password until the lock has passed; a correct password then clears the counter.
 * After a lock has passed, one more wrong password locks the account again (the counter is cleared
 * only by a correct password), so a guesser gets one try per lock period.
 */
export async function checkPassword(
  db: Db,
  attempt: PasswordAttempt,
  options: CheckOptions = {},
): Promise<PasswordCheck> {
  const policy = options.policy ?? DEFAULT_LOCKOUT;
  const now = options.now ?? new Date();
  const typed = attempt.username.trim();
  const rows = await db.query<UserRow>(
    `SELECT id, username, organisation, password_hash, disabled, failed_sign_ins,
            (locked_until IS NOT NULL AND locked_until > $2::timestamptz) AS locked
       FROM users WHERE lower(username) = lower($1)`,
    [typed, now.toISOString()],
  );
  const row = rows[0];
  let result: PasswordCheck;
  if (!row) {
    await verifyPassword(await dummyHash(), attempt.password);
    result = { ok: false, reason: 'unknown_user' };
  } else if (row.disabled || row.locked || !row.password_hash) {
    await verifyPassword(await dummyHash(), attempt.password);
    result = { ok: false, reason: row.disabled ? 'disabled' : row.locked ? 'locked' : 'no_password' };
  } else if (await verifyPassword(row.password_hash, attempt.password)) {
    // the lock is checked again in the update: a parallel attempt may have locked it meanwhile
    const cleared = await db.query<{ id: string }>(
      `UPDATE users SET failed_sign_ins = 0, locked_until = NULL
        WHERE id = $1 AND NOT disabled AND (locked_until IS NULL OR locked_until <= $2::timestamptz)
        RETURNING id`,
      [row.id, now.toISOString()],
    );
    if (cleared.length === 0) result = { ok: false, reason: 'locked' };
    else {
      if (argon2.needsRehash(row.password_hash, ARGON2_OPTIONS))
        await db.query('UPDATE users SET password_hash = $2 WHERE id = $1', [
          row.id,
          await argon2.hash(attempt.password, ARGON2_OPTIONS),
        ]);
      const user = await loadUser(db, row.id);
      result = user ? { ok: true, user } : { ok: false, reason: 'disabled' };
    }
  } else {
    // one statement, so parallel wrong guesses from several server processes all count
    const counted = await db.query<{ locked_now: boolean }>(
      `UPDATE users
          SET failed_sign_ins = failed_sign_ins + 1,
              locked_until = CASE WHEN failed_sign_ins + 1 >= $2 THEN $3::timestamptz ELSE locked_until END
        WHERE id = $1
        RETURNING failed_sign_ins >= $2 AS locked_now`,
      [row.id, policy.maxFailures, new Date(now.getTime() + policy.lockMinutes * 60_000).toISOString()],
    );
    result = { ok: false, reason: 'wrong_password', lockedNow: counted[0]?.locked_now === true };
  }
  await recordAttempt(db, attempt, row, result, now);
  return result;
}

/** Write the attempt to sign_in_attempts and the audit trail (never the password). */
async function recordAttempt(
  db: Db,
  attempt: PasswordAttempt,
  row: UserRow | undefined,
  result: PasswordCheck,
  now: Date,
): Promise<void> {
  await db.query('INSERT INTO sign_in_attempts (username, ip, succeeded, at) VALUES ($1, $2, $3, $4)', [
    attempt.username.trim().toLowerCase().slice(0, 200),
    attempt.ip ?? null,
    result.ok,
    now.toISOString(),
  ]);
  // a success is audited by signIn (session.ts) once the session is rotated
  if (result.ok) return;
  // an unknown username may be a password typed in the wrong field: the audit trail does not keep it
  await appendAudit(db, {
    actor: row?.id ?? null,
    action: 'auth.sign_in_refused',
    purpose: 'admin',
    ...(row ? { subject: `user:${row.id}` } : {}),
    detail: { method: 'password', reason: result.reason, ...(result.lockedNow ? { locked: true } : {}) },
    ...(attempt.ip ? { ip: attempt.ip } : {}),
  });
}

/** How the sign-in routes behave (from the `signin` config section). */
export interface SignInRoutesOptions {
  /** offer the username/password form (local accounts) */
  local: boolean;
  lockout?: LockoutPolicy;
  /** POST /signin attempts per client address per minute (@fastify/rate-limit) */
  attemptsPerMinute?: number;
  /** the OpenID Connect provider's name, when oidc.ts's routes are registered too */
  oidcProvider?: string;
}

/** Informational messages the sign-in page shows for `?m=` (anything else shows none). */
const INFO: Record<string, string> = { signed_out: 'auth.signed_out', expired: 'auth.expired' };

/**
 * GET /signin (the page), POST /signin (a password), POST /signout. All public: they are how one
 * signs in and out. The CSRF token is checked on both POSTs by the server's CSRF hook.
 */
export async function signInRoutes(app: FastifyInstance, options: SignInRoutesOptions): Promise<void> {
  const policy = options.lockout ?? DEFAULT_LOCKOUT;
  const page = (
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    status: number,
    extra: { next?: string; username?: string; message?: { kind: 'error' | 'info'; text: string } },
  ) =>
    reply
      .code(status)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(
        signInPageHtml({
          lang,
          csrfToken: request.csrfToken(),
          csrfField: CSRF_FIELD,
          next: extra.next ?? '/',
          local: options.local,
          ...(options.oidcProvider ? { oidcProvider: options.oidcProvider } : {}),
          ...(extra.username !== undefined ? { username: extra.username } : {}),
          ...(extra.message ? { message: extra.message } : {}),
        }),
      );

  app.get('/signin', { config: { access: { public: true } } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const lang = requestLang(query, request.headers['accept-language']);
    const info = typeof query.m === 'string' ? INFO[query.m] : undefined;
    return page(request, reply, lang, 200, {
      next: safeNext(query.next),
      ...(info ? { message: { kind: 'info', text: t(lang, info) } } : {}),
    });
  });

  if (options.local)
    app.post(
      '/signin',
      {
        config: {
          access: { public: true },
          // per client address (the server's rate-limit plugin; its own limit is per user)
          rateLimit: {
            max: options.attemptsPerMinute ?? 10,
            timeWindow: 60_000,
            keyGenerator: (r: FastifyRequest) => r.ip,
          },
        },
      },
      async (request, reply) => {
        const body = (request.body ?? {}) as Record<string, unknown>;
        const lang = requestLang(body, request.headers['accept-language']);
        const next = safeNext(body.next);
        const username = typeof body.username === 'string' ? body.username.slice(0, 200) : '';
        const password = typeof body.password === 'string' ? body.password : '';
        if (username.trim() === '' || password === '')
          return page(request, reply, lang, 400, {
            next,
            username,
            message: { kind: 'error', text: t(lang, 'auth.missing') },
          });
        const result = await checkPassword(app.store, { username, password, ip: request.ip }, { policy });
        if (!result.ok)
          // one message whatever the reason: it does not tell whether the account exists or is locked
          return page(request, reply, lang, 401, {
            next,
            username,
            message: {
              kind: 'error',
              text: t(lang, 'auth.failed', { max: policy.maxFailures, minutes: policy.lockMinutes }),
            },
          });
        await signIn(request, result.user, 'password');
        // the start page in the language the person signed in with
        return reply.redirect(next === '/' ? `/?lang=${lang}` : next, 303);
      },
    );

  app.post('/signout', { config: { access: { public: true } } }, async (request, reply) => {
    const lang = requestLang(request.body, request.headers['accept-language']);
    await signOut(request, reply);
    return reply.redirect(`/signin?m=signed_out&lang=${lang}`, 303);
  });
}

/** The sign-in configuration of a server: the `signin` section, and (tests) the provider's settings. */
export interface AuthOptions {
  /** the workspace config's `signin` section; absent: local accounts with the defaults */
  signin?: SigninConfig;
  /** OpenID Connect settings that replace `signin.oidc` (tests: a local provider over http) */
  oidc?: OidcSettings;
}

/**
 * Every sign-in route, as the `signin` config asks: the page and the password form (signInRoutes)
 * and, when a provider is configured, the OpenID Connect redirect and callback (oidcRoutes).
 * Throws a user error when the provider's client secret is not in the environment.
 */
export async function authRoutes(app: FastifyInstance, options: AuthOptions): Promise<void> {
  const signin = options.signin;
  const oidc = options.oidc ?? (signin?.oidc ? oidcSettings(signin.oidc) : undefined);
  const local = signin?.local ?? true;
  await signInRoutes(app, {
    local,
    ...(signin
      ? {
          lockout: { maxFailures: signin.lockout.attempts, lockMinutes: signin.lockout.minutes },
          attemptsPerMinute: signin.attempts_per_minute,
        }
      : {}),
    ...(oidc ? { oidcProvider: oidc.name } : {}),
  });
  if (oidc) await oidcRoutes(app, { settings: oidc, local });
}
