/**
 * Common pools (gemensamma verksamheter) allocated as a mark-up onto interventions, in step-down
 * order, by each pool's key. Money carries its origin (direct, or the pool it was first booked to)
 * so the reconciliation can say, per pool, how much reached persons.
 */
import type { PoolConfig } from '../config/schema.js';
import { userError } from '../core/messages.js';
import { roundHalfAway } from '../core/money.js';
import {
  addFractions,
  fraction,
  roundFractions,
  scaleDecimal,
  scaleFraction,
  type Fraction,
} from './money.js';
import { matchesCode, splitProvider, type Provider } from './patterns.js';

/** An intervention in one period and municipality: catalogue code × provider. */
export interface Intervention {
  key: string; // code or code@external
  code: string;
  provider: Provider;
  /** ledger amount mapped straight to it */
  direct: bigint;
  /** volume weight in its allocation unit (volume × 10^10) */
  volumeWeight: bigint;
  /** an open activity (costing.open_activities): pools reach it only by its id; its cost is non-attributable */
  open?: boolean;
}

/** Origin of money: 'direct' or 'pool:<id>'. */
export type Vector = Map<string, bigint>;

export interface PoolStep {
  pool: string;
  kind: string;
  step: number;
  key: string;
  targetType: 'intervention' | 'pool' | 'open_activity';
  target: string;
  provider: Provider | null;
  weight: string;
  amount: bigint;
}

export interface PoolResult {
  /** per intervention key: amount by origin */
  vectors: Map<string, Vector>;
  steps: PoolStep[];
  /** pools whose key gave no base: amount by origin, per pool */
  withoutBase: { pool: string; vector: Vector }[];
}

export const interventionKey = (code: string, provider: Provider) =>
  provider === 'own' ? code : `${code}@${provider}`;

/** Pools in step-down order (order, then id) — validated once against the config. */
export function orderPools(pools: readonly PoolConfig[]): PoolConfig[] {
  const sorted = [...pools].sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const ids = new Map(pools.map((p, i) => [p.id, i]));
  pools.forEach((p, i) => {
    if (pools.findIndex((q) => q.id === p.id) !== i) {
      throw userError('costing.pool_duplicate', { pool: p.id }, { key: `costing.pools[${i}].id` });
    }
    for (const t of p.targets) {
      const j = ids.get(t);
      if (j === undefined) continue;
      if (pools[j]!.order <= p.order) {
        const vars = { pool: p.id, target: t, order: String(p.order) };
        throw userError('costing.pool_order', vars, { key: `costing.pools[${i}].targets` });
      }
      if (p.key === 'volume') {
        throw userError(
          'costing.pool_volume_feeds',
          { pool: p.id, target: t },
          { key: `costing.pools[${i}].key` },
        );
      }
    }
    if (['staff_hours', 'floor_area', 'fixed'].includes(p.key) && !p.weights) {
      throw userError(
        'costing.pool_no_weights',
        { pool: p.id, key: p.key },
        { key: `costing.pools[${i}].weights` },
      );
    }
  });
  return sorted;
}

type Exact = Map<string, Fraction>;
const addExact = (v: Exact, origin: string, amount: Fraction) => {
  const cur = v.get(origin);
  v.set(origin, cur ? addFractions(cur, amount) : amount);
};
const sumExact = (v: Exact | undefined): Fraction =>
  [...(v?.values() ?? [])].reduce(addFractions, fraction(0n));

/**
 * Allocate the pools of one period and municipality. Money flows through the step-down as exact
 * fractions and is rounded once, at the end: each pool's ledger amount is split over the targets it
 * finally reached (interventions, open activities, pools without a base) by the largest remainder.
 * @param interventions every intervention with direct cost or volume, any order; open activities too
 *   (`open: true`), which pools reach only by naming their id
 * @param poolLedger ledger amount booked to each pool
 */
export function allocatePools(
  pools: readonly PoolConfig[],
  interventions: readonly Intervention[],
  poolLedger: ReadonlyMap<string, bigint>,
): PoolResult {
  const ivs = [...interventions].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const exact = new Map<string, Exact>(ivs.map((iv) => [iv.key, new Map()]));
  const poolVec = new Map<string, Exact>(
    pools.map((p) => [p.id, new Map([[`pool:${p.id}`, fraction(poolLedger.get(p.id) ?? 0n)]])]),
  );
  const poolIds = new Set(pools.map((p) => p.id));
  const steps: PoolStep[] = [];
  const stuck: { pool: string; vector: Exact }[] = [];
  orderPools(pools).forEach((pool, step) => {
    const vec = poolVec.get(pool.id)!;
    if ([...vec.values()].every((a) => a.n === 0n)) return;
    const targets = expandTargets(pool, ivs, poolIds);
    const weights = targets.map((t) => weightOf(pool, t, poolLedger));
    const sum = weights.reduce((a, b) => a + b, 0n);
    if (sum <= 0n) {
      stuck.push({ pool: pool.id, vector: vec });
      return;
    }
    for (const [origin, amount] of vec)
      targets.forEach((t, i) =>
        addExact(
          t.type === 'pool' ? poolVec.get(t.id)! : exact.get(t.id)!,
          origin,
          scaleFraction(amount, weights[i]!, sum),
        ),
      );
    // the step's amounts are shown rounded (largest remainder within the step); nothing is computed from them
    const sent = sumExact(vec);
    const shown = roundFractions(
      roundHalfAway(sent),
      weights.map((w) => scaleFraction(sent, w, sum)),
    );
    targets.forEach((t, i) =>
      steps.push({
        pool: pool.id,
        kind: pool.kind,
        step: step + 1,
        key: pool.key,
        targetType: t.type,
        target: t.type === 'pool' ? t.id : t.iv!.code,
        provider: t.type === 'intervention' ? t.iv!.provider : null,
        weight: formatWeight(weights[i]!, pool.key),
        amount: shown[i]!,
      }),
    );
  });
  // Round once: every pool's money over the places it ended in.
  const vectors = new Map<string, Vector>(ivs.map((iv) => [iv.key, new Map([['direct', iv.direct]])]));
  const withoutBase: PoolResult['withoutBase'] = stuck.map((s) => ({ pool: s.pool, vector: new Map() }));
  for (const p of [...pools].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const origin = `pool:${p.id}`;
    const sinks: { vector: Vector; part: Fraction }[] = [];
    for (const iv of ivs) {
      const part = exact.get(iv.key)!.get(origin);
      if (part) sinks.push({ vector: vectors.get(iv.key)!, part });
    }
    stuck.forEach((s, i) => {
      const part = s.vector.get(origin);
      if (part) sinks.push({ vector: withoutBase[i]!.vector, part });
    });
    const rounded = roundFractions(
      poolLedger.get(p.id) ?? 0n,
      sinks.map((x) => x.part),
    );
    sinks.forEach((x, i) => x.vector.set(origin, rounded[i]!));
  }
  return { vectors, steps, withoutBase };
}

interface Target {
  type: 'intervention' | 'pool' | 'open_activity';
  id: string;
  iv?: Intervention;
}

function expandTargets(
  pool: PoolConfig,
  ivs: readonly Intervention[],
  poolIds: ReadonlySet<string>,
): Target[] {
  const out: Target[] = [];
  const seen = new Set<string>();
  for (const entry of pool.targets) {
    if (poolIds.has(entry)) {
      if (!seen.has(`pool:${entry}`)) out.push({ type: 'pool', id: entry });
      seen.add(`pool:${entry}`);
      continue;
    }
    const open = ivs.find((iv) => iv.open && iv.code === entry);
    if (open) {
      if (!seen.has(open.key)) out.push({ type: 'open_activity', id: open.key, iv: open });
      seen.add(open.key);
      continue;
    }
    for (const iv of ivs) {
      if (iv.open || !targetMatches(iv, entry) || seen.has(iv.key)) continue;
      seen.add(iv.key);
      out.push({ type: 'intervention', id: iv.key, iv });
    }
  }
  return out;
}

/** `SOL-HT*` matches own and external; `SOL-HT*@external` only purchased services. */
function targetMatches(iv: Intervention, entry: string): boolean {
  const split = splitProvider(entry);
  if (!split) return false;
  return matchesCode(iv.code, split.code) && (split.provider === undefined || split.provider === iv.provider);
}

const WEIGHT_SCALE = 6;

function weightOf(pool: PoolConfig, t: Target, poolLedger: ReadonlyMap<string, bigint>): bigint {
  const pos = (v: bigint) => (v > 0n ? v : 0n);
  if (pool.key === 'direct_cost') return pos(t.type === 'pool' ? (poolLedger.get(t.id) ?? 0n) : t.iv!.direct);
  if (pool.key === 'volume') return pos(t.iv!.volumeWeight);
  const w = pool.weights ?? {};
  const exact = t.type === 'pool' ? w[t.id] : (w[t.iv!.key] ?? w[t.iv!.code]);
  const found =
    exact ??
    (t.type === 'intervention' ? Object.entries(w).find(([k]) => targetMatches(t.iv!, k))?.[1] : undefined);
  return found === undefined ? 0n : scaleDecimal(String(found), WEIGHT_SCALE);
}

function formatWeight(w: bigint, key: string): string {
  const scale = key === 'direct_cost' ? 2 : key === 'volume' ? 10 : WEIGHT_SCALE;
  const f = 10n ** BigInt(scale);
  const frac = (w % f).toString().padStart(scale, '0').replace(/0+$/, '');
  return `${w / f}${frac ? `.${frac}` : ''}`;
}
