import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { available } from '../../src/cluster/funds.js';
import { loadClusterFile, parseClusterDoc, readClusterFile } from '../../src/cluster/load.js';
import {
  forecastFor,
  fundBalances,
  loadCluster,
  meetingOverview,
  settlementFor,
  type ClusterActor,
} from '../../src/cluster/store.js';
import { verifyAudit } from '../../src/store/audit.js';
import { openStore, type OpenedStore } from '../../src/store/open.js';

const DEMO = fileURLToPath(new URL('../../catalogues/cluster/demo-randers.yaml', import.meta.url));
const secretariat: ClusterActor = { id: 'u-sek', roles: ['cluster_secretariat'], organisation: 'randers' };
const raw = () => YAML.parse(readFileSync(DEMO, 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const TABLES = [
  'cluster_org',
  'cluster_fund',
  'cluster_grant',
  'cluster_project',
  'cluster_budget_line',
  'cluster_decision',
  'cluster_expected_spend',
  'cluster_cost',
  'cluster_on_account',
  'cluster_forecast',
  'cluster_forecast_actual',
  'audit_log',
];
async function counts(store: OpenedStore): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) {
    const [r] = await store.query<{ n: unknown }>(`SELECT count(*) AS n FROM ${t}`);
    out[t] = Number(r!.n);
  }
  return out;
}

let store: OpenedStore;
beforeAll(async () => {
  store = await openStore();
});
afterAll(async () => store?.close());

describe('a bad cluster file is refused with a clear error, and nothing is saved', () => {
  const refuse = async (doc: unknown, pattern: RegExp) => {
    const before = await counts(store);
    await expect(
      (async () => loadClusterFile(store, secretariat, parseClusterDoc('demo.yaml', doc), 'demo.yaml'))(),
    ).rejects.toThrow(pattern);
    expect(await counts(store)).toEqual(before);
    expect(before.cluster_org).toBe(0);
  };

  it('a split that is not 100 %', async () => {
    const doc = raw();
    doc.projects[0].split = { randers: 50, favrskov: 40 };
    await refuse(
      doc,
      /demo\.yaml: projects\[1\] \(lab-overgange\)\.split: The distribution key adds up to 90,00 %/,
    );
  });

  it('a ramp that decreases', async () => {
    const doc = raw();
    doc.forecasts[0].ramp[1].percent = 5;
    await refuse(doc, /forecasts\[1\] \(telekol\): The ramp decreases: 5 % at month 8 is less than the 10 %/);
  });

  it('a secretariat cost on the development-only cluster fund (the fund rule, at the decision)', async () => {
    const doc = raw();
    doc.projects[0].budget.push({ year: 2024, category: 'secretariat', kroner: 10000 });
    await refuse(
      doc,
      /decisions\[1\] \(lab-overgange\): The project "Laboratorium om sårbare borgere i overgangene" asks for 10000\.00 kr\. for secretariat in 2024, but the fund "Klyngemidler \(bloktilskud 2022–2023\)" pays only for development/,
    );
  });

  it('an unknown key, with "did you mean"', async () => {
    const doc = raw();
    doc.projects[1].titel = doc.projects[1].title;
    expect(() => parseClusterDoc('demo.yaml', doc)).toThrow(
      /demo\.yaml: projects\[2\] \(proceskoordinator-bu\): the key "titel" is not known – did you mean "title"\?/,
    );
    // misspelt in place of the key: the typo is named, not the key it leaves missing
    const moved = raw();
    moved.funds[0].alows = moved.funds[0].allows;
    delete moved.funds[0].allows;
    expect(() => parseClusterDoc('demo.yaml', moved)).toThrow(
      /the key "alows" is not known – did you mean "allows"\?/,
    );
  });

  it('an amount with three decimals and an unknown member name the entry and the fix', async () => {
    const doc = raw();
    doc.costs[0].kroner = '236400.005';
    expect(() => parseClusterDoc('demo.yaml', doc)).toThrow(
      /costs\[1\] \(sekretariat\)\.kroner: an amount in kroner/,
    );
    const doc2 = raw();
    doc2.grants[0].amounts.favskov = 1;
    await refuse(
      doc2,
      /grants\[1\] \(klynge 2022\): amounts "favskov" does not exist – did you mean "favrskov"\?/,
    );
  });

  it('only the secretariat may load', async () => {
    const owner: ClusterActor = { id: 'u-h', roles: ['economic_owner'], organisation: 'rhr' };
    await expect(
      loadClusterFile(store, owner, parseClusterDoc('demo.yaml', raw()), 'demo.yaml'),
    ).rejects.toThrow(/only the cluster secretariat may load/);
  });
});

describe('the demo cluster (Randersklyngen)', () => {
  it('loads, and gives the hand-computed figures', async () => {
    const doc = await readClusterFile(DEMO, readFileSync(DEMO));
    const summary = await loadClusterFile(store, secretariat, doc, DEMO);
    // 7 organisations, 2 funds, 6×3 + 4×5 = 38 grants, 3 projects, 4 budget lines, 3 decisions, 9 reports, 1 cost, 1 a-conto, 1 forecast, 12 inclusions,
    // 3 indicators and 4×3 + 4×2 = 20 reported indicator values
    expect(summary.changed).toEqual({
      organisations: 7,
      funds: 2,
      grants: 38,
      projects: 3,
      budget: 4,
      decisions: 3,
      expected_spend: 9,
      costs: 1,
      on_account: 1,
      forecasts: 1,
      forecast_actual: 12,
      indicators: 3,
      indicator_values: 20,
    });

    const bal = await fundBalances(store);
    // 3,027,000 (2022) unspent and carried over + 3,032,000 (2023) = 6,059,000.00 kr.
    expect(available(bal, 'klynge', 2022)).toBe(302_700_000n);
    expect(available(bal, 'klynge', 2023)).toBe(605_900_000n);
    expect(available(bal, 'klynge', 2024)).toBe(605_900_000n);
    // stoma: 950,800 kr. a year; nothing drawn in 2023, 236,400 kr. of costs settled in 2024
    expect(available(bal, 'stomi', 2024)).toBe(190_160_000n);
    // 2025: 1,901,600 − 236,400 + 950,800 = 2,616,000 kr.
    expect(available(bal, 'stomi', 2025)).toBe(261_600_000n);

    const state = await loadCluster(store);
    expect(state.projects.map((p) => [p.id, p.status, p.frame])).toEqual([
      ['lab-overgange', 'approved', 6_000_000n],
      ['proceskoordinator-bu', 'approved', 40_000_000n],
      ['sekretariat', 'approved', 50_000_000n],
    ]);

    // the latest expected spend counts: the lab's 2024 report of 5 April 2024 (52,500 kr.)
    const overview = await meetingOverview(store, 2024);
    const lab = overview.rows.find((r) => r.project.id === 'lab-overgange')!;
    expect(lab.spend.rhr).toEqual({ thisYear: 5_250_000n, nextYear: null });

    // settlement 2024 of the stoma funds: 236,400 kr. by the key 40/22/20/18 %;
    // Randers paid it all and got 50,000 kr. a conto from Favrskov
    const s = await settlementFor(store, 'stomi', 2024);
    expect(s.total).toBe(23_640_000n);
    expect(s.statements.map((x) => [x.org, x.share, x.net])).toEqual([
      ['favrskov', 5_200_800n, 5_000_000n - 5_200_800n],
      ['norddjurs', 4_255_200n, -4_255_200n],
      ['randers', 9_456_000n, 23_640_000n - 5_000_000n - 9_456_000n],
      ['syddjurs', 4_728_000n, -4_728_000n],
    ]);
    expect(s.transfers).toEqual([
      { from: 'syddjurs', to: 'randers', amount: 4_728_000n },
      { from: 'norddjurs', to: 'randers', amount: 4_255_200n },
      { from: 'favrskov', to: 'randers', amount: 200_800n },
    ]);

    // TeleKOL: month 16 (2025-04) = 95 % of 94/47/41/37, rounded half up: 89.3, 44.65, 38.95, 35.15
    const f = await forecastFor(store, 'telekol');
    expect(f.result.months[15]!.month).toBe('2025-04');
    expect(f.result.months[15]!.included).toEqual({ favrskov: 45, norddjurs: 35, randers: 89, syddjurs: 39 });
    // month 2 (2024-02) = 10 %: 9.4, 4.7, 4.1, 3.7 → 9, 5, 4, 4; beside the reported 8, 4, 3, 4
    expect(f.result.months[1]!.included).toEqual({ favrskov: 5, norddjurs: 4, randers: 9, syddjurs: 4 });
    expect(f.result.months[1]!.actual).toEqual({ favrskov: 4, norddjurs: 4, randers: 8, syddjurs: 3 });
    expect(f.input.equipmentPerCitizen).toBe(850_000n);
    expect(f.input.monitoringPerCitizenMonth).toBe(45_000n);
  });

  it('loading the same file again changes nothing (no new rows, no audit entry)', async () => {
    const before = await counts(store);
    const doc = await readClusterFile(DEMO, readFileSync(DEMO));
    const summary = await loadClusterFile(store, secretariat, doc, DEMO);
    expect(summary.total).toBe(0);
    expect(await counts(store)).toEqual(before);
  });

  it('a changed figure is changed once and audited from → to; the audit chain holds', async () => {
    const doc = raw();
    doc.grants[0].amounts.randers = 1_100_001;
    const summary = await loadClusterFile(store, secretariat, parseClusterDoc('demo.yaml', doc), 'demo.yaml');
    expect(summary.total).toBe(1);
    const [row] = await store.query<{ detail: { changes: unknown[] } }>(
      `SELECT detail FROM audit_log WHERE action = 'cluster.load' ORDER BY seq DESC LIMIT 1`,
    );
    expect(row!.detail.changes).toEqual([
      { grant: 'klynge/2022/randers', from: '1100000.00', to: '1100001.00' },
    ]);
    const bal = await fundBalances(store);
    expect(available(bal, 'klynge', 2023)).toBe(605_900_100n);
    expect((await verifyAudit(store)).ok).toBe(true);
  });
});

describe('Excel in: one sheet per table, Danish sheet and column names', () => {
  it('reads the organisations, funds, grants and a project with its budget and split', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('organisationer').addRows([
      ['id', 'navn', 'type', 'formand'],
      ['A', 'Kommune A', 'municipality', 'ja'],
      ['B', 'Kommune B', 'municipality', 'nej'],
    ]);
    wb.addWorksheet('puljer').addRows([
      ['id', 'navn', 'tillader', 'overføres'],
      ['p', 'Pulje', 'development, secretariat', 'ja'],
    ]);
    wb.addWorksheet('bevillinger').addRows([
      ['pulje', 'år', 'medlem', 'beløb'],
      ['p', 2025, 'A', 1000.5],
      ['p', 2025, 'B', '2000,25'],
    ]);
    wb.addWorksheet('projekter').addRows([
      ['id', 'titel', 'pulje', 'ejer', 'start'],
      ['x', 'Projekt X', 'p', 'B', new Date(Date.UTC(2025, 0, 1))],
    ]);
    wb.addWorksheet('budget').addRows([
      ['projekt', 'år', 'kategori', 'beløb'],
      ['x', 2025, 'development', 500],
    ]);
    wb.addWorksheet('fordeling').addRows([
      ['projekt', 'medlem', 'procent'],
      ['x', 'A', 25],
      ['x', 'B', 75],
    ]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const doc = await readClusterFile('budget.xlsx', bytes);
    expect(doc.grants).toEqual([{ fund: 'p', year: 2025, amounts: { A: 100_050n, B: 200_025n } }]);
    expect(doc.funds[0]!.allows).toEqual(['development', 'secretariat']);
    expect(doc.projects[0]).toMatchObject({ starts: '2025-01-01', split: { A: 25, B: 75 } });
    const mem = await openStore();
    try {
      await loadClusterFile(mem, secretariat, doc, 'budget.xlsx');
      const [p] = await mem.query<{ split: unknown }>(`SELECT split FROM cluster_project WHERE id = 'x'`);
      expect(p!.split).toEqual({ A: '2500', B: '7500' });
    } finally {
      await mem.close();
    }
  });

  it('a misspelt sheet name says which sheet it probably is', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('projketer').addRow(['id']);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    await expect(readClusterFile('budget.xlsx', bytes)).rejects.toThrow(
      /budget\.xlsx: the sheet "projketer" is not known – did you mean "projekter"\?/,
    );
  });

  it('a rule broken after the schema (an unknown member) names the sheet and row of the workbook', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('organisationer').addRows([
      ['id', 'navn', 'type'],
      ['wa', 'A Kommune', 'municipality'],
    ]);
    wb.addWorksheet('puljer').addRows([
      ['id', 'navn', 'tillader'],
      ['wf', 'Puljen', 'development'],
    ]);
    wb.addWorksheet('bevillinger').addRows([
      ['Bevillinger'], // a title above the header
      ['pulje', 'år', 'medlem', 'beløb'],
      ['wf', 2025, 'wa', 1000],
      ['wf', 2026, 'wc', 1000],
    ]);
    const doc = await readClusterFile('klynge.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    const e = await loadClusterFile(store, secretariat, doc, 'klynge.xlsx').catch((x: unknown) => x);
    // the second grant (fund wf, 2026) is the sheet's row 4: title, header, 2025, 2026
    expect((e as { location: unknown }).location).toMatchObject({ row: 4, column: 'bevillinger' });
    expect(String(e)).toContain('grants[2] (wf 2026): amounts "wc" does not exist');
  });
});
