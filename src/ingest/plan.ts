/**
 * Import step 0, the plan: which sources run, in which order, over which files, and whether each is
 * unchanged since the import that loaded it (same file bytes, same mapping): then it is not read again.
 */
import path from 'node:path';
import type { Period, SourceConfig, TargetTable } from '../config/schema.js';
import type { Workspace } from '../config/workspace.js';
import type { Engine } from '../engine/engine.js';
import type { Lang } from '../i18n.js';
import { ingestError } from './messages.js';
import { resolveFiles, sha256, sha256File } from './read.js';

/** Targets load in this order, so residence is in place when later sources check for it. */
export const TARGET_ORDER: TargetTable[] = [
  'population',
  'residence',
  'person_attribute',
  'ledger',
  'service',
  'hospital_contact',
  'gp_contact',
];

export interface Plan {
  source: SourceConfig;
  period: Period | undefined;
  files: string[];
  fileHash: string;
  configHash: string;
  previous:
    | {
        import_id: number;
        file_hash: string;
        config_hash: string;
        rows_read: bigint;
        rows_loaded: bigint;
        rows_rejected: bigint;
        target: string;
      }
    | undefined;
}

/** The source is as the import that loaded it: same files, same mapping, same target. */
export function unchanged(p: Plan): boolean {
  return (
    p.previous !== undefined &&
    p.previous.file_hash === p.fileHash &&
    p.previous.config_hash === p.configHash &&
    p.previous.target === p.source.target
  );
}

/** Files, hashes and the import this one would replace. */
export async function plan(ws: Workspace, engine: Engine, source: SourceConfig, lang: Lang): Promise<Plan> {
  const period = source.period ? ws.config.periods.find((p) => p.id === source.period) : undefined;
  if (source.period && !period)
    throw ingestError(
      lang,
      'unknown_period',
      { source: source.id, period: source.period },
      { key: `sources.${source.id}.period` },
    );
  const files = resolveFiles(ws, source, lang);
  const hashes = await Promise.all(files.map((f) => sha256File(f)));
  const fileHash =
    files.length === 1
      ? hashes[0]!
      : sha256(files.map((f, i) => `${path.basename(f)}:${hashes[i]}`).join('\n'));
  const codesHash = source.codes ? await sha256File(ws.resolve(source.codes)).catch(() => 'missing') : '';
  const configHash = sha256(
    stableJson({ source, codesHash, catalogue: ws.config.catalogue, country: ws.config.country }),
  );
  const prev = await engine.all<NonNullable<Plan['previous']>>(
    `SELECT import_id, file_hash, config_hash, rows_read, rows_loaded, rows_rejected, target FROM import_log l
     WHERE source_id = $s AND period IS NOT DISTINCT FROM $p
       AND NOT EXISTS (SELECT 1 FROM import_log r WHERE r.replaced_import_id = l.import_id)
     ORDER BY import_id DESC LIMIT 1`,
    { s: source.id, p: source.period ?? null },
  );
  return { source, period, files, fileHash, configHash, previous: prev[0] };
}

function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}
