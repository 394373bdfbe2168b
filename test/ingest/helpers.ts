import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { createOutput, type Output } from '../../src/cli/output.js';
import { openWorkspace, type Workspace } from '../../src/config/workspace.js';
import type { Lang } from '../../src/i18n.js';

/** A fixed test key (64 hex characters = 32 bytes). */
export const TEST_KEY = 'a1'.repeat(32);

export interface WsSpec {
  country?: 'DK' | 'SE';
  sources: Record<string, unknown>[];
  files?: Record<string, string | Buffer>;
  periods?: { id: string; from: string; to: string }[];
}

/** Write a workspace (config, key, files) to a fresh temp folder and open it. */
export function makeWorkspace(spec: WsSpec): Workspace {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tvaerblik-ingest-test-'));
  const country = spec.country ?? 'DK';
  for (const d of ['extracts', 'mappings', 'secrets', 'reports']) mkdirSync(path.join(dir, d));
  writeFileSync(path.join(dir, 'secrets', 'pseudonym.key'), TEST_KEY);
  const config = {
    country,
    currency: country === 'DK' ? 'DKK' : 'SEK',
    municipalities: [country === 'DK' ? '851' : '0180'],
    periods: spec.periods ?? [{ id: '2024', from: '2024-01-01', to: '2024-12-31' }],
    pseudonymisation: { key_file: 'secrets/pseudonym.key' },
    catalogue: 'dk',
    sources: spec.sources,
  };
  writeFileSync(path.join(dir, 'tvaerblik.yaml'), stringify(config));
  for (const [name, content] of Object.entries(spec.files ?? {})) writeFile(dir, name, content);
  return openWorkspace(dir);
}

export function writeFile(dir: string, name: string, content: string | Buffer): void {
  mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  writeFileSync(path.join(dir, name), content);
}

/** An Output that records what it prints (JSON off, no progress bars). */
export function testOutput(lang: Lang = 'en'): Output & { text: string[] } {
  const text: string[] = [];
  const o = createOutput({
    lang,
    json: false,
    isTTY: false,
    stdout: (s) => text.push(s),
    stderr: (s) => text.push(s),
  });
  return Object.assign(o, { text });
}

/** A service source mapping a simple CSV (CPR;Fra;Til;Timer;Kode;Beløb). */
export function serviceSource(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'hjemmepleje',
    file: 'extracts/hjemmepleje.csv',
    format: 'csv',
    csv: { delimiter: ';', decimal: ',' },
    department: 'Sundhed og Omsorg',
    period: '2024',
    target: 'service',
    columns: {
      person_id: 'CPR',
      start_date: { column: 'Fra', format: 'dd-mm-yyyy' },
      end_date: { column: 'Til', format: 'dd-mm-yyyy' },
      volume: 'Timer',
      catalogue_code: 'Kode',
      amount: 'Beløb',
    },
    ...extra,
  };
}

export const SERVICE_HEADER = 'CPR;Fra;Til;Timer;Kode;Beløb';

/** A residence source mapping a simple CSV (cpr,fra) at extracts/bopael.csv. */
export function residenceSource(): Record<string, unknown> {
  return {
    id: 'bopael',
    file: 'extracts/bopael.csv',
    format: 'csv',
    target: 'residence',
    columns: { person_id: 'cpr', from_date: 'fra' },
  };
}
