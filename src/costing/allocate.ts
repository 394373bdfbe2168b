/**
 * Allocation, without a database: ledger targets and service volumes → cells (period × municipality)
 * of interventions → each cell's pools allocated onto them (pools.ts). Exact integers throughout.
 */
import type { PoolConfig } from '../config/schema.js';
import { UNITS } from '../catalogue/units.js';
import { scaleDecimal } from './money.js';
import type { Method } from './methods.js';
import type { Provider } from './patterns.js';
import { allocatePools, interventionKey, type Intervention, type PoolResult } from './pools.js';
import type { LedgerTarget } from './translation.js';

/** An intervention of one cell with its method, volume weights by unit and persons by unit. */
export interface IvState extends Intervention {
  method: Method;
  /** volume × 10^10 by unit */
  weights: Map<string, bigint>;
  persons: Map<string, bigint>;
  /** the unit that carries the cost (allocationUnit), set by allocateCells */
  unit: string | null;
  ledgerLines: bigint;
}

/** One period and municipality: its interventions and the ledger amounts that are not theirs. */
export interface Cell {
  period: string;
  municipality: string;
  ivs: Map<string, IvState>;
  poolLedger: Map<string, bigint>;
  excluded: Map<string, bigint>;
  nonattributable: Map<string, bigint>;
}

/** Service volume of one cell, intervention and unit (what cost_work_volume sums to); a type, so a query row. */
export type VolumeRow = {
  period: string;
  municipality: string;
  code: string;
  provider: Provider;
  unit: string;
  /** volume × 10^10 */
  w: bigint;
  persons: bigint;
  /** rows of a record-amount service without an amount */
  missing: bigint;
};

export interface OpenActivity {
  id: string;
  volume?: number;
}

/** The separator of composite keys (period, municipality, intervention): never in a code or id. */
export const SEP = '\u0001';
export const cellKey = (period: string, municipality: string) => `${period}${SEP}${municipality}`;

/**
 * Gather ledger targets and volumes into cells; every cell gets every open activity, so a pool reaches
 * it even without ledger lines of its own.
 * @param methodOf method per intervention key; missing keys are 'kpb'
 */
export function buildCells(
  targets: readonly LedgerTarget[],
  volumes: readonly VolumeRow[],
  methodOf: ReadonlyMap<string, Method>,
  openActivities: readonly OpenActivity[],
): Map<string, Cell> {
  const cells = new Map<string, Cell>();
  const cellOf = (period: string, municipality: string): Cell => {
    const k = cellKey(period, municipality);
    let c = cells.get(k);
    if (!c) {
      c = {
        period,
        municipality,
        ivs: new Map(),
        poolLedger: new Map(),
        excluded: new Map(),
        nonattributable: new Map(),
      };
      cells.set(k, c);
    }
    return c;
  };
  const ivOf = (cell: Cell, code: string, provider: Provider): IvState => {
    const key = interventionKey(code, provider);
    let iv = cell.ivs.get(key);
    if (!iv) {
      iv = { ...emptyIv(key, code, provider), method: methodOf.get(key) ?? 'kpb' };
      cell.ivs.set(key, iv);
    }
    return iv;
  };
  const openOf = (cell: Cell, id: string): IvState => {
    const key = `open:${id}`;
    let iv = cell.ivs.get(key);
    if (!iv) {
      const volume = openActivities.find((o) => o.id === id)?.volume ?? 0;
      iv = { ...emptyIv(key, id, 'own'), volumeWeight: scaleDecimal(String(volume), 10), open: true };
      cell.ivs.set(key, iv);
    }
    return iv;
  };
  const bump = (m: Map<string, bigint>, k: string, amount: bigint) => m.set(k, (m.get(k) ?? 0n) + amount);
  for (const t of targets) {
    const cell = cellOf(t.period, t.municipality);
    if (t.targetType === 'intervention' || t.targetType === 'open_activity') {
      const iv = t.targetType === 'open_activity' ? openOf(cell, t.target) : ivOf(cell, t.target, t.provider);
      iv.direct += t.amount;
      iv.ledgerLines += t.lines;
    } else if (t.targetType === 'pool') bump(cell.poolLedger, t.target, t.amount);
    else if (t.targetType === 'excluded') bump(cell.excluded, t.target, t.amount);
    else bump(cell.nonattributable, t.target, t.amount);
  }
  for (const v of volumes) {
    const iv = ivOf(cellOf(v.period, v.municipality), v.code, v.provider);
    iv.weights.set(v.unit, (iv.weights.get(v.unit) ?? 0n) + v.w);
    iv.persons.set(v.unit, v.persons);
  }
  for (const cell of cells.values()) for (const o of openActivities) openOf(cell, o.id);
  return cells;
}

function emptyIv(key: string, code: string, provider: Provider): IvState {
  return {
    key,
    code,
    provider,
    direct: 0n,
    volumeWeight: 0n,
    method: 'kpb',
    weights: new Map(),
    persons: new Map(),
    unit: null,
    ledgerLines: 0n,
  };
}

/** Cells in key order (period, then municipality): every output is written in this order. */
export function sortedCells(cells: ReadonlyMap<string, Cell>): Cell[] {
  return [...cells.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, c]) => c);
}

/** The measure that carries the cost: the catalogue unit (for hours the configured measure), else the first unit with volume. */
export function allocationUnit(
  iv: { weights: ReadonlyMap<string, bigint> },
  catalogueUnit: string | undefined,
  homeCareMeasure: string,
): string | null {
  const hours = ['hour_granted', 'hour_performed'];
  const preferred =
    catalogueUnit && hours.includes(catalogueUnit)
      ? [homeCareMeasure, ...hours]
      : catalogueUnit
        ? [catalogueUnit]
        : [];
  for (const u of [...preferred, ...UNITS]) if ((iv.weights.get(u) ?? 0n) > 0n) return u;
  for (const u of [...iv.weights.keys()].sort()) if (iv.weights.get(u)! > 0n) return u;
  return catalogueUnit ?? null;
}

/** A KPB intervention's allocated total and volume weight: the input of the cost per person. */
export interface UnitTotal {
  period: string;
  municipality: string;
  code: string;
  provider: Provider;
  unit: string;
  totalMinor: bigint;
  weightTotal: bigint;
}

export interface CellAllocation {
  cell: Cell;
  result: PoolResult;
}

/**
 * Choose each intervention's allocation unit and volume weight, then allocate every cell's pools.
 * Sets `unit` and `volumeWeight` on the cells' interventions.
 * @param catalogueUnit the catalogue unit of a code (undefined when the code is not in the catalogue)
 */
export function allocateCells(
  cells: ReadonlyMap<string, Cell>,
  pools: readonly PoolConfig[],
  catalogueUnit: (code: string) => string | undefined,
  homeCareMeasure: string,
): { allocations: CellAllocation[]; totals: UnitTotal[] } {
  const allocations: CellAllocation[] = [];
  const totals: UnitTotal[] = [];
  for (const cell of sortedCells(cells)) {
    for (const iv of cell.ivs.values()) {
      if (iv.open) continue;
      iv.unit = allocationUnit(iv, catalogueUnit(iv.code), homeCareMeasure);
      iv.volumeWeight = iv.unit ? (iv.weights.get(iv.unit) ?? 0n) : 0n;
    }
    const result = allocatePools(pools, [...cell.ivs.values()], cell.poolLedger);
    allocations.push({ cell, result });
    for (const iv of cell.ivs.values()) {
      const total = sumMinor(result.vectors.get(iv.key)!.values());
      if (!iv.open && iv.method === 'kpb' && iv.volumeWeight > 0n && total !== 0n) {
        totals.push({
          period: cell.period,
          municipality: cell.municipality,
          code: iv.code,
          provider: iv.provider,
          unit: iv.unit!,
          totalMinor: total,
          weightTotal: iv.volumeWeight,
        });
      }
    }
  }
  return { allocations, totals };
}

export const sumMinor = (xs: Iterable<bigint>): bigint => {
  let s = 0n;
  for (const x of xs) s += x;
  return s;
};
