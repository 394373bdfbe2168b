/**
 * Federation replaces one workspace holding every municipality: the key figures of two bundles are
 * exactly those that a single workspace with both municipalities' data publishes.
 */
import { describe, expect, it } from 'vitest';
import { runCosting } from '../../src/costing/index.js';
import { readBundle } from '../../src/federation/bundle.js';
import { publishedKeyFigures } from '../../src/federation/export.js';
import { openWarehouse } from '../../src/model/warehouse.js';
import { makeWorkspace, quietOutput } from '../costing/helpers.js';
import { EXAMPLE_TRANSLATION, EXAMPLE_YAML, loadExample } from '../costing/worked-example.js';
import { ODENSE, twoBundles } from './two-bundles.js';

describe('federated and single-workspace figures', () => {
  it('gives the figures a single workspace holding both municipalities publishes', async () => {
    const { bundleA, bundleB } = await twoBundles();
    // the same data in one workspace (the setup that federation replaces): Odense's rows, then Aalborg's
    const both = makeWorkspace(EXAMPLE_YAML.replace("['851']", "['851', '461']"), {
      'translation.csv': EXAMPLE_TRANSLATION,
    });
    const engine = await openWarehouse(both);
    try {
      await loadExample(engine);
      await engine.exec(ODENSE);
      await loadExample(engine);
      await runCosting(both, engine, quietOutput());
    } finally {
      await engine.close();
    }
    const single = (await publishedKeyFigures(both)).rows.map((r) => [
      r.municipality,
      r.key_figure,
      r.value,
      r.suppressed,
    ]);
    const federated = [
      ...(await readBundle(bundleA)).tables[0]!.rows,
      ...(await readBundle(bundleB)).tables[0]!.rows,
    ].map((r) => [r.municipality, r.key_figure, r.value, r.suppressed]);
    expect(federated.sort()).toEqual(single.sort());
    expect(single).toContainEqual(['851', 'U21003', '420.63', null]);
  }, 60_000);
});
