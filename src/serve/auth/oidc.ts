/**
 * Sign-in through an OpenID Connect provider (Microsoft Entra ID, KOMBIT's context handler through
 * its OIDC bridge, a Swedish regional IdP), with openid-client: the authorization code flow with
 * PKCE (S256), state and nonce kept in the session between the redirect and the callback. The
 * provider is the source of a user's roles: on every sign-in the roles are read from a claim
 * (`roles_claim`), mapped through `role_map`, and replace the roles stored for the user.
 * See docs/server.md, "Sign-in".
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as client from 'openid-client';
import { t } from '../../core/messages.js';
import { userError } from '../../core/messages.js';
import type { Lang } from '../../i18n.js';
import { isRole, type Role } from '../../store/access.js';
import { appendAudit } from '../../store/audit.js';
import type { Db } from '../../store/db.js';
import { requestLang, safeNext, signInPageHtml } from './pages.js';
import { CSRF_FIELD, signIn } from './session.js';
import type { SignedInUser } from './types.js';
import { createUser, loadUser, setRoles } from './users.js';

declare module 'fastify' {
  interface Session {
    /** the OpenID Connect round trip in progress: checked and removed by the callback */
    oidc?: { state: string; nonce: string; verifier: string; next: string; lang: Lang };
  }
}

/** What the server needs to sign in through a provider (from `signin.oidc` and the environment). */
export interface OidcSettings {
  /** shown on the button */
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUrl: string;
  scopes: readonly string[];
  usernameClaim: string;
  rolesClaim: string;
  roleMap: Readonly<Record<string, readonly Role[]>>;
  organisationClaim?: string;
  /** allow an http:// issuer (tests against a local provider only; never in production) */
  allowHttp?: boolean;
}

/** The `signin.oidc` config section, as schema.ts parses it. */
export interface OidcConfig {
  name: string;
  issuer: string;
  client_id: string;
  client_secret_env: string;
  redirect_url: string;
  scopes: string[];
  username_claim: string;
  roles_claim: string;
  role_map: Record<string, Role[]>;
  organisation_claim?: string;
}

/** Settings from the config, with the client secret read from the environment variable it names. */
export function oidcSettings(config: OidcConfig, env: NodeJS.ProcessEnv = process.env): OidcSettings {
  const secret = env[config.client_secret_env];
  if (secret === undefined || secret === '')
    throw userError(
      'auth.oidc.secret_missing',
      { name: config.client_secret_env },
      { key: 'signin.oidc.client_secret_env' },
    );
  return {
    name: config.name,
    issuer: config.issuer,
    clientId: config.client_id,
    clientSecret: secret,
    redirectUrl: config.redirect_url,
    scopes: config.scopes,
    usernameClaim: config.username_claim,
    rolesClaim: config.roles_claim,
    roleMap: config.role_map,
    ...(config.organisation_claim ? { organisationClaim: config.organisation_claim } : {}),
  };
}

/** Read the provider's metadata (discovery) and make the client configuration. */
export async function discoverProvider(settings: OidcSettings): Promise<client.Configuration> {
  const issuer = new URL(settings.issuer);
  const insecure = issuer.protocol === 'http:';
  if (insecure && !settings.allowHttp)
    throw new Error(`The OpenID Connect issuer must be an https:// URL (was ${issuer.origin})`);
  return client.discovery(
    issuer,
    settings.clientId,
    { redirect_uris: [settings.redirectUrl], response_types: ['code'] },
    client.ClientSecretPost(settings.clientSecret),
    insecure ? { execute: [client.allowInsecureRequests] } : undefined,
  );
}

/** A claim by name or dotted path (`realm_access.roles`). */
export function claimAt(claims: Readonly<Record<string, unknown>>, name: string): unknown {
  if (name in claims) return claims[name];
  let v: unknown = claims;
  for (const part of name.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

/**
 * The Tværblik roles a provider's claims give: each value of the roles claim (a list or one
 * string) maps through role_map; a value that is itself a role id counts as that role.
 * Values the map does not name and that are no role id give nothing (deny by default).
 */
export function rolesFromClaims(
  claims: Readonly<Record<string, unknown>>,
  settings: Pick<OidcSettings, 'rolesClaim' | 'roleMap'>,
): Role[] {
  const raw = claimAt(claims, settings.rolesClaim);
  const values = (Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw]).filter(
    (v): v is string => typeof v === 'string',
  );
  const roles = new Set<Role>();
  for (const v of values) {
    const mapped = Object.hasOwn(settings.roleMap, v) ? settings.roleMap[v]! : isRole(v) ? [v] : [];
    for (const r of mapped) roles.add(r);
  }
  return [...roles];
}

/**
 * The user a provider's ID token names (issuer + subject), created on first sign-in; its roles
 * replaced by the roles the claims give now (a user removed from a group loses the role).
 */
export async function upsertOidcUser(
  db: Db,
  settings: Pick<OidcSettings, 'usernameClaim' | 'organisationClaim' | 'rolesClaim' | 'roleMap'>,
  issuer: string,
  claims: Readonly<Record<string, unknown>>,
): Promise<SignedInUser | null> {
  const subject = String(claims.sub);
  const roles = rolesFromClaims(claims, settings);
  const named = claimAt(claims, settings.usernameClaim);
  const username = (typeof named === 'string' && named.trim() !== '' ? named.trim() : subject).slice(0, 160);
  const org = settings.organisationClaim ? claimAt(claims, settings.organisationClaim) : undefined;
  const [found] = await db.query<{ id: string }>(
    'SELECT id FROM users WHERE oidc_issuer = $1 AND oidc_subject = $2',
    [issuer, subject],
  );
  let id = found?.id;
  if (id) {
    await setRoles(db, id, roles, null);
    if (typeof org === 'string')
      await db.query('UPDATE users SET organisation = $2 WHERE id = $1', [id, org]);
  } else {
    if (roles.length === 0) return null;
    // a username is unique without regard to case; a provider's name never takes over a local account
    const [taken] = await db.query('SELECT 1 FROM users WHERE lower(username) = lower($1)', [username]);
    id = await createUser(db, {
      username: taken ? `${username} (${new URL(issuer).host})`.slice(0, 200) : username,
      roles,
      oidc: { issuer, subject },
      ...(typeof org === 'string' ? { organisation: org } : {}),
    });
  }
  const user = await loadUser(db, id);
  return user && user.roles.length > 0 ? user : null;
}

/** GET /signin/oidc and its callback; every route public (they are how one signs in). */
export async function oidcRoutes(
  app: FastifyInstance,
  options: { settings: OidcSettings; local: boolean; configuration?: client.Configuration },
): Promise<void> {
  const { settings } = options;
  let configuration: Promise<client.Configuration> | undefined = options.configuration
    ? Promise.resolve(options.configuration)
    : undefined;
  // discovered on first use (the provider may be down when the server starts); retried after a failure
  const provider = (): Promise<client.Configuration> => {
    configuration ??= discoverProvider(settings).catch((e: unknown) => {
      configuration = undefined;
      throw e;
    });
    return configuration;
  };
  const publicRoute = { config: { access: { public: true as const } } };

  const failPage = (request: FastifyRequest, reply: FastifyReply, lang: Lang, key: string, status: number) =>
    reply
      .code(status)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(
        signInPageHtml({
          lang,
          csrfToken: request.csrfToken(),
          csrfField: CSRF_FIELD,
          next: '/',
          local: options.local,
          oidcProvider: settings.name,
          message: { kind: 'error', text: t(lang, key, { provider: settings.name }) },
        }),
      );

  app.get('/signin/oidc', publicRoute, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const lang = requestLang(query, request.headers['accept-language']);
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    let url: URL;
    try {
      url = client.buildAuthorizationUrl(await provider(), {
        redirect_uri: settings.redirectUrl,
        scope: settings.scopes.join(' '),
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
        ui_locales: lang,
      });
    } catch (e) {
      request.log.error({ err: e }, 'OpenID Connect provider metadata could not be read');
      return failPage(request, reply, lang, 'auth.oidc.failed', 502);
    }
    request.session.set('oidc', { state, nonce, verifier, next: safeNext(query.next), lang });
    await request.session.save();
    return reply.header('cache-control', 'no-store').redirect(url.href, 303);
  });

  app.get('/signin/oidc/callback', publicRoute, async (request, reply) => {
    const flow = request.session.get('oidc');
    const lang = flow?.lang ?? requestLang(request.query, request.headers['accept-language']);
    request.session.set('oidc', undefined);
    const refuse = async (reason: string, key = 'auth.oidc.failed', status = 401) => {
      await appendAudit(app.store, {
        actor: null,
        action: 'auth.sign_in_refused',
        purpose: 'admin',
        detail: { method: 'oidc', reason },
        ip: request.ip,
      });
      return failPage(request, reply, lang, key, status);
    };
    if (!flow) return refuse('no_flow');
    // the URL the provider sent the browser to: our configured callback plus the query it added
    const search = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
    const current = new URL(settings.redirectUrl);
    current.search = search;
    let claims: Record<string, unknown>;
    try {
      const tokens = await client.authorizationCodeGrant(await provider(), current, {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      claims = { ...tokens.claims()! };
    } catch (e) {
      request.log.warn({ err: e }, 'OpenID Connect callback refused');
      return refuse('callback');
    }
    const user = await upsertOidcUser(
      app.store,
      settings,
      (await provider()).serverMetadata().issuer,
      claims,
    );
    if (!user) return refuse('no_role', 'auth.oidc.no_role', 403);
    await signIn(request, user, 'oidc');
    return reply.redirect(flow.next, 303);
  });
}
