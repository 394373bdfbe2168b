/**
 * Test-only routes for the server-mode tests: sign in as a user by id (what local.ts and oidc.ts do
 * after checking a password or an OpenID Connect callback), hand out a CSRF token, and two feature
 * routes under other purposes (case, cluster) so the policy is tried across purposes. Never part of
 * the product: only tests pass these plugins to startServer.
 */
import type { FastifyInstance } from 'fastify';
import { signIn, signOut } from '../../src/serve/auth/session.js';
import { createUser } from '../../src/serve/auth/users.js';
import { ROLES, type Role } from '../../src/store/access.js';
import type { Db } from '../../src/store/db.js';

export const TEST_PREFIX = '/__test/';

export async function testRoutes(app: FastifyInstance): Promise<void> {
  app.get('/__test/signin', { config: { access: { public: true } } }, async (request) => {
    const { user } = request.query as { user: string };
    await signIn(request, { id: user });
    return { ok: true };
  });
  app.get('/__test/signout', { config: { access: { public: true } } }, async (request, reply) => {
    await signOut(request, reply);
    return { ok: true };
  });
  app.get('/__test/csrf', { config: { access: { public: true } } }, (request) => ({
    token: request.csrfToken(),
  }));
}

/** Two feature routes under the case and cluster purposes, as OVERVIEW and CLUSTER declare theirs. */
export async function otherPurposeRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/case/cases/:id',
    { config: { access: { roles: ['caseworker', 'data_contact'], purpose: 'case' } } },
    (request) => ({ case: (request.params as { id: string }).id, by: request.user!.username }),
  );
  app.post('/case/cases', { config: { access: { roles: ['caseworker'], purpose: 'case' } } }, (request) => ({
    created: true,
    purpose: request.purpose,
  }));
  app.get(
    '/budgets',
    { config: { access: { roles: ['cluster_secretariat', 'economic_owner'], purpose: 'cluster' } } },
    () => ({ budgets: [] }),
  );
  app.get('/audit/log', { config: { access: { roles: ['dpo'], purpose: 'audit' } } }, () => ({ rows: [] }));
  app.get('/admin/users', { config: { access: { roles: ['admin'], purpose: 'admin' } } }, () => ({
    users: [],
  }));
  app.get('/boom', { config: { access: { public: true } } }, () => {
    throw new Error('SELECT secret_column FROM users WHERE password_hash = $1');
  });
}

/** One user per role (username = role), returning role → user id. */
export async function usersPerRole(db: Db): Promise<Record<Role, string>> {
  const ids = {} as Record<Role, string>;
  for (const role of ROLES) ids[role] = await createUser(db, { username: `u_${role}`, roles: [role] });
  return ids;
}

/** The session cookie (name=value) from a response's Set-Cookie headers. */
export function sessionCookie(setCookie: string | string[] | undefined): string {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  // the last one counts (a response may first clear the old cookie, then set the new one)
  const c = all.filter((h) => /^(__Host-)?tvaerblik_session=/.test(h)).at(-1);
  if (!c) throw new Error(`no session cookie in ${JSON.stringify(all)}`);
  return c.split(';')[0]!;
}
