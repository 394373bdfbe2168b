/**
 * Whether the cost tables still match their inputs. Every `cost` run leaves a row in `cost_run` with a
 * fingerprint of the ledger, the services and the costing setup; a failed run leaves the previous
 * results in place (the write is one transaction) and a `failed` row, so analyse, report and serve
 * can say that the costs are out of date instead of showing them as if they were current.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { Workspace } from '../config/workspace.js';
import type { Engine } from '../engine/engine.js';
import { tr, type Lang } from '../i18n.js';
import { openWarehouse } from '../model/warehouse.js';
import { texts } from '../core/messages.js';

export type CostState = 'none' | 'fresh' | 'stale' | 'failed';

export interface CostFreshness {
  state: CostState;
  /** when the kept results were made (ISO, UTC) */
  costedAt?: string;
  /** when the last run failed */
  failedAt?: string;
}

const TEXT = texts('costing-texts.freshness', ['stale', 'failed', 'kept']);

/** Which of the named tables the warehouse has (one look-up for all of them). */
const tablesOf = async (engine: Engine, names: string[]): Promise<Set<string>> =>
  new Set(
    (
      await engine.all<{ name: string }>(
        `SELECT table_name AS name FROM information_schema.tables
         WHERE table_name IN (${names.map((n) => engine.dialect.literal(n)).join(', ')}) AND table_schema = current_schema()`,
      )
    ).map((r) => r.name),
  );

/**
 * A fingerprint of everything costing reads: the ledger (every line), the services (rows, volume and
 * amount totals, the imports they came from), the costing config, periods, catalogue and the
 * translation table and price lists (their bytes).
 */
export async function costInputsHash(ws: Workspace, engine: Engine): Promise<string> {
  return (await costInputs(ws, engine)).hash;
}

/**
 * costInputsHash, and the first ledger period (by sort order) that is not one of `periods`, read in the same
 * pass over the ledger: a cost run needs both before it starts (null: none, or no periods asked about).
 */
export async function costInputs(
  ws: Workspace,
  engine: Engine,
  periods: readonly string[] = [],
): Promise<{ hash: string; strayPeriod: string | null }> {
  let strayPeriod: string | null = null;
  const h = createHash('sha256');
  const costing = ws.config.costing;
  h.update(JSON.stringify([costing ?? null, ws.config.periods, ws.config.catalogue]));
  const files = [costing?.translation_table, ...(costing?.methods ?? []).map((m) => m.price_list)];
  for (const f of files) {
    if (!f) continue;
    const file = ws.resolve(f);
    h.update(`\u0000${f}\u0000`);
    h.update(existsSync(file) ? readFileSync(file) : 'missing');
  }
  const tables = await tablesOf(engine, ['ledger', 'service', 'import_log']);
  if (tables.has('ledger')) {
    const known = periods.map((p) => engine.dialect.literal(p)).join(', ');
    const { stray, ...l } = await engine.one<{ n: string; a: string; x: string; stray: string | null }>(
      `SELECT count(*)::VARCHAR AS n, coalesce(sum(amount_minor), 0)::VARCHAR AS a,
              coalesce(sum(hash(period, municipality, account, activity, responsibility, project, counterpart, amount_minor)::HUGEINT), 0)::VARCHAR AS x,
              ${known ? `min(period) FILTER (WHERE period NOT IN (${known}))` : 'NULL'} AS stray
       FROM ledger`,
    );
    strayPeriod = stray;
    h.update(JSON.stringify(l));
  }
  if (tables.has('service')) {
    const s = await engine.one(
      `SELECT count(*)::VARCHAR AS n, coalesce(sum(volume), 0)::VARCHAR AS v, coalesce(sum(amount_minor), 0)::VARCHAR AS a,
              count(person_key)::VARCHAR AS p FROM service`,
    );
    h.update(JSON.stringify(s));
  }
  if (tables.has('import_log')) {
    const imports = await engine.all(
      `SELECT import_id::VARCHAR AS id, file_hash FROM import_log WHERE target IN ('ledger', 'service') ORDER BY import_id`,
    );
    h.update(JSON.stringify(imports));
  }
  return { hash: h.digest('hex'), strayPeriod };
}

/** Record a cost run (inside the run's write transaction when it succeeded). */
export async function recordCostRun(
  engine: Engine,
  status: 'ok' | 'failed',
  inputsHash: string,
  message = '',
): Promise<void> {
  await engine.exec(
    `CREATE TABLE IF NOT EXISTS cost_run (run_at TIMESTAMP NOT NULL, status VARCHAR NOT NULL, inputs_hash VARCHAR NOT NULL, message VARCHAR)`,
  );
  await engine.exec(`INSERT INTO cost_run VALUES (now()::TIMESTAMP, $status, $hash, $message)`, {
    status,
    hash: inputsHash,
    // the first line only: costing messages name ledger codes and amounts, never persons
    message: message.split('\n')[0]!.slice(0, 300),
  });
}

/** Compare the last cost run with the warehouse and config as they are now (reads only). */
export async function costFreshness(ws: Workspace, engine: Engine): Promise<CostFreshness> {
  if (!(await tablesOf(engine, ['cost_run'])).has('cost_run')) return { state: 'none' };
  const runs = await engine.all<{ at: string; status: string; inputs_hash: string }>(
    `SELECT strftime(run_at, '%Y-%m-%d %H:%M:%S') AS at, status, inputs_hash FROM cost_run ORDER BY run_at DESC, rowid DESC LIMIT 50`,
  );
  const ok = runs.find((r) => r.status === 'ok');
  if (!ok) return { state: 'none' };
  const last = runs[0]!;
  if (last.status === 'failed') return { state: 'failed', costedAt: ok.at, failedAt: last.at };
  const now = await costInputsHash(ws, engine);
  return { state: now === ok.inputs_hash ? 'fresh' : 'stale', costedAt: ok.at };
}

/** The warning for out-of-date costs, or null when they are current (or there are none). */
export function freshnessWarning(f: CostFreshness, lang: Lang): string | null {
  if (f.state === 'stale') return tr(TEXT.stale, lang, { at: `${f.costedAt} UTC` });
  if (f.state === 'failed')
    return tr(TEXT.failed, lang, { at: `${f.costedAt} UTC`, failed: `${f.failedAt} UTC` });
  return null;
}

/** Warn (stderr) when the cost tables do not match the current data; for analyse, report and serve. */
export async function warnIfCostStale(
  ws: Workspace,
  engine: Engine,
  out: { lang: Lang; warn(text: string): void },
): Promise<CostFreshness> {
  const f = await costFreshness(ws, engine);
  const text = freshnessWarning(f, out.lang);
  if (text) out.warn(text);
  return f;
}

/** After a failed run: say that the previous results are kept and marked out of date. */
export function keptWarning(f: CostFreshness, lang: Lang): string | null {
  return f.costedAt ? tr(TEXT.kept, lang, { at: `${f.costedAt} UTC` }) : null;
}

/** The same warning for a command that does not hold the warehouse open itself (serve). */
export async function warnIfCostStaleIn(
  ws: Workspace,
  out: { lang: Lang; warn(text: string): void },
): Promise<void> {
  if (!existsSync(ws.resolve(ws.config.warehouse))) return;
  let engine: Engine | undefined;
  try {
    engine = await openWarehouse(ws, { readOnly: true });
    await warnIfCostStale(ws, engine, out);
  } catch {
    // the server reports a warehouse it cannot open itself
  } finally {
    await engine?.close();
  }
}
