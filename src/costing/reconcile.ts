/**
 * Reconciliation, without a database: one allocated cell and what persons received → the rows of
 * cost_unit, cost_nonattributable, cost_reconciliation and cost_pool_allocation, checked to the øre.
 */
import { UserError } from '../errors.js';
import { formatMoney, tr, type Lang } from '../i18n.js';
import { cellKey, SEP, sumMinor, type Cell } from './allocate.js';
import { T } from './messages.js';
import { divideToDecimal, splitLargestRemainder } from './money.js';
import type { PoolResult, Vector } from './pools.js';

/** weights are volume × 10^10 */
export const WEIGHT_PER_UNIT = 10_000_000_000n;

/** Per ledger target: ledger = attributed + non-attributable + excluded; `outside` is reported apart. */
export interface Recon {
  ledger: bigint;
  attributed: bigint;
  nonattributable: bigint;
  excluded: bigint;
  outside: bigint;
}

/** What the cost per person gave an intervention: `a` to persons, `o` to rows without a person. */
export interface Received {
  a: bigint | null;
  o: bigint | null;
}

/** KPB volume weight of rows without a person: `u` from sources that map person ids, `t` in all. */
export interface Unidentified {
  u: bigint;
  t: bigint;
}

export type Row = (string | bigint | number | null)[];

export interface CellRows {
  unitRows: Row[];
  nonRows: Row[];
  reconRows: Row[];
  stepRows: Row[];
  warnings: string[];
}

/** The key of `received` and `unidentified`: period, municipality, intervention key. */
export const ivCellKey = (period: string, municipality: string, ivKey: string) =>
  `${cellKey(period, municipality)}${SEP}${ivKey}`;

/**
 * Reconcile one cell: every krone of its ledger is attributed to persons, non-attributable (with a
 * reason) or excluded. Throws a UserError when a target does not add up.
 * @param received by ivCellKey; @param unidentified by ivCellKey; @param poolKind kind per pool id
 */
export function reconcileCell(
  { cell, result }: { cell: Cell; result: PoolResult },
  received: ReadonlyMap<string, Received>,
  unidentified: ReadonlyMap<string, Unidentified>,
  poolKind: ReadonlyMap<string, string>,
  lang: Lang,
): CellRows {
  const out: CellRows = { unitRows: [], nonRows: [], reconRows: [], stepRows: [], warnings: [] };
  const { period, municipality } = cell;
  const recon = new Map<string, Recon>();
  const rec = (type: string, target: string): Recon => {
    const k = `${type}${SEP}${target}`;
    let r = recon.get(k);
    if (!r)
      recon.set(k, (r = { ledger: 0n, attributed: 0n, nonattributable: 0n, excluded: 0n, outside: 0n }));
    return r;
  };
  for (const [pool, amount] of cell.poolLedger) rec('pool', pool).ledger += amount;
  for (const [reason, amount] of cell.excluded) {
    const r = rec('excluded', reason);
    r.ledger += amount;
    r.excluded += amount;
  }
  for (const [label, amount] of cell.nonattributable) {
    const r = rec('nonattributable', label);
    r.ledger += amount;
    r.nonattributable += amount;
    out.nonRows.push([period, municipality, 'ledger_nonattributable', label, null, null, amount]);
  }
  for (const stuck of result.withoutBase) {
    for (const [origin, amount] of stuck.vector) originRecon(rec, origin, null).nonattributable += amount;
    out.nonRows.push([
      period,
      municipality,
      'pool_without_base',
      stuck.pool,
      null,
      null,
      sumMinor(stuck.vector.values()),
    ]);
    out.warnings.push(tr(T.warnNoBase, lang, { period, municipality, pool: stuck.pool }));
  }
  for (const s of result.steps) {
    out.stepRows.push([
      period,
      municipality,
      s.pool,
      s.kind,
      s.step,
      s.key,
      s.targetType,
      s.target,
      s.provider,
      s.weight,
      s.amount,
    ]);
  }
  for (const iv of [...cell.ivs.values()].sort((a, b) => (a.key < b.key ? -1 : 1))) {
    const vector = result.vectors.get(iv.key)!;
    const total = sumMinor(vector.values());
    if (iv.open) {
      // open activity: its own ledger lines and its share of the pools are all non-attributable
      for (const [origin, amount] of vector) {
        const r = origin === 'direct' ? rec('open_activity', iv.code) : originRecon(rec, origin, null);
        if (origin === 'direct') r.ledger += amount;
        r.nonattributable += amount;
      }
      if (total !== 0n) out.nonRows.push([period, municipality, 'open_activity', iv.code, null, null, total]);
      continue;
    }
    const got = received.get(ivCellKey(period, municipality, iv.key));
    const a = got?.a ?? 0n;
    const open = got?.o ?? 0n;
    const direct = rec('intervention', iv.key);
    direct.ledger += iv.direct;
    let ledgerAttributed = a;
    if (iv.method === 'kpb') {
      if (iv.volumeWeight > 0n && total !== 0n) {
        if (a + open !== total) throw new Error(`costing: ${iv.key} ${period} split ${a}+${open} ≠ ${total}`);
        // Rows of a source that maps person ids but had none (or an invalid one) are unidentified persons.
        const share = unidentified.get(ivCellKey(period, municipality, iv.key));
        const unid = share && share.t > 0n ? (open * share.u) / share.t : 0n;
        for (const [reason, amount] of [
          ['unidentified_persons', unid],
          ['open_activity', open - unid],
        ] as const)
          if (amount !== 0n)
            out.nonRows.push([period, municipality, reason, iv.code, iv.code, iv.provider, amount]);
      } else if (total !== 0n) {
        ledgerAttributed = 0n;
        out.nonRows.push([period, municipality, 'no_volume', iv.code, iv.code, iv.provider, total]);
        out.warnings.push(
          tr(T.warnNoVolume, lang, { period, municipality, code: iv.key, amount: formatMoney(total, lang) }),
        );
      } else if (iv.volumeWeight > 0n && iv.direct === 0n && !hasPoolMoney(vector)) {
        out.warnings.push(tr(T.warnNoCost, lang, { period, municipality, code: iv.key }));
      }
    } else if (total !== 0n) {
      const diff = total - a;
      if (diff !== 0n)
        out.nonRows.push([
          period,
          municipality,
          `${iv.method}_difference`,
          iv.code,
          iv.code,
          iv.provider,
          diff,
        ]);
    } else {
      // the ledger does not cover this price / record-amount service: its cost is reported apart
      ledgerAttributed = 0n;
      direct.outside += a;
    }
    const parts = splitByOrigin(ledgerAttributed, vector, total);
    for (const [origin, amount] of vector) {
      const r = originRecon(rec, origin, iv.key);
      r.attributed += parts.get(origin)!;
      r.nonattributable += amount - parts.get(origin)!;
    }
    const admin = sumWhere(
      vector,
      (o) => o.startsWith('pool:') && poolKind.get(o.slice(5)) === 'administration',
    );
    const common = sumWhere(vector, (o) => o.startsWith('pool:')) - admin;
    const w = iv.volumeWeight;
    const granted = iv.weights.get('hour_granted') ?? 0n;
    const performed = iv.weights.get('hour_performed') ?? 0n;
    out.unitRows.push([
      period,
      municipality,
      iv.code,
      iv.unit,
      divideToDecimal(w, WEIGHT_PER_UNIT, 4),
      vector.get('direct') ?? 0n,
      admin,
      common,
      total,
      w > 0n ? divideToDecimal(total * WEIGHT_PER_UNIT, w, 4) : null,
      iv.unit ? (iv.persons.get(iv.unit) ?? 0n) : 0n,
      iv.provider,
      iv.method,
      divideToDecimal(granted, WEIGHT_PER_UNIT, 4),
      divideToDecimal(performed, WEIGHT_PER_UNIT, 4),
      granted > 0n ? divideToDecimal(total * WEIGHT_PER_UNIT, granted, 4) : null,
      performed > 0n ? divideToDecimal(total * WEIGHT_PER_UNIT, performed, 4) : null,
      a,
      iv.method === 'kpb' ? total - a : total === 0n ? 0n : total - a,
    ]);
  }
  for (const [k, r] of [...recon.entries()].sort(([x], [y]) => (x < y ? -1 : 1))) {
    const [type, target] = k.split(SEP) as [string, string];
    const diff = r.ledger - r.attributed - r.nonattributable - r.excluded;
    if (diff !== 0n) throw reconcileError(cell, r, diff, lang);
    if (r.ledger === 0n && r.attributed === 0n && r.nonattributable === 0n && r.outside === 0n) continue;
    out.reconRows.push([
      period,
      municipality,
      type,
      target,
      r.ledger,
      r.attributed,
      r.nonattributable,
      r.excluded,
      diff,
      r.outside,
    ]);
  }
  return out;
}

/** Split what persons received of an intervention over the origins of its money (direct, pools), exactly. */
export function splitByOrigin(amount: bigint, vector: Vector, total: bigint): Map<string, bigint> {
  const origins = [...vector.keys()].sort();
  const out = new Map(origins.map((o) => [o, 0n]));
  if (total === 0n || amount === 0n) return out;
  const sign = total > 0n ? 1n : -1n;
  const parts = splitLargestRemainder(
    sign * amount,
    origins.map((o) => sign * vector.get(o)!),
  );
  origins.forEach((o, i) => out.set(o, sign * parts[i]!));
  return out;
}

function originRecon(
  rec: (type: string, target: string) => Recon,
  origin: string,
  ivKey: string | null,
): Recon {
  if (origin === 'direct') return rec('intervention', ivKey!);
  return rec('pool', origin.slice(5));
}

const sumWhere = (v: Vector, f: (origin: string) => boolean) =>
  sumMinor([...v.entries()].filter(([o]) => f(o)).map(([, a]) => a));
const hasPoolMoney = (v: Vector) => [...v.entries()].some(([o, a]) => o.startsWith('pool:') && a !== 0n);

/** The reconciliation failure of one period and municipality, in the user's language. */
export function reconcileError(
  cell: { period: string; municipality: string },
  r: Recon,
  diff: bigint,
  lang: Lang,
): UserError {
  return new UserError(
    tr(T.reconcileFailed, lang, {
      municipality: cell.municipality,
      period: cell.period,
      ledger: formatMoney(r.ledger, lang),
      attributed: formatMoney(r.attributed, lang),
      nonattr: formatMoney(r.nonattributable, lang),
      excluded: formatMoney(r.excluded, lang),
      diff: formatMoney(diff, lang),
    }),
    { key: 'costing', hint: tr(T.reconcileHint, lang) },
  );
}
