/**
 * Federation instead of pooling (docs/federation.md): two small workspaces (the costing worked example
 * as Aalborg 851, and a copy as Odense 461 with twice the home-care ledger) each export a bundle; a
 * cluster workspace imports both and compares them. The compared key figures are the ones each
 * workspace publishes itself, and a changed, re-signed or small-celled bundle is refused by name.
 */
import { createHash, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../src/config/workspace.js';
import { UserError } from '../../src/errors.js';
import { readBundle, type Manifest } from '../../src/federation/bundle.js';
import { exportAggregates } from '../../src/federation/export.js';
import { compareImported, storeBundle } from '../../src/federation/federate.js';
import { openMemoryWarehouse, openWarehouse } from '../../src/model/warehouse.js';
import { makeWorkspace } from '../costing/helpers.js';
import { EXAMPLE_YAML } from '../costing/worked-example.js';
import { CREATED, tmp, twoBundles } from './two-bundles.js';

let aalborg: Workspace;
let ownA: Map<string, string>;
let ownB: Map<string, string>;
let bundleA: string;
let bundleB: string;
let keyB: { privateKey: KeyObject; publicKey: KeyObject };

beforeAll(async () => {
  ({ aalborg, ownA, ownB, bundleA, bundleB, keyB } = await twoBundles());
}, 60_000);

describe('export-aggregates', () => {
  it('writes a manifest with versions, threshold, period, municipality and a checksum per file', () => {
    const m = JSON.parse(readFileSync(path.join(bundleA, 'manifest.json'), 'utf8')) as Manifest;
    expect(m).toMatchObject({
      format: 'tvaerblik-aggregates',
      municipality: '851',
      periods: ['2024'],
      threshold: 5,
      country: 'DK',
      catalogue: { id: 'dk' },
      method: { costing: 'ledger' },
      created_at: CREATED,
    });
    for (const f of m.files) {
      const bytes = readFileSync(path.join(bundleA, f.path));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(f.sha256);
    }
    expect(m.files.map((f) => f.table)).toEqual(['key_figures', 'cost_unit']);
  });

  it('hides the key figure and the unit costs of fewer than 5 citizens', () => {
    const csv = readFileSync(path.join(bundleA, 'tables', 'key_figures.csv'), 'utf8');
    // U21003: 6 citizens had own home care (P01–P06); U23004: 3 in special housing (P07–P09)
    expect(csv).toBe(
      'period;municipality;key_figure;measure;persons_min;numerator_minor;denominator;value;suppressed\n' +
        '2024;851;U21003;hour_granted;6;105156250;2500.0000;420.63;\n' +
        '2024;851;U23004;day;;;;;small\n',
    );
  });
});

describe('import-aggregates and the comparison', () => {
  it('compares the figures each municipality publishes itself (Aalborg by hand)', async () => {
    const cluster = makeWorkspace(EXAMPLE_YAML.replace("['851']", "['851', '461']"));
    const engine = await openWarehouse(cluster);
    try {
      const a = await readBundle(bundleA);
      const b = await readBundle(bundleB, [keyB.publicKey]);
      expect(a.signedBy).toBeNull();
      expect(b.trusted).toBe(true);
      await storeBundle(engine, a);
      await storeBundle(engine, b);
      // a second import of the same municipality replaces its rows
      await storeBundle(engine, await readBundle(bundleA));
      const c = await compareImported(engine);
      expect(c.municipalities).toEqual(['461', '851']);
      const u21003 = c.figures.find((f) => f.figure === 'U21003' && f.period === '2024')!;
      // Aalborg by hand (docs/costing.md, worked example): home care 1,000,000.00 kr direct + 51,562.50 kr
      // administration = 1,051,562.50 kr over 2,500 granted hours = 420.625 → 420.63 kr per hour
      expect(u21003.municipalities['851']).toEqual({
        value: '420.63',
        amount_minor: 105_156_250n,
        persons: 6n,
        suppressed: null,
      });
      expect(ownA.get('U21003')).toBe('420.63');
      // Odense: the figure its own workspace publishes (twice the home-care ledger)
      expect(Number(u21003.municipalities['461']!.value)).toBe(Number(ownB.get('U21003')));
      expect(ownB.get('U21003')).not.toBe(ownA.get('U21003'));
      // special housing: 3 citizens in each, hidden in both bundles though each workspace computed a value
      const u23004 = c.figures.find((f) => f.figure === 'U23004')!;
      expect(ownA.get('U23004')).toBe('3111.38');
      expect(u23004.municipalities['851']).toMatchObject({ value: null, suppressed: 'small' });
      expect(u23004.municipalities['461']).toMatchObject({ value: null, suppressed: 'small' });
      const rows = await engine.all<{ n: bigint }>(`SELECT count(*) AS n FROM fed_key_figures`);
      expect(rows[0]!.n).toBe(4n);
    } finally {
      await engine.close();
    }
  });

  it('refuses a changed file, naming it and the fix', async () => {
    const copy = path.join(tmp(), 'changed');
    cpSync(bundleA, copy, { recursive: true });
    const file = path.join(copy, 'tables', 'key_figures.csv');
    writeFileSync(file, readFileSync(file, 'utf8').replace('420.63', '400.00'));
    const e = await readBundle(copy).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).message).toContain(path.join('tables', 'key_figures.csv'));
    expect((e as UserError).message).toMatch(/checksum/);
    expect((e as UserError).location.hint).toMatch(/export it again/);
  });

  it('refuses a cell below the bundle’s own threshold even when the checksums were fixed', async () => {
    const copy = path.join(tmp(), 'small');
    cpSync(bundleA, copy, { recursive: true });
    const file = path.join(copy, 'tables', 'key_figures.csv');
    const csv = readFileSync(file, 'utf8').replace(
      '2024;851;U23004;day;;;;;small',
      '2024;851;U23004;day;3;217796875;700.0000;3111.38;',
    );
    writeFileSync(file, csv);
    const manifestFile = path.join(copy, 'manifest.json');
    const m = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
    m.files[0]!.sha256 = createHash('sha256').update(csv).digest('hex');
    writeFileSync(manifestFile, JSON.stringify(m));
    const e = (await readBundle(copy).catch((x: unknown) => x)) as UserError;
    expect(e).toBeInstanceOf(UserError);
    expect(e.message).toContain('key_figures.csv');
    expect(e.message).toMatch(
      /fewer persons than the bundle's own threshold of 5 \(data row 2, column persons_min\)/,
    );
  });

  it('refuses a manifest naming a table or column that is not a plain name', async () => {
    const copy = path.join(tmp(), 'names');
    cpSync(bundleA, copy, { recursive: true });
    const manifestFile = path.join(copy, 'manifest.json');
    const m = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
    m.files[1]!.columns[0]!.name = 'period"; DROP TABLE fed_bundle; --';
    writeFileSync(manifestFile, JSON.stringify(m));
    const e = (await readBundle(copy).catch((x: unknown) => x)) as UserError;
    expect(e.message).toBe(`The manifest ${manifestFile} cannot be used (files[1].columns).`);
  });

  it('refuses a signature that does not match, and a key that is not trusted', async () => {
    const other = generateKeyPairSync('ed25519');
    const e1 = (await readBundle(bundleB, [other.publicKey]).catch((x: unknown) => x)) as UserError;
    expect(e1.message).toMatch(/not among the trusted keys/);
    // a signed folder bundle whose manifest was edited after signing
    const signed = path.join(tmp(), 'signed');
    await exportAggregates(aalborg, { out: signed, createdAt: CREATED, signKey: keyB.privateKey });
    const manifestFile = path.join(signed, 'manifest.json');
    writeFileSync(
      manifestFile,
      readFileSync(manifestFile, 'utf8').replace('"threshold": 5', '"threshold": 3'),
    );
    const e2 = (await readBundle(signed).catch((x: unknown) => x)) as UserError;
    expect(e2.message).toContain('manifest.sig.json');
    expect(e2.message).toMatch(/does not match/);
    // an unsigned bundle when trusted keys are given
    const e3 = (await readBundle(bundleA, [keyB.publicKey]).catch((x: unknown) => x)) as UserError;
    expect(e3.message).toMatch(/not signed/);
  });
});

describe('the comparison of Tværblik’s own key figures (mart_key_figure)', () => {
  it('sets the marts’ figures of two bundles side by side, hidden ones as hidden', async () => {
    const manifest = (municipality: string) =>
      ({ municipality, periods: ['2024'], threshold: 5, files: [] }) as unknown as Manifest;
    const mart = (
      municipality: string,
      persons: bigint | null,
      cost: string | null,
      hidden: string | null,
    ) => ({
      name: 'mart_key_figure',
      columns: [
        { name: 'period', kind: 'key' as const },
        { name: 'municipality', kind: 'key' as const },
        { name: 'indicator', kind: 'key' as const },
        { name: 'persons', kind: 'persons' as const },
        { name: 'amount_minor', kind: 'money' as const },
        { name: 'value', kind: 'number' as const },
        { name: 'suppressed', kind: 'key' as const },
      ],
      rows: [
        {
          period: '2024',
          municipality,
          indicator: 'cost',
          persons,
          amount_minor: cost,
          value: null,
          suppressed: hidden,
        },
      ],
    });
    const engine = await openMemoryWarehouse();
    try {
      for (const [m, table] of [
        ['851', mart('851', 120n, '98765432', null)],
        ['461', mart('461', null, null, 'small')],
      ] as const)
        await storeBundle(engine, {
          source: m,
          manifest: manifest(m),
          tables: [table],
          signedBy: null,
          trusted: false,
        });
      const c = await compareImported(engine, ['2024']);
      expect(c.figures).toEqual([
        {
          source: 'tvaerblik',
          figure: 'cost',
          measure: null,
          period: '2024',
          municipalities: {
            '851': { value: null, amount_minor: 98_765_432n, persons: 120n, suppressed: null },
            '461': { value: null, amount_minor: null, persons: null, suppressed: 'small' },
          },
        },
      ]);
      expect(await compareImported(engine, ['2023'])).toMatchObject({ figures: [] });
    } finally {
      await engine.close();
    }
  });
});
