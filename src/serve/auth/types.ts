/**
 * The request-level vocabulary of server mode, shared by the policy hook, the session layer, the
 * sign-in routes and every feature route: who is signed in (`request.user`), under which purpose
 * the request runs (`request.purpose`), what a route declares (`config.access`) and the store
 * (`app.store`). See docs/server.md, "Web server and roles".
 */
import type { Purpose, Role } from '../../store/access.js';
import type { Store } from '../../store/db.js';
import type { ServedTable, TableHidden } from '../../publish/index.js';

/** The signed-in user, read from the store on every request (never cached in a process). */
export interface SignedInUser {
  id: string;
  username: string;
  roles: Role[];
  organisation?: string;
}

/**
 * What a route declares in its options, `config: { access }`: the roles that may call it and the
 * purpose the request is processed under, or `{ public: true }` (sign-in page, static assets).
 * A route without a declaration is refused.
 */
export type RouteAccess = { roles: readonly Role[]; purpose: Purpose } | { public: true };

declare module 'fastify' {
  interface FastifyInstance {
    /** the operational store (users, sessions, audit trail, case and cluster data) */
    store: Store;
    /** true when every non-public route needs a signed-in user (server mode) */
    signInRequired: boolean;
    /** whether a user with `roles` may open the local address `href` (GET), as the policy decides */
    canOpen: (roles: readonly Role[] | null, href: string) => boolean;
    /** the session cookie's name (`__Host-` prefixed on a server reached over HTTPS only) */
    sessionCookie: string;
    /** the served tables of the current snapshot as the publish path gave them (lineage reuses their suppression) */
    publishedTables: () => Promise<{ table: ServedTable; hidden: TableHidden }[]>;
  }
  interface FastifyRequest {
    /** the signed-in user (or the local analyst without sign-in on loopback); null when nobody is */
    user: SignedInUser | null;
    /** the purpose of the route being served; null for public routes */
    purpose: Purpose | null;
    /** a CSRF token for a form or a fetch that changes something (field `_csrf` or header x-csrf-token) */
    csrfToken(): string;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** false: a state-changing route that needs no CSRF token (only the API's 405 answer) */
    csrf?: boolean;
  }
  interface Session {
    /** the signed-in user's id (users.id) */
    userId?: string;
    /** when the user signed in (ms since the epoch) */
    signedInAt?: number;
    /** how: 'password' or 'oidc' */
    method?: string;
  }
}
