/** Step-down allocation carries exact fractions and rounds once per pool, at the end. */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { PoolConfig } from '../../src/config/schema.js';
import { runCosting } from '../../src/costing/index.js';
import { allocatePools, type Intervention } from '../../src/costing/pools.js';
import type { Engine } from '../../src/engine/engine.js';
import { openMemoryWarehouse } from '../../src/model/warehouse.js';
import { insertLedger, insertServices, makeWorkspace, quietOutput, TT_HEADER } from './helpers.js';

let engine: Engine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

const iv = (code: string, direct = 0n): Intervention => ({
  key: code,
  code,
  provider: 'own',
  direct,
  volumeWeight: 0n,
});

// ADM 300,000.02 kr in thirds to HUS, SEL-104 and AEL-47; HUS passes its third on half and half.
const TWO_STEPS: PoolConfig[] = [
  {
    id: 'ADM',
    kind: 'administration',
    key: 'fixed',
    targets: ['HUS', 'SEL-104', 'AEL-47'],
    weights: { HUS: 1, 'SEL-104': 1, 'AEL-47': 1 },
    order: 0,
  },
  {
    id: 'HUS',
    kind: 'premises',
    key: 'fixed',
    targets: ['SEL-104', 'AEL-47'],
    weights: { 'SEL-104': 1, 'AEL-47': 1 },
    order: 1,
  },
];

describe('step-down with exact fractions', () => {
  it('rounds once: 30,000,002 øre over 1/3 + 1/3·1/2 each is 15,000,001 each (per-step rounding gave 15,000,002 and 15,000,000)', () => {
    // exact: each gets 30,000,002 × (1/3 + 1/6) = 15,000,001 øre. Rounding per step: thirds 10,000,000.67
    // → HUS 10,000,001, SEL-104 10,000,001, AEL-47 10,000,000 (ties to the first targets); HUS's
    // 10,000,001 / 2 → 5,000,001 + 5,000,000: SEL-104 15,000,002 and AEL-47 15,000,000, one øre off each.
    const r = allocatePools(TWO_STEPS, [iv('SEL-104'), iv('AEL-47')], new Map([['ADM', 30_000_002n]]));
    expect(r.vectors.get('SEL-104')!.get('pool:ADM')).toBe(15_000_001n);
    expect(r.vectors.get('AEL-47')!.get('pool:ADM')).toBe(15_000_001n);
    // the step table shows each step's flow, rounded for display
    expect(r.steps.map((s) => [s.pool, s.target, s.amount])).toEqual([
      ['ADM', 'HUS', 10_000_001n],
      ['ADM', 'SEL-104', 10_000_001n],
      ['ADM', 'AEL-47', 10_000_000n],
      ['HUS', 'SEL-104', 5_000_001n],
      ['HUS', 'AEL-47', 5_000_000n],
    ]);
  });

  it('unit costs carry the once-rounded administration share', async () => {
    engine = await openMemoryWarehouse();
    await insertLedger(engine, [
      { account: '5110', activity: 'ADM', amount: 30_000_002n },
      { account: '5110', activity: 'AK', amount: 1_000_000n },
      { account: '5110', activity: 'PH', amount: 1_000_000n },
    ]);
    await insertServices(engine, [
      { person: 'A', code: 'SEL-104', from: '2024-01-01', to: '2024-01-10', unit: 'day' },
      { person: 'B', code: 'AEL-47', from: '2024-01-01', to: '2024-01-10', unit: 'day' },
    ]);
    const yaml = `
country: DK
currency: DKK
municipalities: ['851']
periods: [{ id: '2024', from: 2024-01-01, to: 2024-12-31 }]
pseudonymisation: { key_file: k }
catalogue: dk
costing:
  translation_table: tt.csv
  pools:
    - { id: ADM, kind: administration, key: fixed, targets: [HUS, SEL-104, AEL-47], weights: { HUS: 1, SEL-104: 1, AEL-47: 1 } }
    - { id: HUS, kind: premises, key: fixed, targets: [SEL-104, AEL-47], weights: { SEL-104: 1, AEL-47: 1 }, order: 1 }
`;
    const tt = `${TT_HEADER}\n10,*,ADM,,,,pool,ADM,\n10,*,AK,,,,intervention,SEL-104,\n10,*,PH,,,,intervention,AEL-47,\n`;
    await runCosting(makeWorkspace(yaml, { 'tt.csv': tt }), engine, quietOutput());
    expect(
      await engine.all(
        `SELECT catalogue_code, admin_minor, other_common_minor, total_minor FROM cost_unit ORDER BY 1`,
      ),
    ).toEqual([
      {
        catalogue_code: 'AEL-47',
        admin_minor: 15_000_001n,
        other_common_minor: 0n,
        total_minor: 16_000_001n,
      },
      {
        catalogue_code: 'SEL-104',
        admin_minor: 15_000_001n,
        other_common_minor: 0n,
        total_minor: 16_000_001n,
      },
    ]);
  });

  it('equals an independent exact-fraction step-down rounded once per pool (property)', () => {
    fc.assert(
      fc.property(scenarioArb, ({ pools, ivs, ledger }) => {
        const got = allocatePools(pools, ivs, ledger);
        const want = reference(pools, ivs, ledger);
        for (const v of ivs)
          for (const p of pools)
            expect(got.vectors.get(v.key)!.get(`pool:${p.id}`) ?? 0n, `${v.key} ← ${p.id}`).toBe(
              want.sinks.get(v.key)?.get(p.id) ?? 0n,
            );
        expect(
          got.withoutBase.map((s) => [s.pool, pools.map((p) => s.vector.get(`pool:${p.id}`) ?? 0n)]),
        ).toEqual(
          want.stuck.map((id) => [id, pools.map((p) => want.sinks.get(`stuck:${id}`)?.get(p.id) ?? 0n)]),
        );
        // every pool's ledger amount is accounted for exactly
        for (const p of pools) {
          let total = 0n;
          for (const v of got.vectors.values()) total += v.get(`pool:${p.id}`) ?? 0n;
          for (const s of got.withoutBase) total += s.vector.get(`pool:${p.id}`) ?? 0n;
          expect(total).toBe(ledger.get(p.id) ?? 0n);
        }
      }),
      { numRuns: 400 },
    );
  });
});

// ---- an independent implementation: a fraction class, the flow of each pool's money, one rounding ----

class Q {
  readonly n: bigint;
  readonly d: bigint;
  constructor(n: bigint, d = 1n) {
    const s = d < 0n ? -1n : 1n;
    let a = n < 0n ? -n : n;
    let b = d < 0n ? -d : d;
    while (b !== 0n) [a, b] = [b, a % b];
    const g = a === 0n ? 1n : a;
    this.n = (s * n) / g;
    this.d = (s * d) / g;
  }
  plus(o: Q) {
    return new Q(this.n * o.d + o.n * this.d, this.d * o.d);
  }
  times(n: bigint, d: bigint) {
    return new Q(this.n * n, this.d * d);
  }
  floor() {
    const q = this.n / this.d;
    return this.n % this.d < 0n ? q - 1n : q;
  }
  /** this − floor(this), compared with another's */
  fracCmp(o: Q) {
    const a = (this.n - this.floor() * this.d) * o.d;
    const b = (o.n - o.floor() * o.d) * this.d;
    return a < b ? -1 : a > b ? 1 : 0;
  }
}

function reference(pools: PoolConfig[], ivs: Intervention[], ledger: Map<string, bigint>) {
  const order = [...pools].sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1));
  const ids = new Set(pools.map((p) => p.id));
  const keys = [...ivs].map((v) => v.key).sort();
  // held[place][origin]: exact money of `origin` sitting at a pool or an intervention
  const held = new Map<string, Map<string, Q>>();
  const put = (place: string, origin: string, q: Q) => {
    const m = held.get(place) ?? new Map<string, Q>();
    m.set(origin, (m.get(origin) ?? new Q(0n)).plus(q));
    held.set(place, m);
  };
  for (const p of pools) put(`pool:${p.id}`, p.id, new Q(ledger.get(p.id) ?? 0n));
  const stuck: string[] = [];
  for (const p of order) {
    const here = held.get(`pool:${p.id}`)!;
    if ([...here.values()].every((q) => q.n === 0n)) continue;
    const targets: string[] = [];
    for (const t of p.targets) {
      if (ids.has(t)) targets.push(`pool:${t}`);
      else if (keys.includes(t)) targets.push(t);
    }
    const w = targets.map((t) => {
      const name = t.startsWith('pool:') ? t.slice(5) : t;
      if (p.key === 'direct_cost') {
        const x = t.startsWith('pool:') ? (ledger.get(name) ?? 0n) : ivs.find((v) => v.key === t)!.direct;
        return x > 0n ? x * 10_000n : 0n;
      }
      return BigInt(Math.round((p.weights?.[name] ?? 0) * 1e6)) * 10_000n; // the same key in other units
    });
    const sum = w.reduce((a, b) => a + b, 0n);
    if (sum === 0n) {
      stuck.push(p.id);
      for (const [o, q] of here) put(`stuck:${p.id}`, o, q);
      continue;
    }
    for (const [o, q] of here) targets.forEach((t, i) => put(t, o, q.times(w[i]!, sum)));
  }
  const sinkOrder = [...keys, ...stuck.map((s) => `stuck:${s}`)];
  const sinks = new Map<string, Map<string, bigint>>();
  for (const p of pools) {
    const parts = sinkOrder
      .map((s) => ({ s, q: held.get(s)?.get(p.id) }))
      .filter((x): x is { s: string; q: Q } => x.q !== undefined);
    const floors = parts.map((x) => x.q.floor());
    let left = (ledger.get(p.id) ?? 0n) - floors.reduce((a, b) => a + b, 0n);
    const rank = parts.map((_, i) => i).sort((i, j) => parts[j]!.q.fracCmp(parts[i]!.q) || i - j);
    for (const i of rank) if (left-- > 0n) floors[i]! += 1n;
    parts.forEach((x, i) => {
      const m = sinks.get(x.s) ?? new Map<string, bigint>();
      m.set(p.id, floors[i]!);
      sinks.set(x.s, m);
    });
  }
  return { sinks, stuck };
}

const CODES = ['SEL-104', 'AEL-47', 'SEL-83-PP', 'SEL-108'];
const scenarioArb = fc
  .record({
    n: fc.integer({ min: 1, max: 4 }),
    ivs: fc.subarray(CODES, { minLength: 1 }),
    direct: fc.array(fc.bigInt({ min: -1_000n, max: 10_000_000n }), { minLength: 4, maxLength: 4 }),
    ledger: fc.array(fc.bigInt({ min: -100_000n, max: 100_000_000n }), { minLength: 4, maxLength: 4 }),
    keys: fc.array(fc.constantFrom('direct_cost', 'fixed'), { minLength: 4, maxLength: 4 }),
    targets: fc.array(fc.subarray([...CODES, 'P0', 'P1', 'P2', 'P3'], { minLength: 1 }), {
      minLength: 4,
      maxLength: 4,
    }),
    weights: fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 8, maxLength: 8 }),
  })
  .map((g) => {
    const pools: PoolConfig[] = [];
    for (let i = 0; i < g.n; i++) {
      // a pool sends only to pools later in the order
      const targets = g.targets[i]!.filter(
        (t) => !t.startsWith('P') || (Number(t.slice(1)) > i && Number(t.slice(1)) < g.n),
      );
      const names = [...CODES, 'P0', 'P1', 'P2', 'P3'];
      pools.push({
        id: `P${i}`,
        kind: i === 0 ? 'administration' : 'other',
        key: g.keys[i] as 'direct_cost' | 'fixed',
        targets: targets.length > 0 ? targets : ['SEL-104'],
        weights: Object.fromEntries(
          names.map((t, j) => [t, g.weights[(j + i) % 8]! / (j % 3 === 0 ? 4 : 1)]),
        ),
        order: i,
      });
    }
    const ivs = g.ivs.map((c, i) => iv(c, g.direct[i]!));
    const ledger = new Map(pools.map((p, i) => [p.id, g.ledger[i]!]));
    return { pools, ivs, ledger };
  });
