/**
 * The demo across 1 January 2027 (issue 20 item 5, docs/demo.md "Across 1 January 2027"): a DK series
 * 2026–2027 run through the real import and costing. Training after discharge § 140 (SUL-140) is one
 * service in both years; the catalogue makes the region responsible from 2027-01-01, so costing puts its
 * 2026 cost in the municipal sector and its 2027 cost in the regional one — one code, a new payer.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readClusterFile } from '../../src/cluster/load.js';
import { holderIn } from '../../src/cluster/succession.js';
import { openWorkspace } from '../../src/config/workspace.js';
import { runCosting } from '../../src/costing/index.js';
import { generateDemo, type DemoSummary } from '../../src/demo/generate.js';
import { loadDemoKmf } from '../../src/demo/kmf.js';
import { CLUSTER_2027_FILE } from '../../src/demo/series.js';
import { importSources } from '../../src/ingest/index.js';
import { openWarehouse } from '../../src/model/warehouse.js';
import { quietOutput } from '../costing/helpers.js';

interface Sul140 {
  year: number;
  sector: string;
  visits: number;
  cost_minor: bigint;
}

let s: DemoSummary;
let sul140: Sul140[];
let unitMinor: Map<string, bigint>;

beforeAll(async () => {
  s = await generateDemo({
    country: 'DK',
    persons: 600,
    year: 2026,
    years: 2,
    out: mkdtempSync(path.join(tmpdir(), 'tvaerblik-reform-')),
  });
  const ws = openWorkspace(s.dir);
  const engine = await openWarehouse(ws);
  try {
    await importSources(ws, engine, quietOutput());
    await runCosting(ws, engine, quietOutput());
    sul140 = (
      await engine.all<{ year: number; sector: string; visits: string; cost_minor: bigint }>(
        `SELECT service_year AS year, sector, CAST(sum(volume) AS VARCHAR) AS visits, sum(cost_minor)::BIGINT AS cost_minor
         FROM cost_person WHERE catalogue_code = 'SUL-140' GROUP BY ALL ORDER BY year, sector`,
      )
    ).map((r) => ({ ...r, year: Number(r.year), visits: Number(r.visits) }));
    const units = await engine.all<{ period: string; unit_minor: bigint }>(
      `SELECT period, round(total_minor / volume)::BIGINT AS unit_minor FROM cost_unit
       WHERE catalogue_code = 'SUL-140' AND provider = 'own'`,
    );
    unitMinor = new Map(units.map((u) => [u.period, u.unit_minor]));
  } finally {
    await engine.close();
  }
}, 120_000);

describe('the DK demo across 1 January 2027', () => {
  it('writes 2026 and 2027 as the periods of one workspace', () => {
    expect(s.period).toBe('2026-2027');
    expect(s.series!.map((p) => p.period)).toEqual(['2026', '2027']);
    // prices by calendar year, whichever year the series starts in: 590.00 × 1.03² = 625.931 → 625.93;
    // × 1.03³ = 590.00 × 1.092727 = 644.70893 → 644.71 kr a visit
    expect(s.series!.map((p) => p.prices.gt140)).toEqual([625.93, 644.71]);
  });

  it('costs training § 140 as municipal in 2026 and regional in 2027, one code in both', () => {
    expect(sul140.map((r) => [r.year, r.sector])).toEqual([
      [2026, 'municipal'],
      [2027, 'regional'],
    ]);
    // the unit cost costing finds in each year's ledger is the demo's price: 625.93 and 644.71 kr a visit
    expect(unitMinor.get('2026')).toBe(62_593n);
    expect(unitMinor.get('2027')).toBe(64_471n);
    for (const r of sul140) {
      expect(r.visits).toBeGreaterThan(0);
      // every visit at that year's unit cost (øre), to within the øre of the allocation's rounding per person
      const expected = BigInt(Math.round(r.visits)) * (r.year === 2026 ? 62_593n : 64_471n);
      const diff = r.cost_minor - expected;
      expect(diff < 0n ? -diff : diff).toBeLessThanOrEqual(BigInt(Math.round(r.visits)));
    }
  });

  it('invoices no KMF from 2027 (the rate table stops with 2026)', () => {
    const kmf = loadDemoKmf('DK')!;
    const contact = { age: 70, inpatient: true, psychiatric: false, tariffMinor: 4_000_000, bedDays: 3 };
    expect(kmf.hospital({ ...contact, year: 2026 })).toBeGreaterThan(0);
    expect(kmf.hospital({ ...contact, year: 2027 })).toBe(0);
    expect(kmf.gp(15_000, 70, 2027)).toBe(0);
  });
});

describe('the Randers cluster across 1 January 2027', () => {
  it('writes the cluster economy: the cluster until 2026, its health council with the fund from 2027', async () => {
    const c = await generateDemo({
      country: 'DK',
      persons: 300,
      municipalities: 4,
      year: 2026,
      years: 2,
      out: mkdtempSync(path.join(tmpdir(), 'tvaerblik-reform-')),
    });
    const file = path.join(c.dir, CLUSTER_2027_FILE);
    // the product's own reader validates it (a council's members must exist on its first day, …)
    const doc = await readClusterFile(file, readFileSync(file));
    const orgs = doc.organisations.map((o) => ({
      id: o.id,
      name: o.name,
      kind: o.kind,
      validFrom: o.valid_from,
      validTo: o.valid_to,
      successor: o.succeeded_by ?? o.merged_into,
      members: o.members,
    }));
    expect(orgs.find((o) => o.kind === 'health_council')).toMatchObject({
      id: 'raad',
      validFrom: '2027-01-01',
      members: ['k730', 'k710', 'k706', 'k707'],
    });
    expect(orgs.find((o) => o.kind === 'cluster')).toMatchObject({
      validTo: '2026-12-31',
      successor: 'raad',
    });
    expect(holderIn(orgs, doc.takeovers, 2026)).toBe('klynge');
    expect(holderIn(orgs, doc.takeovers, 2027)).toBe('raad');
    expect(doc.grants.map((g) => g.year)).toEqual([2026, 2027]);
  }, 60_000);
});
