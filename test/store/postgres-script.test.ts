/*
 * scripts/postgres.mjs: a throwaway cluster with a password on 127.0.0.1 that the operational store
 * opens from the printed URL, and that `stop` removes; it refuses to delete a folder it did not make.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendAudit, verifyAudit } from '../../src/store/audit.js';
import { openStore } from '../../src/store/open.js';
import { postgresSkipReason } from '../helpers/postgres.js';

interface Script {
  startThrowaway(): Promise<{ dir: string; url: string; stop(): void }>;
  stopThrowaway(dir: string): void;
}
const SCRIPT = '../../scripts/postgres.mjs';

const skip = postgresSkipReason();
if (skip && process.env.TVAERBLIK_REQUIRE_POSTGRES === '1')
  throw new Error(`PostgreSQL is required here: ${skip}`);
if (skip) console.warn(`SKIP scripts/postgres.mjs: ${skip}`);

describe.skipIf(skip !== null)('scripts/postgres.mjs', () => {
  it('starts a cluster the store opens by URL (with a password), and stops and deletes it', async () => {
    const { startThrowaway, stopThrowaway } = (await import(SCRIPT)) as Script;
    const cluster = await startThrowaway();
    try {
      expect(cluster.url).toMatch(/^postgresql:\/\/tvaerblik:[^@]+@127\.0\.0\.1:\d+\/postgres$/);
      const store = await openStore({ url: cluster.url });
      try {
        await appendAudit(store, { actor: null, action: 'admin.try_out', purpose: 'admin' });
        expect(await verifyAudit(store)).toMatchObject({ ok: true, entries: 1n });
      } finally {
        await store.close();
      }
      // a wrong password is refused: the cluster is not open to anyone on the machine
      const wrong = cluster.url.replace(/:[^:@]+@/, ':wrong@');
      await expect(openStore({ url: wrong })).rejects.toThrow(/password authentication failed/);
    } finally {
      stopThrowaway(cluster.dir);
    }
    expect(existsSync(cluster.dir)).toBe(false);

    const foreign = mkdtempSync(path.join(tmpdir(), 'tvb-not-ours-'));
    try {
      expect(() => stopThrowaway(foreign)).toThrow(/is not a folder this script made/);
      expect(existsSync(foreign)).toBe(true);
    } finally {
      rmSync(foreign, { recursive: true, force: true });
    }
  });
});
