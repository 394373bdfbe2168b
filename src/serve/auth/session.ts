/**
 * Sessions for server mode: @fastify/cookie + @fastify/session with the sessions kept in the
 * operational store (sql/store/011_sessions.sql), so any server process on the same database
 * serves the next request of a session another process started. The cookie is HttpOnly,
 * SameSite=Lax (an OpenID Connect provider redirects back with a top-level GET), Secure over HTTPS,
 * signed with a key every process reads from the store, and expires after `idleMinutes` without a
 * request (each answer moves the expiry forward).
 *
 * The sign-in code (local.ts, oidc.ts) verifies who someone is and then calls `signIn`, which
 * rotates the session id (no session fixation) and records the sign-in in the audit trail.
 */
import { randomBytes } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifySession, { type SessionStore } from '@fastify/session';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { appendAudit } from '../../store/audit.js';
import type { Db } from '../../store/db.js';
import './types.js';

/** The session cookie's name on a server that may be reached over plain HTTP (loopback). */
export const SESSION_COOKIE = 'tvaerblik_session';
/** The name on a server reached over HTTPS only: browsers keep it only Secure, host-only, path /. */
export const HOST_SESSION_COOKIE = '__Host-tvaerblik_session';
/** The form field that carries the CSRF token in a posted HTML form. */
export const CSRF_FIELD = '_csrf';
/** The header that carries the CSRF token in a fetch. */
export const CSRF_HEADER = 'x-csrf-token';
/** Where a browser is sent when a page needs sign-in (the sign-in page, local.ts). */
export const SIGN_IN_PATH = '/signin';
/** Idle minutes after which a session ends, unless configured. */
export const DEFAULT_IDLE_MINUTES = 30;
/** Hours after sign-in after which a session ends however active, unless configured. */
export const DEFAULT_ABSOLUTE_HOURS = 12;

interface SessionOptions {
  /** the store that keeps the sessions; null: this process's memory (a server without a store) */
  db: Db | null;
  /** signing key(s), ≥ 32 characters; default: TVAERBLIK_SESSION_SECRET or the store's shared key */
  secret?: string | string[];
  idleMinutes?: number;
  /** hours after sign-in after which the session ends (default 12) */
  absoluteHours?: number;
  /** reached over HTTPS only: the cookie is always Secure and named `__Host-…` */
  https?: boolean;
}

/** Sessions in the operational store: one row per session, JSON data, dead after expires_at. */
export class DbSessionStore implements SessionStore {
  constructor(private readonly db: Db) {}

  set(id: string, session: Parameters<SessionStore['set']>[1], done: (err?: unknown) => void): void {
    const expires = session.cookie.expires ?? new Date(Date.now() + DEFAULT_IDLE_MINUTES * 60_000);
    this.db
      .query(
        `INSERT INTO sessions (id, data, user_id, expires_at, updated_at)
         VALUES ($1, $2::jsonb, $3, $4, now())
         ON CONFLICT (id) DO UPDATE
           SET data = EXCLUDED.data, user_id = EXCLUDED.user_id, expires_at = EXCLUDED.expires_at, updated_at = now()`,
        [id, JSON.stringify(session), session.userId ?? null, expires.toISOString()],
      )
      .then(() => done(), done);
  }

  get(id: string, done: (err: unknown, session?: Parameters<SessionStore['set']>[1] | null) => void): void {
    this.db
      .query<{ data: unknown }>(`SELECT data FROM sessions WHERE id = $1 AND expires_at > now()`, [id])
      .then(([row]) => {
        const data = typeof row?.data === 'string' ? (JSON.parse(row.data) as unknown) : row?.data;
        done(null, (data ?? null) as Parameters<SessionStore['set']>[1] | null);
      }, done);
  }

  destroy(id: string, done: (err?: unknown) => void): void {
    this.db.query(`DELETE FROM sessions WHERE id = $1`, [id]).then(() => done(), done);
  }
}

/**
 * The key that signs session cookies: TVAERBLIK_SESSION_SECRET when set, else one made at random by
 * the first server process and kept in the store, so every process signs and checks alike.
 */
export async function sessionSecret(db: Db): Promise<string> {
  const env = process.env.TVAERBLIK_SESSION_SECRET;
  if (env !== undefined && env !== '') {
    if (env.length < 32) throw new Error('TVAERBLIK_SESSION_SECRET must be at least 32 characters');
    return env;
  }
  await db.query(
    `INSERT INTO server_secrets (name, value) VALUES ('session', $1) ON CONFLICT (name) DO NOTHING`,
    [randomBytes(32).toString('base64url')],
  );
  const [row] = await db.query<{ value: string }>(`SELECT value FROM server_secrets WHERE name = 'session'`);
  return row!.value;
}

/** Register cookies and store-backed sessions on `app`; sweeps sessions that have expired. */
export async function registerSessions(app: FastifyInstance, options: SessionOptions): Promise<void> {
  const idleMs = (options.idleMinutes ?? DEFAULT_IDLE_MINUTES) * 60_000;
  const absoluteMs = (options.absoluteHours ?? DEFAULT_ABSOLUTE_HOURS) * 3_600_000;
  const cookieName = options.https ? HOST_SESSION_COOKIE : SESSION_COOKIE;
  const db = options.db;
  if (db) await db.query(`DELETE FROM sessions WHERE expires_at <= now()`);
  await app.register(fastifyCookie);
  await app.register(fastifySession, {
    secret: options.secret ?? (db ? await sessionSecret(db) : randomBytes(32).toString('base64url')),
    cookieName,
    ...(db ? { store: new DbSessionStore(db) } : {}),
    saveUninitialized: false,
    rolling: true,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: options.https ? true : 'auto',
      path: '/',
      maxAge: idleMs,
    },
  });
  app.decorate('sessionCookie', cookieName);
  // the absolute lifetime: activity keeps a session from idling out, never beyond this
  app.addHook('onRequest', async (request) => {
    const since = request.session?.get?.('signedInAt');
    if (since !== undefined && Date.now() - since >= absoluteMs) await request.session.destroy();
  });
}

/**
 * Start a signed-in session for `user` after the caller has verified who it is (a password, an
 * OpenID Connect callback): a new session id (the old one is destroyed, so an id planted before
 * sign-in is worth nothing), the user id in it, and a 'sign_in' entry in the audit trail.
 */
export async function signIn(
  request: FastifyRequest,
  user: { id: string },
  method: 'password' | 'oidc' = 'password',
): Promise<void> {
  await request.session.regenerate();
  request.session.set('userId', user.id);
  request.session.set('signedInAt', Date.now());
  request.session.set('method', method);
  await request.session.save();
  const db = request.server.store;
  await db.query(`UPDATE users SET last_sign_in_at = now() WHERE id = $1`, [user.id]);
  await appendAudit(db, {
    actor: user.id,
    action: 'sign_in',
    purpose: 'admin',
    detail: { method },
    ip: request.ip,
  });
}

/** End the session (sign-out): the row is deleted, the cookie cleared, and the sign-out audited. */
export async function signOut(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const userId = request.session.get('userId');
  await request.session.destroy();
  reply.clearCookie(request.server.sessionCookie, { path: '/' });
  if (userId) {
    await appendAudit(request.server.store, {
      actor: userId,
      action: 'sign_out',
      purpose: 'admin',
      ip: request.ip,
    });
  }
}
