import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SigninSchema } from '../../src/config/schema.js';
import { claimAt, rolesFromClaims, type OidcSettings } from '../../src/serve/auth/oidc.js';
import { startServer, type RunningServer } from '../../src/serve/server.js';
import { openStore, type OpenedStore } from '../../src/store/open.js';
import { writeFixtureWarehouse } from './fixture.js';

// Sign-in through a real OpenID Connect provider (oidc-provider, on a free port of this machine),
// in Chromium: the sign-in page's button, the provider's login and consent, the callback.

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`OIDC browser tests skipped: ${CHROMIUM} is not installed (CI installs it)`);

describe('roles from the provider’s claims', () => {
  const settings = {
    rolesClaim: 'groups',
    roleMap: { 'grp-sagsbehandlere': ['caseworker'], 'grp-dpo': ['dpo', 'caseworker'] } as const,
  };

  it('maps groups through role_map, takes a value that is a role id as it is, and ignores the rest', () => {
    expect(
      rolesFromClaims({ groups: ['grp-sagsbehandlere', 'analyst', 'grp-ukendt', 'Admin'] }, settings),
    ).toEqual(['caseworker', 'analyst']);
    expect(rolesFromClaims({ groups: ['grp-dpo', 'grp-sagsbehandlere'] }, settings)).toEqual([
      'dpo',
      'caseworker',
    ]);
    expect(rolesFromClaims({ groups: 'grp-dpo' }, settings)).toEqual(['dpo', 'caseworker']);
    expect(rolesFromClaims({ groups: [42, null] }, settings)).toEqual([]);
    expect(rolesFromClaims({ roles: ['analyst'] }, settings)).toEqual([]);
    // an inherited property name is no mapping
    expect(rolesFromClaims({ groups: ['toString', '__proto__'] }, settings)).toEqual([]);
  });

  it('reads a nested claim by a dotted path (Keycloak realm_access.roles)', () => {
    const claims = { realm_access: { roles: ['authorised_analyst'] }, 'x.y': 'flat wins' };
    expect(claimAt(claims, 'realm_access.roles')).toEqual(['authorised_analyst']);
    expect(claimAt(claims, 'x.y')).toBe('flat wins');
    expect(claimAt(claims, 'realm_access.missing.deeper')).toBeUndefined();
    expect(rolesFromClaims(claims, { rolesClaim: 'realm_access.roles', roleMap: {} })).toEqual([
      'authorised_analyst',
    ]);
  });
});

/** A free TCP port of this machine (the provider must know the callback before the server starts). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** The provider's people: login name → the groups its ID token carries. */
const PEOPLE: Record<string, string[]> = {
  kim: ['grp-analytikere'],
  lone: ['caseworker', 'grp-ukendt'],
  nils: ['grp-ukendt'],
};

describe.skipIf(!hasChromium)('OpenID Connect sign-in in Chromium', () => {
  let store: OpenedStore;
  let server: RunningServer;
  let idp: Server;
  let browser: Browser;
  let issuer: string;

  beforeAll(async () => {
    const [idpPort, appPort] = [await freePort(), await freePort()];
    issuer = `http://127.0.0.1:${idpPort}`;
    const redirectUrl = `http://127.0.0.1:${appPort}/signin/oidc/callback`;
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: 'tvaerblik',
          client_secret: 'a-client-secret-for-tests-only-0123456789',
          redirect_uris: [redirectUrl],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_post',
        },
      ],
      claims: { openid: ['sub'], profile: ['preferred_username', 'groups'] },
      conformIdTokenClaims: false,
      pkce: { required: () => true },
      ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
      findAccount: (_ctx, id) => ({
        accountId: id,
        claims: () => ({ sub: id, preferred_username: `${id}@kommune.test`, groups: PEOPLE[id] ?? [] }),
      }),
    });
    idp = provider.listen(idpPort, '127.0.0.1');
    store = await openStore();
    const settings: OidcSettings = {
      name: 'Test-IdP',
      issuer,
      clientId: 'tvaerblik',
      clientSecret: 'a-client-secret-for-tests-only-0123456789',
      redirectUrl,
      scopes: ['openid', 'profile'],
      usernameClaim: 'preferred_username',
      rolesClaim: 'groups',
      roleMap: { 'grp-analytikere': ['analyst'] },
      allowHttp: true,
    };
    server = await startServer({
      warehouse: await writeFixtureWarehouse(),
      config: { name: 'Testkommune', country: 'DK', currency: 'DKK', municipalities: ['851'] },
      threshold: 5,
      port: appPort,
      store,
      signIn: 'required',
      log: () => {},
      auth: { signin: SigninSchema.parse({ local: false }), oidc: settings },
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await new Promise((r) => idp?.close(r));
    await store?.close();
  });

  /** Sign in as `login` through the provider; returns the page where the browser ends up. */
  async function signInAs(login: string) {
    const context = await browser.newContext();
    context.setDefaultTimeout(120_000);
    const page = await context.newPage();
    await page.goto(`${server.url}signin?lang=en&next=%2Fapi%2Ftables`);
    await page.getByRole('button', { name: 'Sign in with Test-IdP' }).click();
    await page.waitForURL(`${issuer}/**`);
    await page.fill('input[name=login]', login);
    await page.fill('input[name=password]', 'any password');
    await page.click('button[type=submit]');
    await page.waitForSelector('button:has-text("Continue")');
    await page.click('button:has-text("Continue")');
    await page.waitForURL(`${server.url}**`);
    return { context, page };
  }

  it('signs kim in through the provider, with the role its group maps to, in an HttpOnly SameSite=Lax cookie', async () => {
    const { context, page } = await signInAs('kim');
    try {
      // back where the sign-in started: the tables list, which an analyst may read
      expect(new URL(page.url()).pathname).toBe('/api/tables');
      expect(await page.textContent('body')).toContain('mart_cost_interval');
      const [user] = await store.query<{
        id: string;
        username: string;
        oidc_issuer: string;
        oidc_subject: string;
      }>("SELECT id, username, oidc_issuer, oidc_subject FROM users WHERE oidc_subject = 'kim'");
      expect(user).toMatchObject({ username: 'kim@kommune.test', oidc_issuer: issuer, oidc_subject: 'kim' });
      const roles = await store.query<{ role: string }>('SELECT role FROM user_roles WHERE user_id = $1', [
        user!.id,
      ]);
      expect(roles.map((r) => r.role)).toEqual(['analyst']);
      const cookies = await context.cookies();
      const session = cookies.find((c) => c.name === 'tvaerblik_session');
      // served over plain http on loopback: not Secure (see the security tests for https and a proxy)
      expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false, path: '/' });
      const [audit] = await store.query<{ actor: string; action: string; detail: unknown }>(
        "SELECT actor, action, detail FROM audit_log WHERE action LIKE '%sign_in' ORDER BY seq DESC LIMIT 1",
      );
      expect(audit).toMatchObject({ actor: user!.id, detail: { method: 'oidc' } });
    } finally {
      await context.close();
    }
  }, 400_000);

  it('gives lone the role named directly in the claim; a caseworker is refused the analysis API', async () => {
    const { context, page } = await signInAs('lone');
    try {
      const [user] = await store.query<{ id: string }>("SELECT id FROM users WHERE oidc_subject = 'lone'");
      const roles = await store.query<{ role: string }>('SELECT role FROM user_roles WHERE user_id = $1', [
        user!.id,
      ]);
      expect(roles.map((r) => r.role)).toEqual(['caseworker']);
      // signed in, but the planning API is not for the case-handling purpose
      const status = await page.evaluate(async () => (await fetch('/api/tables')).status);
      expect(status).toBe(403);
    } finally {
      await context.close();
    }
  }, 400_000);

  it('refuses nils, whose groups map to no role, and creates no user', async () => {
    const { context, page } = await signInAs('nils');
    try {
      expect(new URL(page.url()).pathname).toBe('/signin/oidc/callback');
      expect(await page.getByRole('alert').textContent()).toBe(
        'Your account at Test-IdP gives no role in Tværblik. Ask your administrator.',
      );
      expect(await store.query("SELECT id FROM users WHERE oidc_subject = 'nils'")).toEqual([]);
      const status = await page.evaluate(async () => (await fetch('/api/tables')).status);
      expect(status).toBe(401);
    } finally {
      await context.close();
    }
  }, 400_000);

  it('refuses a callback that does not come from a sign-in this browser started (state/PKCE)', async () => {
    const res = await fetch(`${server.url}signin/oidc/callback?code=forged&state=forged`, {
      headers: { 'accept-language': 'en' },
    });
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('Sign-in through Test-IdP failed.');
  });
});
