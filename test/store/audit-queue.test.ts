/**
 * Group commit of audit entries (`auditQueue`): a busy server's concurrent reads share one append
 * transaction instead of queueing one by one on the chain's head; the chain stays one unbroken line,
 * every entry is there once and in arrival order, and a bad entry is refused alone.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditQueue, verifyAudit } from '../../src/store/audit.js';
import type { Db } from '../../src/store/db.js';
import { openStore, type OpenedStore } from '../../src/store/open.js';

let store: OpenedStore;
beforeAll(async () => {
  store = await openStore();
});
afterAll(async () => {
  await store?.close();
});

/** The store, counting the transactions begun through it. */
function counting(db: Db): { db: Db; transactions: () => number } {
  let n = 0;
  const wrapped: Db = {
    query: (sql, params) => db.query(sql, params),
    transaction: (fn) => {
      n += 1;
      return db.transaction(fn);
    },
  } as Db;
  return { db: wrapped, transactions: () => n };
}

it('appends 100 concurrent entries in far fewer transactions, one unbroken chain, in arrival order', async () => {
  const { db, transactions } = counting(store);
  const audit = auditQueue(db);
  await Promise.all(
    Array.from({ length: 100 }, (_, i) =>
      audit({ actor: `u${i}`, action: 'http.get', purpose: 'planning', subject: '/api/tables/:table' }),
    ),
  );
  // the first entry starts an append at once; the other 99 arrive while it runs and go in one more
  expect(transactions()).toBe(2);
  const rows = await store.query<{ actor: string }>('SELECT actor FROM audit_log ORDER BY seq');
  expect(rows.map((r) => r.actor)).toEqual(Array.from({ length: 100 }, (_, i) => `u${i}`));
  expect(await verifyAudit(store)).toMatchObject({ ok: true, entries: 100n });
});

it('refuses only the entry that holds a person number; the others in its batch are appended', async () => {
  const audit = auditQueue(store);
  const results = await Promise.allSettled([
    audit({ actor: 'a', action: 'http.get', purpose: 'planning' }),
    audit({ actor: 'b', action: 'http.get', purpose: 'planning' }),
    audit({ actor: 'c', action: 'http.get', purpose: 'planning', subject: '010190-1234' }),
    audit({ actor: 'd', action: 'http.get', purpose: 'planning' }),
  ]);
  expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
  const rows = await store.query<{ actor: string }>('SELECT actor FROM audit_log ORDER BY seq DESC LIMIT 3');
  expect(rows.map((r) => r.actor).sort()).toEqual(['a', 'b', 'd']);
  expect(await verifyAudit(store)).toMatchObject({ ok: true, entries: 103n });
});

it('an idle queue appends at once: a lone entry is committed when its promise settles', async () => {
  const audit = auditQueue(store);
  await audit({ actor: 'solo', action: 'http.get', purpose: 'planning' });
  const [last] = await store.query<{ actor: string }>(
    'SELECT actor FROM audit_log ORDER BY seq DESC LIMIT 1',
  );
  expect(last?.actor).toBe('solo');
});
