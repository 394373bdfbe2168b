// The real server with an embedded store and the cluster's users, for the cluster's route tests.
import type { FastifyInstance } from 'fastify';
import { createUser } from '../../src/serve/auth/users.js';
import { buildServer } from '../../src/serve/server.js';
import type { Role } from '../../src/store/access.js';
import { openStore, type OpenedStore } from '../../src/store/open.js';
import { sessionCookie, testRoutes } from '../serve/auth-fixture.js';
import { writeFixtureWarehouse } from '../serve/fixture.js';

const CONFIG = { name: 'Test', country: 'DK' as const, currency: 'DKK' as const, municipalities: ['730'] };

export interface ClusterServer {
  store: OpenedStore;
  app: FastifyInstance;
  /** user name → user id */
  ids: Record<string, string>;
  /** a signed-in session's cookie and CSRF token */
  session(username: string): Promise<{ cookie: string; csrf: string }>;
  close(): Promise<void>;
}

/** Open a store, run `seed` on it, add the users (name, role, organisation) and build the server (threshold 5). */
export async function clusterServer(
  users: readonly (readonly [string, Role, string])[],
  seed: (store: OpenedStore) => Promise<void> = async () => {},
): Promise<ClusterServer> {
  const store = await openStore();
  await seed(store);
  const ids: Record<string, string> = {};
  for (const [username, role, org] of users)
    ids[username] = await createUser(store, { username, roles: [role], organisation: org });
  const { app, closeStore } = await buildServer({
    warehouse: await writeFixtureWarehouse(),
    config: CONFIG,
    threshold: 5,
    store,
    log: () => {},
    allowedHosts: ['localhost'],
    plugins: [testRoutes],
  });
  return {
    store,
    app,
    ids,
    async session(username) {
      const signed = await app.inject({ url: `/__test/signin?user=${ids[username]}` });
      const cookie = sessionCookie(signed.headers['set-cookie']);
      const token = await app.inject({ url: '/__test/csrf', headers: { cookie } });
      return { cookie, csrf: (token.json() as { token: string }).token };
    },
    async close() {
      await app.close();
      await closeStore();
      await store.close();
    },
  };
}
