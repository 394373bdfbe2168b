import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appendAudit,
  auditForSubject,
  canonicalJson,
  entryHash,
  GENESIS_HASH,
  verifyAudit,
} from '../../src/store/audit.js';
import { openStore, type OpenedStore } from '../../src/store/open.js';

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

describe('canonicalJson and entryHash', () => {
  it('sorts keys at every depth, drops undefined, writes bigint as text', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: undefined, x: 0 }], c: 10n } })).toBe(
      '{"a":{"c":"10","d":[2,{"x":0,"z":1}]},"b":1}',
    );
  });

  it('hashes the previous hash, a newline and the canonical content', () => {
    const at = new Date('2026-01-02T03:04:05.678Z');
    const r = {
      seq: 1n,
      at,
      actor: 'u1',
      action: 'case.read',
      purpose: 'case' as const,
      subject: 's',
      detail: null,
      ip: null,
    };
    // written out by hand: the fields sorted by name
    const content =
      '{"action":"case.read","actor":"u1","at":"2026-01-02T03:04:05.678Z","detail":null,"ip":null,"purpose":"case","seq":"1","subject":"s"}';
    expect(entryHash(GENESIS_HASH, r)).toBe(sha(`${'0'.repeat(64)}\n${content}`));
  });
});

describe('the audit chain (embedded store)', () => {
  let store: OpenedStore;
  beforeAll(async () => {
    store = await openStore();
  });
  afterAll(async () => {
    await store?.close();
  });

  it('chains entries, refuses UPDATE/DELETE/TRUNCATE, and verify names the first changed row', async () => {
    await appendAudit(store, { actor: 'u1', action: 'auth.sign_in', purpose: 'admin', ip: '10.0.0.1' });
    await appendAudit(store, {
      actor: 'u1',
      action: 'case.read',
      purpose: 'case',
      subject: 'a'.repeat(64),
      detail: { case: 7, fields: ['plan', 'budget'], note: 'æøå' },
    });
    await appendAudit(store, {
      actor: null,
      action: 'consent.change',
      purpose: 'case',
      subject: 'b'.repeat(64),
    });
    await store.transaction(async (tx) => {
      await appendAudit(tx, { actor: 'u2', action: 'case.read', purpose: 'case', subject: 'a'.repeat(64) });
    });
    const rows = await store.query<{ seq: bigint; prev_hash: string; hash: string }>(
      'SELECT seq, prev_hash, hash FROM audit_log ORDER BY seq',
    );
    expect(rows.map((r) => r.seq)).toEqual([1n, 2n, 3n, 4n]);
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    expect(await verifyAudit(store)).toEqual({ ok: true, entries: 4n, headHash: rows[3]!.hash });
    // a small page size walks the same chain
    expect(await verifyAudit(store, 3)).toEqual({ ok: true, entries: 4n, headHash: rows[3]!.hash });

    await expect(store.query("UPDATE audit_log SET actor = 'x' WHERE seq = 2")).rejects.toThrow(
      /append-only/,
    );
    await expect(store.query('DELETE FROM audit_log WHERE seq = 4')).rejects.toThrow(/append-only/);
    await expect(store.exec('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    await expect(store.query('UPDATE audit_head SET seq = 1 WHERE id = 1')).rejects.toThrow(/forward/);

    const subjectA = await auditForSubject(store, 'a'.repeat(64));
    expect(subjectA.map((r) => [r.seq, r.actor, r.action, r.purpose])).toEqual([
      [2n, 'u1', 'case.read', 'case'],
      [4n, 'u2', 'case.read', 'case'],
    ]);
    expect(subjectA[0]!.detail).toEqual({ case: 7, fields: ['plan', 'budget'], note: 'æøå' });

    // tamper as the table owner: switch the trigger off, change row 2's actor, switch it on
    await store.exec(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete;
      UPDATE audit_log SET actor = 'someone-else' WHERE seq = 2;
      ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete;`);
    expect(await verifyAudit(store)).toMatchObject({
      ok: false,
      brokenAt: 2n,
      reason: 'hash_mismatch',
      entries: 1n,
    });

    // recomputing row 2's hash does not help: row 3 no longer points at it
    const r2 = (await auditForSubject(store, 'a'.repeat(64)))[0]!;
    await store.exec(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete;
      UPDATE audit_log SET hash = '${entryHash(r2.prevHash, r2)}' WHERE seq = 2;
      ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete;`);
    expect(await verifyAudit(store)).toMatchObject({ ok: false, brokenAt: 3n, reason: 'prev_hash_mismatch' });

    // removing a row in the middle is a gap at its number
    await store.exec(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete;
      DELETE FROM audit_log WHERE seq = 2;
      ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete;`);
    expect(await verifyAudit(store)).toMatchObject({ ok: false, brokenAt: 2n, reason: 'gap', entries: 1n });
  });

  it('takes amounts of ten digits and more in the detail (numbers are not person numbers)', async () => {
    await appendAudit(store, {
      actor: 'u1',
      action: 'budget.change',
      purpose: 'cluster',
      detail: { amount_minor: 1501000000n, previous_minor: 1705852053, date: '2026-05-17' },
    });
    const rows = await store.query<{ detail: unknown }>(
      'SELECT detail FROM audit_log ORDER BY seq DESC LIMIT 1',
    );
    // bigint is kept as its exact text; the number stays a number
    expect(rows[0]?.detail).toEqual({
      amount_minor: '1501000000',
      previous_minor: 1705852053,
      date: '2026-05-17',
    });
  });

  it('refuses an entry holding a person number, and a purpose that does not exist', async () => {
    await expect(
      appendAudit(store, { actor: 'u1', action: 'case.read', purpose: 'case', subject: '170585-2053' }),
    ).rejects.toThrow(/CPR number or personnummer/);
    await expect(
      appendAudit(store, { actor: 'u1', action: 'x', purpose: 'case', detail: { q: 'id 19850517-2380' } }),
    ).rejects.toThrow(/CPR number or personnummer/);
    await expect(
      appendAudit(store, { actor: 'u1', action: 'x', purpose: 'case', subject: '8505172380' }),
    ).rejects.toThrow(/CPR number or personnummer/);
    await expect(
      appendAudit(store, { actor: 'u1', action: 'x', purpose: 'case', detail: { ids: ['1705852053'] } }),
    ).rejects.toThrow(/CPR number or personnummer/);
    await expect(
      appendAudit(store, { actor: 'u1', action: 'x', purpose: 'marketing' as never }),
    ).rejects.toThrow(/purpose "marketing" is not one of planning, case, cluster, audit, admin/);
  });

  it('accepts a user id that is a UUID whose first groups happen to be digits (about 1 in 280 are)', async () => {
    // 12345678-1234-… reads like YYYYMMDD-NNNN; it is the id of a user, a project or an entry
    const uuid = '12345678-1234-4abc-8def-0123456789ab';
    await appendAudit(store, {
      actor: uuid,
      action: 'sign_in',
      purpose: 'admin',
      subject: uuid,
      detail: { user: uuid },
    });
    // the same number outside a UUID is still refused
    await expect(
      appendAudit(store, { actor: uuid, action: 'x', purpose: 'case', detail: { q: 'id 12345678-1234' } }),
    ).rejects.toThrow(/CPR number or personnummer/);
  });
});
