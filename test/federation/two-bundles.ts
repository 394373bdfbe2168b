/**
 * The fixture of the federation tests: two small workspaces — the costing worked example as Aalborg
 * (851), and a copy as Odense (461) with twice the home-care ledger — costed, each with the key figures
 * it publishes itself, and each exported as a bundle (Aalborg a CSV folder, Odense a signed Parquet zip);
 * the four municipalities of a health cluster, each the worked example changed its own way (CLUSTER); and
 * the worked example under a Swedish code for the Kolada tests.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Workspace } from '../../src/config/workspace.js';
import { runCosting } from '../../src/costing/index.js';
import { exportKeyFiguresCsv } from '../../src/costing/keyfigures.js';
import { exportAggregates } from '../../src/federation/export.js';
import { openWarehouse } from '../../src/model/warehouse.js';
import { makeWorkspace, quietOutput } from '../costing/helpers.js';
import {
  EXAMPLE_TRANSLATION,
  EXAMPLE_YAML,
  exampleWorkspace,
  loadExample,
} from '../costing/worked-example.js';
import { personKey } from '../helpers/person-key.js';

export const CREATED = '2025-03-01T00:00:00.000Z';
/** Odense: the worked example's rows moved to 461, with twice the home-care ledger (5110 HJ). */
export const ODENSE = `UPDATE ledger SET municipality = '461', amount_minor = CASE WHEN activity = 'HJ' AND account = '5110'
    THEN 2 * amount_minor ELSE amount_minor END;
  UPDATE service SET municipality = '461'`;

export const tmp = () => mkdtempSync(path.join(tmpdir(), 'tvaerblik-fed-'));

/** Cost a workspace and read the key figures it publishes itself (`tvaerblik cost --key-figures`). */
async function costed(ws: Workspace, change?: string): Promise<Map<string, string>> {
  const engine = await openWarehouse(ws);
  try {
    await loadExample(engine);
    if (change) await engine.exec(change);
    await runCosting(ws, engine, quietOutput());
    const csv = path.join(ws.dir, 'own-key-figures.csv');
    await exportKeyFiguresCsv(engine, csv);
    const [, ...lines] = readFileSync(csv, 'utf8').trim().split('\n');
    // key_figure → value, as the workspace publishes it
    return new Map(lines.map((l) => l.split(';')).map((c) => [c[2]!, c[7]!]));
  } finally {
    await engine.close();
  }
}

/**
 * The Randers cluster's four municipalities, each the worked example (filed under 851) changed its own way:
 * the whole ledger ×2 or ×4 (every pool key scales alike, so every unit cost doubles or quadruples), as
 * it is, or with the home care of P05 and P06 dropped (4 citizens: U21003 below the threshold).
 */
export const CLUSTER: { code: string; change: string }[] = [
  { code: '730', change: `UPDATE ledger SET amount_minor = 2 * amount_minor WHERE municipality = '851'` },
  { code: '710', change: '' },
  { code: '706', change: `UPDATE ledger SET amount_minor = 4 * amount_minor WHERE municipality = '851'` },
  {
    code: '707',
    change: `DELETE FROM service WHERE municipality = '851' AND catalogue_code = 'SEL-83-PP' AND person_key IN (${personKey('P05')}, ${personKey('P06')})`,
  },
];

/** The SQL that files the worked example's rows (municipality 851) under `code`, after its own change. */
export const moveTo = (m: { code: string; change: string }) =>
  `${m.change ? `${m.change};` : ''}
  UPDATE ledger SET municipality = '${m.code}' WHERE municipality = '851';
  UPDATE service SET municipality = '${m.code}' WHERE municipality = '851'`;

/** One workspace per cluster municipality, costed (all four at once), each exported as a bundle (CSV folders). */
export async function clusterBundles(): Promise<string[]> {
  return Promise.all(
    CLUSTER.map(async (m) => {
      const ws = makeWorkspace(EXAMPLE_YAML.replace("['851']", `['${m.code}']`), {
        'translation.csv': EXAMPLE_TRANSLATION,
      });
      await costed(ws, moveTo(m));
      const out = path.join(tmp(), m.code);
      await exportAggregates(ws, { out, createdAt: CREATED });
      return out;
    }),
  );
}

export interface TwoBundles {
  aalborg: Workspace;
  ownA: Map<string, string>;
  ownB: Map<string, string>;
  bundleA: string;
  bundleB: string;
  keyB: { privateKey: KeyObject; publicKey: KeyObject };
}

export async function twoBundles(): Promise<TwoBundles> {
  const aalborg = exampleWorkspace();
  const odense = makeWorkspace(EXAMPLE_YAML.replace("['851']", "['461']"), {
    'translation.csv': EXAMPLE_TRANSLATION,
  });
  const ownA = await costed(aalborg);
  const ownB = await costed(odense, ODENSE);
  const keyB = generateKeyPairSync('ed25519');
  const bundleA = path.join(tmp(), 'aalborg');
  const bundleB = path.join(tmp(), 'odense.zip');
  await exportAggregates(aalborg, { out: bundleA, createdAt: CREATED });
  await exportAggregates(odense, {
    out: bundleB,
    createdAt: CREATED,
    format: 'parquet',
    signKey: keyB.privateKey,
  });
  return { aalborg, ownA, ownB, bundleA, bundleB, keyB };
}

/** The worked example filed under a Swedish municipality code (1280), costed: the Kolada tests' workspace. */
export async function malmoWorkspace(): Promise<Workspace> {
  const ws = makeWorkspace(EXAMPLE_YAML.replace("['851']", "['1280']"), {
    'translation.csv': EXAMPLE_TRANSLATION,
  });
  const engine = await openWarehouse(ws);
  try {
    await loadExample(engine);
    await engine.exec(`UPDATE ledger SET municipality = '1280'; UPDATE service SET municipality = '1280'`);
    await runCosting(ws, engine, quietOutput());
  } finally {
    await engine.close();
  }
  return ws;
}
