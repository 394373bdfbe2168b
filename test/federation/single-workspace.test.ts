/**
 * Federation replaces one workspace holding every municipality (issue 17, done-when): a cluster
 * workspace built only from the four Randers-cluster municipalities' bundles shows the same key figures
 * as a single workspace holding all four municipalities' data, figure by figure, hidden where it hides.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCosting } from '../../src/costing/index.js';
import { readBundle } from '../../src/federation/bundle.js';
import { exportAggregates, publishedKeyFigures } from '../../src/federation/export.js';
import { compareImported, storeBundle } from '../../src/federation/federate.js';
import { openWarehouse } from '../../src/model/warehouse.js';
import { makeWorkspace, quietOutput } from '../costing/helpers.js';
import { EXAMPLE_TRANSLATION, EXAMPLE_YAML, loadExample } from '../costing/worked-example.js';
import { CLUSTER, CREATED, clusterBundles, moveTo, tmp } from './two-bundles.js';

const CODES = CLUSTER.map((m) => m.code);
const yaml = EXAMPLE_YAML.replace("['851']", `[${CODES.map((c) => `'${c}'`).join(', ')}]`);

describe('a cluster workspace from four bundles and one workspace holding all four', () => {
  it('shows the same key figures for every municipality', async () => {
    // the setup federation replaces (all four municipalities' rows in one workspace), built meanwhile
    const single = makeWorkspace(yaml, { 'translation.csv': EXAMPLE_TRANSLATION });
    const singleCosted = (async () => {
      const engine = await openWarehouse(single);
      try {
        for (const m of CLUSTER) {
          await loadExample(engine);
          await engine.exec(moveTo(m));
        }
        await runCosting(single, engine, quietOutput());
      } finally {
        await engine.close();
      }
    })();
    const [bundles] = await Promise.all([clusterBundles(), singleCosted]);
    const fromSingle = (await publishedKeyFigures(single)).rows.map((r) => [
      r.municipality,
      r.key_figure,
      r.value,
      r.persons_min === null ? null : BigInt(String(r.persons_min)),
      r.suppressed,
    ]);

    // the cluster's workspace: only the four bundles
    const cluster = makeWorkspace(yaml);
    const fed = await openWarehouse(cluster);
    try {
      for (const b of bundles) await storeBundle(fed, await readBundle(b));
      const c = await compareImported(fed);
      expect(c.municipalities.sort()).toEqual([...CODES].sort());
      const fromBundles = c.figures.flatMap((f) =>
        Object.entries(f.municipalities).map(([code, x]) => [
          code,
          f.figure,
          x.value,
          x.persons,
          x.suppressed,
        ]),
      );
      expect(fromBundles.sort()).toEqual(fromSingle.sort());
      const u21003 = c.figures.find((f) => f.figure === 'U21003')!.municipalities;
      // worked example (docs/costing.md): 1,051,562.50 kr home care over 2,500 granted hours = 420.625 → 420.63;
      // the whole ledger ×2: 2,103,125.00 / 2,500 = 841.25; ×4: 4,206,250.00 / 2,500 = 1,682.50
      expect(u21003['710']).toMatchObject({ value: '420.63', persons: 6n, suppressed: null });
      expect(u21003['730']).toMatchObject({ value: '841.25', persons: 6n, suppressed: null });
      expect(u21003['706']).toMatchObject({ value: '1682.50', persons: 6n, suppressed: null });
      // Norddjurs without P05's and P06's home care: 4 citizens < 5, hidden in both setups
      expect(u21003['707']).toMatchObject({ value: null, suppressed: 'small' });
      // special housing: 3 citizens (P07–P09) in every municipality, hidden everywhere
      const u23004 = c.figures.find((f) => f.figure === 'U23004')!.municipalities;
      for (const code of CODES) expect(u23004[code]).toMatchObject({ value: null, suppressed: 'small' });
    } finally {
      await fed.close();
    }
    // and every table of a municipality's bundle (key figures, unit costs) is what the single workspace
    // exports for that municipality: the same rows, the same cells hidden
    for (const [i, m] of CLUSTER.entries()) {
      const out = path.join(tmp(), `single-${m.code}`);
      await exportAggregates(single, { out, municipality: m.code, createdAt: CREATED });
      const tables = async (b: string) =>
        (await readBundle(b)).tables.map((t) => ({ name: t.name, rows: t.rows }));
      expect(await tables(out)).toEqual(await tables(bundles[i]!));
    }
  }, 60_000);
});
