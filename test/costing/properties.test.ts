import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import { openMemoryWarehouse } from '../../src/model/warehouse.js';
import { runCosting } from '../../src/costing/index.js';
import { floorDiv, splitLargestRemainder } from '../../src/costing/money.js';
import {
  insertLedger,
  insertServices,
  makeWorkspace,
  quietOutput,
  TT_HEADER,
  type LedgerRow,
  type ServiceRow,
} from './helpers.js';

const PERIODS = ['2024-H1', '2024-H2'];
const ACCOUNTS = ['5100', '5101', '5102', '5103', '5104', '5105', '5150', '5190'];
const TARGETS = [
  'intervention,SEL-83-PP,',
  'intervention,SEL-83-PP@external,',
  'intervention,AEL-47,',
  'intervention,SEL-104,',
  'intervention,SEL-112,',
  'pool,ADM,',
  'pool,HUS,',
  'excluded,,user_fee_not_deducted',
  'nonattributable,open_cafe,',
];
const CODES = [
  { code: 'SEL-83-PP', unit: 'hour_granted' },
  { code: 'AEL-47', unit: 'day' },
  { code: 'SEL-104', unit: 'day' },
  { code: 'SEL-112', unit: 'item' },
];

const YAML = `
country: DK
currency: DKK
municipalities: ['851', '860']
periods:
  - { id: 2024-H1, from: 2024-01-01, to: 2024-06-30 }
  - { id: 2024-H2, from: 2024-07-01, to: 2024-12-31 }
pseudonymisation: { key_file: k }
catalogue: dk
costing:
  translation_table: tt.csv
  pools:
    - { id: ADM, kind: administration, key: direct_cost, targets: [HUS, 'SEL-*', AEL-47], order: 0 }
    - { id: HUS, kind: premises, key: floor_area, targets: [AEL-47, SEL-104], weights: { AEL-47: 7.5, SEL-104: 2.25 }, order: 1 }
  methods:
    - { codes: [SEL-83-PP], provider: external, method: price, price: 432.17 }
    - { codes: [SEL-112], method: record_amount }
`;

const day = (n: number) => new Date(Date.UTC(2023, 6, 1) + n * 86_400_000).toISOString().slice(0, 10);

const ledgerArb = fc.array(
  fc.record({
    period: fc.constantFrom(...PERIODS),
    municipality: fc.constantFrom('851', '860'),
    account: fc.constantFrom(...ACCOUNTS),
    // negative corrections and income lines included
    amount: fc.bigInt({ min: -5_000_000n, max: 50_000_000n }),
  }),
  { minLength: 1, maxLength: 25 },
);
const serviceArb = fc.array(
  fc.record({
    person: fc.option(
      fc.integer({ min: 0, max: 15 }).map((i) => `P${String(i).padStart(2, '0')}`),
      { freq: 6 },
    ),
    kind: fc.integer({ min: 0, max: CODES.length - 1 }),
    external: fc.boolean(),
    start: fc.integer({ min: 0, max: 700 }),
    length: fc.integer({ min: 0, max: 200 }),
    // quarter hours; a few negative corrections
    volume: fc.option(
      fc.integer({ min: -40, max: 4000 }).map((q) => (q / 4).toFixed(2)),
      { freq: 5 },
    ),
    amount: fc.bigInt({ min: -10_000n, max: 5_000_000n }),
    municipality: fc.constantFrom('851', '860'),
  }),
  { minLength: 0, maxLength: 30 },
);
const rulesArb = fc.record({
  // one exact rule per account (priority 10) and a lower catch-all range, so every line has one winner
  perAccount: fc.array(fc.constantFrom(...TARGETS), {
    minLength: ACCOUNTS.length,
    maxLength: ACCOUNTS.length,
  }),
  fallback: fc.constantFrom(...TARGETS),
});

type GenService = typeof serviceArb extends fc.Arbitrary<(infer T)[]> ? T : never;

function toServices(rows: GenService[]): ServiceRow[] {
  return rows.map((r) => {
    const c = CODES[r.kind]!;
    return {
      person: r.person,
      code: c.code,
      unit: c.unit,
      provider: c.code === 'SEL-83-PP' && r.external ? 'external' : 'own',
      from: day(r.start),
      to: day(r.start + r.length),
      volume: c.unit === 'day' && r.volume === null ? null : (r.volume ?? '1'),
      amount: c.code === 'SEL-112' ? r.amount : null,
      municipality: r.municipality,
    };
  });
}

function translation(rules: { perAccount: string[]; fallback: string }): string {
  const lines = ACCOUNTS.slice(0, 6).map((a, i) => `10,${a},,,,,${rules.perAccount[i]}`);
  return `${TT_HEADER}\n${lines.join('\n')}\n1,5000-5999,,,,,${rules.fallback}\n`;
}

function shuffle<T>(xs: T[], seed: number): T[] {
  const out = [...xs];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

async function costOnce(ledger: LedgerRow[], services: ServiceRow[], tt: string) {
  const engine: Engine = await openMemoryWarehouse();
  try {
    await insertLedger(engine, ledger);
    await insertServices(engine, services);
    const summary = await runCosting(makeWorkspace(YAML, { 'tt.csv': tt }), engine, quietOutput());
    const person = await engine.all(`SELECT * FROM cost_person ORDER BY ALL`);
    const unit = await engine.all(`SELECT * FROM cost_unit ORDER BY ALL`);
    const recon = await engine.all(`SELECT * FROM cost_reconciliation ORDER BY ALL`);
    const nonattr = await engine.all(`SELECT * FROM cost_nonattributable ORDER BY ALL`);
    const totals = await engine.all<{
      period: string;
      municipality: string;
      ledger: bigint;
      persons: bigint;
      non: bigint;
      excl: bigint;
      outside: bigint;
    }>(
      `WITH k AS (SELECT DISTINCT period, municipality FROM cost_reconciliation)
       SELECT k.period, k.municipality,
         (SELECT coalesce(sum(amount_minor), 0) FROM ledger l WHERE l.period = k.period AND l.municipality = k.municipality)::BIGINT AS ledger,
         (SELECT coalesce(sum(cost_minor), 0) FROM cost_person p WHERE p.period = k.period AND p.municipality = k.municipality)::BIGINT AS persons,
         (SELECT coalesce(sum(amount_minor), 0) FROM cost_nonattributable n WHERE n.period = k.period AND n.municipality = k.municipality)::BIGINT AS non,
         (SELECT coalesce(sum(excluded_minor), 0) FROM cost_reconciliation r WHERE r.period = k.period AND r.municipality = k.municipality)::BIGINT AS excl,
         (SELECT coalesce(sum(attributed_outside_ledger_minor), 0) FROM cost_reconciliation r WHERE r.period = k.period AND r.municipality = k.municipality)::BIGINT AS outside
       FROM k ORDER BY ALL`,
    );
    return { summary, person, unit, recon, nonattr, totals };
  } finally {
    await engine.close();
  }
}

describe('costing properties (random ledgers, rules and volumes)', () => {
  it('reconciles exactly, does not depend on row order, and is deterministic', async () => {
    await fc.assert(
      fc.asyncProperty(
        ledgerArb,
        serviceArb,
        rulesArb,
        fc.integer(),
        async (ledgerRows, serviceRows, rules, seed) => {
          const ledger: LedgerRow[] = ledgerRows;
          const services = toServices(serviceRows);
          const tt = translation(rules);
          const a = await costOnce(ledger, services, tt);
          // ledger = attributed + non-attributable + excluded, per period and municipality, to the øre
          for (const t of a.totals) expect(t.ledger).toBe(t.persons - t.outside + t.non + t.excl);
          for (const r of a.recon as { difference_minor: bigint }[]) expect(r.difference_minor).toBe(0n);
          // per kpb intervention: persons + open activities + no-volume = total
          for (const u of a.unit as {
            method: string;
            total_minor: bigint;
            attributed_minor: bigint;
            nonattributable_minor: bigint;
          }[]) {
            if (u.method === 'kpb') expect(u.attributed_minor + u.nonattributable_minor).toBe(u.total_minor);
          }
          const b = await costOnce(shuffle(ledger, seed), shuffle(services, seed ^ 0x5bd1e995), tt);
          expect(b.person).toEqual(a.person);
          expect(b.unit).toEqual(a.unit);
          expect(b.recon).toEqual(a.recon);
          expect(b.nonattr).toEqual(a.nonattr);
        },
      ),
      { numRuns: 25 },
    );
  }, 300_000);

  it('largest remainder: parts add up exactly and differ from the exact share by less than one øre', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -1_000_000_000_000n, max: 1_000_000_000_000n }),
        fc
          .array(fc.bigInt({ min: 0n, max: 1_000_000_000n }), { minLength: 1, maxLength: 20 })
          .filter((w) => w.some((x) => x > 0n)),
        (total, weights) => {
          const parts = splitLargestRemainder(total, weights);
          expect(parts.reduce((x, y) => x + y, 0n)).toBe(total);
          const sum = weights.reduce((x, y) => x + y, 0n);
          parts.forEach((p, i) => {
            const diff = p * sum - total * weights[i]!; // (part − exact share) × sum
            expect(diff > -sum && diff < sum).toBe(true);
          });
        },
      ),
    );
  });
});

describe('SQL floor division', () => {
  it('cost_floordiv_big equals exact floor division for quotients below 2^50', async () => {
    const engine = await openMemoryWarehouse();
    try {
      await engine.execFile(new URL('../../sql/costing/macros.sql', import.meta.url));
      await fc.assert(
        fc.asyncProperty(
          fc.bigInt({ min: 1n, max: 10n ** 17n }),
          fc.bigInt({ min: -(2n ** 50n), max: 2n ** 50n }),
          fc.bigInt({ min: 0n, max: 10n ** 17n }),
          async (b, q, r0) => {
            const a = q * b + (r0 % b); // quotient q, any remainder
            const row = await engine.one<{ f: bigint }>(
              `SELECT cost_floordiv_big(${a}::HUGEINT, ${b}::HUGEINT)::HUGEINT AS f`,
            );
            expect(row.f).toBe(floorDiv(a, b));
          },
        ),
        { numRuns: 200 },
      );
    } finally {
      await engine.close();
    }
  });
});
