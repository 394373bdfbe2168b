/**
 * The one place that decides who may call what (docs/server.md, "Web server and roles"). Every
 * route declares `config.access`: the roles that may call it and the purpose it serves, or
 * `{ public: true }`. One onRequest hook enforces it for every route:
 *
 *  - no declaration → refused (deny by default), and such a route cannot even be registered;
 *  - public → served to anyone;
 *  - otherwise a signed-in user is needed (401, or a redirect to the sign-in page for a page),
 *    holding one of the route's roles *that may act under the route's purpose* (403 otherwise).
 *
 * Purposes keep data apart: a planning role (analyst) never reaches a case-handling route, a
 * case role (caseworker) never reaches the analysis warehouse, whatever a declaration lists; and a
 * declaration that names a role outside its purpose is refused when the route is registered.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { t } from '../../core/messages.js';
import type { Lang } from '../../i18n.js';
import { isPurpose, isRole, type Purpose, type Role } from '../../store/access.js';
import { HOMES } from '../page.js';
import { readerLang, refuse, wantsPage } from '../refusal.js';
import { SIGN_IN_PATH } from './session.js';
import type { RouteAccess, SignedInUser } from './types.js';
import { loadUser } from './users.js';

/**
 * The purposes each role may act under. An administrator administers (users, roles, settings) and
 * reads no data: it holds purpose 'admin' only. The data-protection officer reads the audit trail.
 */
export const ROLE_PURPOSES: Readonly<Record<Role, readonly Purpose[]>> = {
  analyst: ['planning'],
  authorised_analyst: ['planning'],
  caseworker: ['case'],
  data_contact: ['case'],
  cluster_secretariat: ['cluster'],
  economic_owner: ['cluster'],
  dpo: ['audit'],
  admin: ['admin'],
};

/** The roles that read the dashboard and the API over the analysis warehouse. */
export const PLANNING: RouteAccess = { roles: ['analyst', 'authorised_analyst'], purpose: 'planning' };
/** Static assets, the health check and the sign-in page. */
export const PUBLIC: RouteAccess = { public: true };

/** The user of a server on loopback without sign-in configured: one analyst at their own machine. */
export const LOCAL_ANALYST: SignedInUser = { id: 'local', username: 'local', roles: ['analyst'] };

/** One registered route and its declaration, as collected when it was registered. */
export interface DeclaredRoute {
  method: string;
  url: string;
  access: RouteAccess | undefined;
}

/** Whether `roles` may call a route declared `access` (false for an undeclared route). */
export function allows(access: RouteAccess | undefined, roles: readonly Role[] | null): boolean {
  if (!access) return false;
  if ('public' in access) return access.public === true;
  if (!roles) return false;
  return roles.some((r) => access.roles.includes(r) && ROLE_PURPOSES[r].includes(access.purpose));
}

/** Why a declaration is wrong, or null: unknown roles or purpose, or a role outside the purpose. */
export function declarationProblem(access: unknown): string | null {
  if (access === undefined)
    return 'it declares no config.access (every route must: roles and purpose, or public)';
  if (typeof access !== 'object' || access === null) return 'config.access is not an object';
  if ('public' in access)
    return (access as { public: unknown }).public === true ? null : 'public must be true';
  const { roles, purpose } = access as { roles?: unknown; purpose?: unknown };
  if (!isPurpose(purpose)) return `unknown purpose ${JSON.stringify(purpose)}`;
  if (!Array.isArray(roles) || roles.length === 0) return 'config.access.roles must list at least one role';
  for (const r of roles as unknown[]) {
    if (!isRole(r)) return `unknown role ${JSON.stringify(r)}`;
    if (!ROLE_PURPOSES[r].includes(purpose))
      return `role ${r} may not act under purpose ${purpose} (it may under ${ROLE_PURPOSES[r].join(', ')})`;
  }
  return null;
}

/** The reader's language: ?lang= (or a form's `lang`), else Accept-Language, else Danish. */
export function requestLang(request: FastifyRequest): Lang {
  return readerLang(request);
}

/** The declaration of the route `method path` would reach (its path without the query), if any. */
function routeAccess(declared: DeclaredRoute[], method: string, path: string): RouteAccess | undefined {
  for (const r of declared) {
    if (r.method !== method) continue;
    const pattern = new RegExp(
      `^${r.url
        .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
        .replace(/:\w+/g, '[^/]+')
        .replace(/\*/g, '.*')}$`,
    );
    if (pattern.test(path)) return r.access;
  }
  return undefined;
}

/**
 * Install the policy on `app`: refuses to register an undeclared or inconsistent route, and checks
 * every request. Returns the list of declared routes (filled as routes are registered).
 */
export function registerPolicy(app: FastifyInstance): DeclaredRoute[] {
  const declared: DeclaredRoute[] = [];
  app.decorateRequest('user', null);
  app.decorateRequest('purpose', null);
  // links a page shows are those the policy lets its reader open (navigation, the start pages)
  app.decorate('canOpen', (roles: readonly Role[] | null, href: string) =>
    allows(routeAccess(declared, 'GET', href.split('?')[0]!), roles),
  );
  app.addHook('onRoute', (route: RouteOptions) => {
    const access = route.config?.access;
    const problem = declarationProblem(access);
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (problem) throw new Error(`Route ${methods.join(',')} ${route.url}: ${problem}`);
    for (const method of methods) declared.push({ method, url: route.url, access });
  });
  app.addHook('onRequest', async (request, reply) => {
    // an unknown address: the not-found answer says nothing about what exists
    if (request.is404) return;
    const access = request.routeOptions.config.access;
    if (!access) return deny(request, reply, 403, 'server.denied.undeclared');
    if ('public' in access) return;
    const user = await currentUser(request);
    if (!user) {
      if (wantsPage(request) && request.method === 'GET')
        return reply.redirect(`${SIGN_IN_PATH}?next=${encodeURIComponent(request.url.slice(0, 500))}`, 303);
      return deny(request, reply, 401, 'server.denied.sign_in');
    }
    if (!allows(access, user.roles)) {
      // the dashboard's address (where sign-in sends everyone) leads a browser to the user's own start page
      const home = HOMES.find((h) => request.server.canOpen(user.roles, h.href));
      const [path, query] = request.url.split('?');
      if (wantsPage(request) && request.method === 'GET' && path === '/' && home)
        return reply.redirect(query === undefined ? home.href : `${home.href}?${query}`, 303);
      request.user = user;
      return deny(request, reply, 403, 'server.denied.role');
    }
    request.user = user;
    request.purpose = access.purpose;
  });
  return declared;
}

/** The signed-in user of this request (read from the store each time), or the local analyst. */
export async function currentUser(request: FastifyRequest): Promise<SignedInUser | null> {
  if (!request.server.signInRequired) return LOCAL_ANALYST;
  const id = request.session?.get?.('userId');
  if (!id) return null;
  return loadUser(request.server.store, id);
}

function deny(request: FastifyRequest, reply: FastifyReply, status: 401 | 403, key: string): FastifyReply {
  return refuse(request, reply, status, t(requestLang(request), key));
}
