/**
 * Allocation and reconciliation as pure functions: small literal cells, expectations computed by hand
 * in the comments (no database, no golden file).
 */
import { describe, expect, it } from 'vitest';
import type { PoolConfig } from '../../src/config/schema.js';
import { allocateCells, allocationUnit, buildCells, type VolumeRow } from '../../src/costing/allocate.js';
import { interventionKey } from '../../src/costing/pools.js';
import { ivCellKey, reconcileCell, splitByOrigin } from '../../src/costing/reconcile.js';
import type { LedgerTarget } from '../../src/costing/translation.js';

const E10 = 10_000_000_000n; // volume weights are volume × 10^10

const target = (targetType: LedgerTarget['targetType'], t: string, amount: bigint): LedgerTarget => ({
  period: 'P1',
  municipality: '851',
  targetType,
  target: t,
  provider: 'own',
  lines: 1n,
  amount,
});
const volume = (code: string, unit: string, units: bigint, persons: bigint): VolumeRow => ({
  period: 'P1',
  municipality: '851',
  code,
  provider: 'own',
  unit,
  w: units * E10,
  persons,
  missing: 0n,
});
const ADM: PoolConfig = {
  id: 'ADM',
  kind: 'administration',
  key: 'direct_cost',
  targets: ['A', 'B'],
  order: 0,
};

/**
 * One cell: A has 10.00 kr direct and 2 days, B 5.00 kr and 1 day; pool ADM (3.00 kr, key direct cost)
 * goes 1000:500 → A 200 øre, B 100 øre; 0.50 kr excluded, 0.20 kr non-attributable by the ledger.
 */
function example() {
  const cells = buildCells(
    [
      target('intervention', 'A', 1000n),
      target('intervention', 'B', 500n),
      target('pool', 'ADM', 300n),
      target('excluded', 'vat', 50n),
      target('nonattributable', 'misc', 20n),
    ],
    [volume('A', 'day', 2n, 2n), volume('B', 'day', 1n, 1n)],
    new Map(),
    [],
  );
  return { cells, ...allocateCells(cells, [ADM], () => 'day', 'hour_performed') };
}

describe('allocation (pure)', () => {
  it('buildCells gathers ledger targets and volumes into one cell per period and municipality', () => {
    const { cells } = example();
    expect([...cells.keys()]).toEqual(['P1\u0001851']);
    const cell = cells.get('P1\u0001851')!;
    expect(cell.poolLedger).toEqual(new Map([['ADM', 300n]]));
    expect(cell.excluded).toEqual(new Map([['vat', 50n]]));
    expect(cell.nonattributable).toEqual(new Map([['misc', 20n]]));
    expect(cell.ivs.get('A')).toMatchObject({ direct: 1000n, method: 'kpb', ledgerLines: 1n });
    expect(cell.ivs.get('A')!.weights).toEqual(new Map([['day', 2n * E10]]));
  });

  it('allocateCells splits a direct-cost pool 1000:500 and gives the KPB totals per unit', () => {
    const { allocations, totals } = example();
    const vectors = allocations[0]!.result.vectors;
    expect(vectors.get('A')).toEqual(
      new Map([
        ['direct', 1000n],
        ['pool:ADM', 200n],
      ]),
    );
    expect(vectors.get('B')).toEqual(
      new Map([
        ['direct', 500n],
        ['pool:ADM', 100n],
      ]),
    );
    expect(totals).toEqual([
      {
        period: 'P1',
        municipality: '851',
        code: 'A',
        provider: 'own',
        unit: 'day',
        totalMinor: 1200n,
        weightTotal: 2n * E10,
      },
      {
        period: 'P1',
        municipality: '851',
        code: 'B',
        provider: 'own',
        unit: 'day',
        totalMinor: 600n,
        weightTotal: E10,
      },
    ]);
  });

  it('every cell gets every open activity; its volume weight is its configured volume', () => {
    const cells = buildCells([], [volume('A', 'day', 1n, 1n)], new Map(), [{ id: 'street', volume: 3 }]);
    expect(cells.get('P1\u0001851')!.ivs.get('open:street')).toMatchObject({
      open: true,
      direct: 0n,
      volumeWeight: 3n * E10,
    });
  });

  it('allocationUnit: the configured hours measure first, then the catalogue unit, then any unit with volume', () => {
    const w = (m: Record<string, bigint>) => ({ weights: new Map(Object.entries(m)) });
    expect(
      allocationUnit(w({ hour_granted: 5n, hour_performed: 4n }), 'hour_granted', 'hour_performed'),
    ).toBe('hour_performed');
    expect(allocationUnit(w({ hour_granted: 5n }), 'hour_granted', 'hour_performed')).toBe('hour_granted');
    expect(allocationUnit(w({ day: 0n, week: 2n }), 'day', 'hour_performed')).toBe('week');
    expect(allocationUnit(w({}), 'day', 'hour_performed')).toBe('day');
    expect(allocationUnit(w({}), undefined, 'hour_performed')).toBeNull();
  });
});

describe('reconciliation (pure)', () => {
  it('splitByOrigin splits by the largest remainder: 500 over 500:100 → 417 + 83', () => {
    // 500·500/600 = 416.67 and 500·100/600 = 83.33: floors 416 + 83, the left-over øre to the larger remainder
    expect(
      splitByOrigin(
        500n,
        new Map([
          ['direct', 500n],
          ['pool:ADM', 100n],
        ]),
        600n,
      ),
    ).toEqual(
      new Map([
        ['direct', 417n],
        ['pool:ADM', 83n],
      ]),
    );
    // a negative total (net income) is split with the same shares
    expect(splitByOrigin(-10n, new Map([['direct', -30n]]), -30n)).toEqual(new Map([['direct', -10n]]));
    expect(splitByOrigin(0n, new Map([['direct', 30n]]), 30n)).toEqual(new Map([['direct', 0n]]));
  });

  it('every øre of the cell is attributed, non-attributable (with a reason) or excluded', () => {
    const { allocations } = example();
    // persons received all of A (12.00 kr); of B 5.00 kr, and 1.00 kr went to rows without a person,
    // a quarter of whose volume came from a source that maps person ids: 25 øre unidentified, 75 open.
    const received = new Map([
      [ivCellKey('P1', '851', interventionKey('A', 'own')), { a: 1200n, o: 0n }],
      [ivCellKey('P1', '851', 'B'), { a: 500n, o: 100n }],
    ]);
    const unidentified = new Map([[ivCellKey('P1', '851', 'B'), { u: 1n, t: 4n }]]);
    const rows = reconcileCell(
      allocations[0]!,
      received,
      unidentified,
      new Map([['ADM', 'administration']]),
      'en',
    );
    expect(rows.warnings).toEqual([]);
    expect(rows.nonRows).toEqual([
      ['P1', '851', 'ledger_nonattributable', 'misc', null, null, 20n],
      ['P1', '851', 'unidentified_persons', 'B', 'B', 'own', 25n],
      ['P1', '851', 'open_activity', 'B', 'B', 'own', 75n],
    ]);
    // A: 1200 over direct 1000 / ADM 200 → all attributed. B: 500 over 500:100 → 417 direct, 83 ADM.
    // ADM: 300 ledger, attributed 200 + 83 = 283, non-attributable 17. Sum: 1870 = 1700 + 120 + 50.
    expect(rows.reconRows).toEqual([
      ['P1', '851', 'excluded', 'vat', 50n, 0n, 0n, 50n, 0n, 0n],
      ['P1', '851', 'intervention', 'A', 1000n, 1000n, 0n, 0n, 0n, 0n],
      ['P1', '851', 'intervention', 'B', 500n, 417n, 83n, 0n, 0n, 0n],
      ['P1', '851', 'nonattributable', 'misc', 20n, 0n, 20n, 0n, 0n, 0n],
      ['P1', '851', 'pool', 'ADM', 300n, 283n, 17n, 0n, 0n, 0n],
    ]);
    // unit cost: A 1200 / 2 days = 600.0000 øre, B 600 / 1 day = 600.0000 øre; ADM is administration
    expect(rows.unitRows).toEqual([
      [
        'P1',
        '851',
        'A',
        'day',
        '2.0000',
        1000n,
        200n,
        0n,
        1200n,
        '600.0000',
        2n,
        'own',
        'kpb',
        '0.0000',
        '0.0000',
        null,
        null,
        1200n,
        0n,
      ],
      [
        'P1',
        '851',
        'B',
        'day',
        '1.0000',
        500n,
        100n,
        0n,
        600n,
        '600.0000',
        1n,
        'own',
        'kpb',
        '0.0000',
        '0.0000',
        null,
        null,
        500n,
        100n,
      ],
    ]);
    expect(rows.stepRows).toEqual([
      ['P1', '851', 'ADM', 'administration', 1, 'direct_cost', 'intervention', 'A', 'own', '10', 200n],
      ['P1', '851', 'ADM', 'administration', 1, 'direct_cost', 'intervention', 'B', 'own', '5', 100n],
    ]);
  });

  it('a priced service the ledger does not cover is reported as attributed outside the ledger', () => {
    const cells = buildCells([], [volume('C', 'hour', 7n, 1n)], new Map([['C', 'price' as const]]), []);
    const { allocations, totals } = allocateCells(cells, [], () => 'hour', 'hour_performed');
    expect(totals).toEqual([]); // only KPB interventions are costed from the ledger
    const rows = reconcileCell(
      allocations[0]!,
      new Map([[ivCellKey('P1', '851', 'C'), { a: 700n, o: 0n }]]),
      new Map(),
      new Map(),
      'en',
    );
    expect(rows.reconRows).toEqual([['P1', '851', 'intervention', 'C', 0n, 0n, 0n, 0n, 0n, 700n]]);
    expect(rows.nonRows).toEqual([]);
  });

  it('a KPB intervention with cost but no volume: its cost is non-attributable (no_volume) with a warning', () => {
    const cells = buildCells([target('intervention', 'D', 900n)], [], new Map(), []);
    const { allocations } = allocateCells(cells, [], () => 'day', 'hour_performed');
    const rows = reconcileCell(allocations[0]!, new Map(), new Map(), new Map(), 'en');
    expect(rows.nonRows).toEqual([['P1', '851', 'no_volume', 'D', 'D', 'own', 900n]]);
    expect(rows.reconRows).toEqual([['P1', '851', 'intervention', 'D', 900n, 0n, 900n, 0n, 0n, 0n]]);
    expect(rows.warnings).toHaveLength(1);
  });
});
