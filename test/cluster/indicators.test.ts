// The cluster's indicators with targets: progress computed by hand, the reported values suppressed
// through the one publish path (a member's small count hides the cluster's sum of that period too),
// reporting audited from → to, and the cluster file's indicator keys validated.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  progressOf,
  reportIndicatorValue,
  reportedValues,
  indicatorDefs,
  warehouseSeries,
  type IndicatorDef,
  type Series,
} from '../../src/cluster/indicators.js';
import { DEMO_CLUSTER_FILE, loadClusterFile, readClusterFile } from '../../src/cluster/load.js';
import { publishReported } from '../../src/serve/routes/cluster-indicators.js';
import { openStore, type OpenedStore } from '../../src/store/open.js';

const def = (over: Partial<IndicatorDef>): IndicatorDef => ({
  id: 'x',
  title: 'X',
  source: 'reported',
  warehouseIndicator: null,
  warehouseCluster: null,
  better: 'higher',
  baselinePeriod: '2023',
  targetChangePct: 50,
  targetValue: null,
  followUp: null,
  note: null,
  ...over,
});
const series = (values: Record<string, number | 'hidden'>, unit = 'randers'): Series => ({
  level: unit === 'cluster' ? 'cluster' : 'member',
  unit,
  values: new Map(Object.entries(values)),
});

describe('progress towards a target', () => {
  it('a change in percent from the baseline, higher is better', () => {
    // baseline 44, +50 % → target 44 × 1.5 = 66; latest (2024-H2) 38 after 31: rising;
    // progress (38 − 44) / (66 − 44) = −6 / 22 = −27.27 % → −27 %; not met (38 < 66)
    const p = progressOf(def({}), series({ '2023': 44, '2024-H1': 31, '2024-H2': 38 }));
    expect(p).toMatchObject({
      baseline: 44,
      target: 66,
      latestPeriod: '2024-H2',
      latest: 38,
      previous: 31,
      trend: 'up',
      progressPct: -27,
      met: false,
    });
  });

  it('a fall in percent, lower is better', () => {
    // baseline 61, −10 % → target 54.9; latest 55: progress (55 − 61) / (54.9 − 61) = −6 / −6.1 = 98.36 % → 98 %;
    // not met (55 > 54.9). The cluster: 130 → 117; latest 117: progress 100 %, met (117 ≤ 117)
    const d = def({ better: 'lower', targetChangePct: -10 });
    expect(progressOf(d, series({ '2023': 61, '2024': 55 }))).toMatchObject({
      target: 54.9,
      progressPct: 98,
      met: false,
      trend: 'down',
    });
    expect(progressOf(d, series({ '2023': 130, '2024': 117 }, 'cluster'))).toMatchObject({
      target: 117,
      progressPct: 100,
      met: true,
    });
  });

  it('a value to reach; no later period yet; hidden values hide what follows from them', () => {
    // target 10 from baseline 12.5; latest 11: (11 − 12.5) / (10 − 12.5) = −1.5 / −2.5 = 60 %
    const d = def({ better: 'lower', targetChangePct: null, targetValue: 10, baselinePeriod: '2023' });
    expect(progressOf(d, series({ '2023': 12.5, '2024': 11 }))).toMatchObject({
      progressPct: 60,
      met: false,
    });
    expect(progressOf(d, series({ '2023': 12.5 }))).toMatchObject({
      latest: null,
      progressPct: null,
      met: null,
    });
    // a hidden baseline: the target (baseline × 1.5) would reveal it, so it is hidden, and the progress
    expect(progressOf(def({}), series({ '2023': 'hidden', '2024': 40 }))).toMatchObject({
      baseline: 'hidden',
      target: 'hidden',
      latest: 40,
      progressPct: 'hidden',
      met: 'hidden',
    });
  });
});

describe('the reported values through the publish path', () => {
  it('hides a count of 1 … 4 and the cluster sum of that period; shows 0 and counts of 5 or more', () => {
    const out = publishReported(
      [
        { indicator: 'r', org: 'a', period: '2024-H1', value: 31 },
        { indicator: 'r', org: 'b', period: '2024-H1', value: 0 },
        { indicator: 'r', org: 'a', period: '2024-H2', value: 38 },
        { indicator: 'r', org: 'b', period: '2024-H2', value: 3 },
      ],
      5,
    ).get('r')!;
    const of = (unit: string) => Object.fromEntries(out.find((s) => s.unit === unit)!.values);
    // 2024-H1: 31 + 0 = 31 shown; 2024-H2: b's 3 is small, so the sum 38 + 3 = 41 would reveal it
    expect(of('cluster')).toEqual({ '2024-H1': 31, '2024-H2': 'hidden' });
    expect(of('a')).toEqual({ '2024-H1': 31, '2024-H2': 38 });
    expect(of('b')).toEqual({ '2024-H1': 0, '2024-H2': 'hidden' });
  });

  it("takes the warehouse's suppressed rows (null = hidden) for its members and the named cluster", () => {
    const d = def({ source: 'warehouse', warehouseIndicator: 'readmission_rate_pct', warehouseCluster: 'K' });
    const rows = [
      { level: 'municipality', unit: '730', period: '2023', indicator: 'readmission_rate_pct', value: 12.5 },
      { level: 'municipality', unit: '710', period: '2023', indicator: 'readmission_rate_pct', value: null },
      { level: 'municipality', unit: '999', period: '2023', indicator: 'readmission_rate_pct', value: 9 },
      { level: 'cluster', unit: 'K', period: '2023', indicator: 'readmission_rate_pct', value: null },
      { level: 'cluster', unit: 'K', period: '2023', indicator: 'other', value: 1 },
    ];
    const out = warehouseSeries(
      [d],
      rows,
      new Map([
        ['730', 'randers'],
        ['710', 'favrskov'],
      ]),
    ).get('x')!;
    expect(out.map((s) => [s.unit, Object.fromEntries(s.values)])).toEqual([
      ['cluster', { '2023': 'hidden' }],
      ['favrskov', { '2023': 'hidden' }],
      ['randers', { '2023': 12.5 }],
    ]);
  });
});

describe('the demo cluster and reporting', () => {
  let store: OpenedStore;
  const secretariat = { id: 'sek', roles: ['cluster_secretariat' as const] };
  beforeAll(async () => {
    store = await openStore();
    const doc = await readClusterFile(DEMO_CLUSTER_FILE, readFileSync(DEMO_CLUSTER_FILE));
    await loadClusterFile(store, secretariat, doc, DEMO_CLUSTER_FILE);
  }, 120_000);
  afterAll(async () => store?.close());

  it('the smoking-cessation referrals of the minutes: 102 in 2023, target +50 % = 153', async () => {
    const defs = await indicatorDefs(store);
    const rygestop = defs.find((d) => d.id === 'rygestop')!;
    const published = publishReported(await reportedValues(store), 5).get('rygestop')!;
    const cluster = progressOf(
      rygestop,
      published.find((s) => s.unit === 'cluster')!,
    );
    // 44 + 22 + 19 + 17 = 102; × 1.5 = 153. 2024-H2: Norddjurs reported 3, so the cluster's
    // 38 + 17 + 14 + 3 = 72 is hidden, and the progress with it
    expect(cluster).toMatchObject({ baseline: 102, target: 153, latest: 'hidden', progressPct: 'hidden' });
    const randers = progressOf(
      rygestop,
      published.find((s) => s.unit === 'randers')!,
    );
    expect(randers).toMatchObject({ baseline: 44, target: 66, latest: 38, progressPct: -27 });
  });

  it('an owner reports only for its own organisation; every change is audited from → to', async () => {
    const owner = { id: 'mette', roles: ['economic_owner' as const], organisation: 'randers' };
    const report = (indicator: string, org: string, period: string, value: number) =>
      reportIndicatorValue(store, owner, { indicator, org, period, value });
    await expect(report('rygestop', 'favrskov', '2025-H1', 9)).rejects.toMatchObject({ status: 403 });
    // the warehouse's indicator is computed, not reported
    await expect(report('genindlaeggelser', 'randers', '2025', 9)).rejects.toMatchObject({ status: 400 });
    await expect(report('rygestop', 'randers', '2025-h1', 9)).rejects.toThrow(/period "2025-h1"/);
    expect(await report('rygestop', 'randers', '2024-H2', 40)).toBe(true);
    // the same figure again changes nothing and writes nothing
    expect(await report('rygestop', 'randers', '2024-H2', 40)).toBe(false);
    const audit = await store.query<{ actor: string; detail: Record<string, unknown> }>(
      `SELECT actor, detail FROM audit_log WHERE action = 'cluster.indicator_value' AND actor = 'mette'`,
    );
    expect(audit.map((a) => a.detail)).toEqual([{ org: 'randers', period: '2024-H2', from: 38, to: 40 }]);
  });

  it('the cluster file: a misspelt indicator key gets "did you mean"; two targets at once save nothing', async () => {
    const yaml = (body: string) => readClusterFile('k.yaml', Buffer.from(body));
    await expect(
      yaml(
        'indicators:\n  - { id: a, title: A, better: higher, baseline_period: 2023, target_change_procent: 5 }\n',
      ),
    ).rejects.toThrow(/"target_change_procent".*did you mean "target_change_percent"/);
    const doc = await yaml(
      'organisations:\n  - { id: ny, name: Ny, kind: municipality }\n' +
        'indicators:\n  - { id: a, title: A, better: higher, baseline_period: 2023, target_change_percent: 5, target_value: 3 }\n',
    );
    await expect(loadClusterFile(store, secretariat, doc, 'k.yaml')).rejects.toThrow(
      /indicators\[1\] \(a\): give exactly one target/,
    );
    // all or nothing: the organisation before the bad indicator is not saved either
    expect(await store.query(`SELECT id FROM cluster_org WHERE id = 'ny'`)).toEqual([]);
  });
});
