import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePersonId } from '../../src/ids/person-id.js';
import { createPseudonymiser, generateKey } from '../../src/ids/pseudonymise.js';
import { appendAudit } from '../../src/store/audit.js';
import { CASE_KEY_ENV, caseSubject, keyFingerprint, loadCaseKey } from '../../src/store/keys.js';
import { openStore, type OpenedStore } from '../../src/store/open.js';

const hex = (b: number) => Buffer.alloc(32, b).toString('hex');

describe('caseSubject', () => {
  it('is HMAC-SHA-256 of "tvaerblik.case\\n" + the normalised id', () => {
    const key = Buffer.alloc(32, 7);
    const byHand = createHmac('sha256', key).update('tvaerblik.case\n1705852053').digest('hex');
    expect(caseSubject(key, '1705852053')).toBe(byHand);
    expect(() => caseSubject(Buffer.alloc(16), '1705852053')).toThrow(/at least 32 bytes/);
  });

  it('differs from the planning pseudonym even when someone gives both purposes the same key', () => {
    const key = Buffer.alloc(32, 7);
    expect(caseSubject(key, '1705852053')).not.toBe(createPseudonymiser(key)('1705852053'));
  });
});

describe('the case key and the planning key (embedded store)', () => {
  let store: OpenedStore;
  beforeAll(async () => {
    store = await openStore();
  });
  afterAll(async () => {
    await store?.close();
  });

  it('keeps a generated case key, and the two pseudonyms of one person cannot be joined', async () => {
    const caseKey = await loadCaseKey(store, {});
    expect(caseKey.length).toBe(32);
    // the same key on every later call (and in every process using this store)
    expect((await loadCaseKey(store, {})).equals(caseKey)).toBe(true);

    const planningKey = Buffer.from(generateKey(), 'hex'); // the analysis warehouse's key
    expect(planningKey.equals(caseKey)).toBe(false);
    const planning = createPseudonymiser(planningKey);
    const ids = [
      ['170585-2053', 'DK'],
      ['010190-1234', 'DK'],
      ['19850517-2380', 'SE'],
      ['8505172380', 'SE'],
    ] as const;
    const normalised = ids.map(([raw, country]) => {
      const r = parsePersonId(raw, country, { referenceDate: new Date('2026-01-01T00:00:00Z') });
      if (!r.ok) throw new Error(`test id ${raw} not accepted: ${r.reason}`);
      return r.normalised;
    });
    const planningSet = new Set(normalised.map((n) => planning(n)));
    const caseSet = new Set(normalised.map((n) => caseSubject(caseKey, n)));
    // one Swedish person written two ways: three persons, three pseudonyms each
    expect(planningSet.size).toBe(3);
    expect(caseSet.size).toBe(3);
    expect([...caseSet].filter((s) => planningSet.has(s))).toEqual([]);

    // the case store records case pseudonyms; not one planning pseudonym, key or raw id ends up in it
    for (const subject of caseSet)
      await appendAudit(store, { actor: 'u1', action: 'case.read', purpose: 'case', subject });
    const dump = JSON.stringify(
      await store.query(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
      ),
    );
    let everything = dump;
    for (const t of JSON.parse(dump) as { table_name: string }[])
      everything += JSON.stringify(await store.query(`SELECT * FROM "${t.table_name}"`), (_k, v: unknown) =>
        typeof v === 'bigint' ? v.toString() : v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v,
      );
    for (const s of caseSet) expect(everything).toContain(s);
    for (const p of planningSet) expect(everything).not.toContain(p);
    expect(everything).not.toContain(planningKey.toString('hex'));
    for (const n of normalised) expect(everything).not.toContain(n);
  });

  it('takes the key from TVAERBLIK_CASE_KEY only when it is the key the store knows', async () => {
    const other = await openStore();
    try {
      // first use with a key from the environment: only its fingerprint is kept
      const key = await loadCaseKey(other, { [CASE_KEY_ENV]: hex(1) });
      expect(key.equals(Buffer.alloc(32, 1))).toBe(true);
      expect(await other.query("SELECT secret, fingerprint FROM store_key WHERE purpose = 'case'")).toEqual([
        { secret: null, fingerprint: keyFingerprint(Buffer.alloc(32, 1)) },
      ]);
      // base64 of the same bytes is the same key
      const b64 = Buffer.alloc(32, 1).toString('base64');
      expect((await loadCaseKey(other, { [CASE_KEY_ENV]: b64 })).equals(key)).toBe(true);
      await expect(loadCaseKey(other, { [CASE_KEY_ENV]: hex(2) })).rejects.toThrow(
        /TVAERBLIK_CASE_KEY is not the key the case store's pseudonyms were made with/,
      );
      await expect(loadCaseKey(other, {})).rejects.toThrow(
        /kept outside the store, and TVAERBLIK_CASE_KEY is not set/,
      );
      await expect(loadCaseKey(other, { [CASE_KEY_ENV]: 'abc' })).rejects.toThrow(
        /TVAERBLIK_CASE_KEY is not a usable key: it must be hex or base64 and at least 32 bytes/,
      );
    } finally {
      await other.close();
    }
    // a store with a generated key refuses a different key from the environment too
    await expect(loadCaseKey(store, { [CASE_KEY_ENV]: hex(3) })).rejects.toThrow(/not the key/);
  });
});
