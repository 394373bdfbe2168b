import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createOutput, type Output } from '../../src/cli/output.js';
import { parseConfig, type Workspace } from '../../src/config/workspace.js';
import type { Engine } from '../../src/engine/engine.js';
import { personKey } from '../helpers/person-key.js';

/** A workspace in a temp folder: tvaerblik.yaml text plus mapping files. */
export function makeWorkspace(yaml: string, files: Record<string, string> = {}): Workspace {
  const dir = mkdtempSync(path.join(tmpdir(), 'tvaerblik-cost-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  const configPath = path.join(dir, 'tvaerblik.yaml');
  writeFileSync(configPath, yaml);
  return {
    dir,
    configPath,
    config: parseConfig(yaml, configPath),
    resolve: (p) => (path.isAbsolute(p) ? p : path.join(dir, p)),
  };
}

export function quietOutput(lang: 'da' | 'sv' | 'en' = 'en'): Output {
  return createOutput({ json: true, lang, stdout: () => {}, stderr: () => {}, isTTY: false });
}

export interface ServiceRow {
  person: string | null;
  code: string;
  from: string;
  to?: string | null;
  volume?: string | null;
  unit: string;
  provider?: 'own' | 'external';
  municipality?: string;
  department?: string;
  law?: string;
  amount?: bigint | null;
}

const lit = (v: string | null | undefined) =>
  v === null || v === undefined ? 'NULL' : `'${v.replace(/'/g, "''")}'`;

export async function insertServices(engine: Engine, rows: ServiceRow[]): Promise<void> {
  if (rows.length === 0) return;
  const values = rows.map(
    (r, i) =>
      `(1, ${i + 1}, ${r.person === null ? 'NULL' : personKey(r.person)}, 'test', NULL, ${lit(r.municipality ?? '851')}, ${lit(r.department ?? 'Social')}, 'municipal', NULL, ${lit(r.code)}, ${lit(r.law ?? null)}, ${lit(r.provider ?? 'own')}, NULL, DATE ${lit(r.from)}, ${r.to ? `DATE ${lit(r.to)}` : 'NULL'}, ${r.volume ?? 'NULL'}, ${lit(r.unit)}, ${r.amount ?? 'NULL'})`,
  );
  await engine.exec(`INSERT INTO service VALUES ${values.join(', ')}`);
}

export interface LedgerRow {
  period?: string;
  municipality?: string;
  account: string;
  activity?: string | null;
  responsibility?: string | null;
  counterpart?: string | null;
  amount: bigint;
}

export async function insertLedger(engine: Engine, rows: LedgerRow[]): Promise<void> {
  if (rows.length === 0) return;
  const values = rows.map(
    (r, i) =>
      `(2, ${i + 1}, ${lit(r.period ?? '2024')}, ${lit(r.municipality ?? '851')}, ${lit(r.account)}, ${lit(r.activity ?? null)}, ${lit(r.responsibility ?? null)}, NULL, ${lit(r.counterpart ?? null)}, NULL, ${r.amount})`,
  );
  await engine.exec(`INSERT INTO ledger VALUES ${values.join(', ')}`);
}

export const TT_HEADER =
  'priority,account,activity,responsibility,project,counterpart,target_type,target,reason';
