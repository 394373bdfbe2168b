/**
 * A chosen group and a result against the breakdowns they are drawn from, as a property: random persons
 * (services, departments, an attribute, heavy or not, a result reached or not) give the marts a group's and
 * a result's counts are set against (mart_unit_cost, mart_department_matrix, mart_heavy, mart_group_overlap,
 * mart_result), each row with the persons behind it. After the linked pass, no shown figure may lie
 * 1 … threshold − 1 persons from a shown figure a reader knows it holds by the definitions: a group by
 * services holds each service's users, a group by an attribute the heavy with it, a result its services'
 * users and those who reached it; a group's overlap with a department lies in the group and in the
 * department's persons. (test/suppression/published.test.ts runs the real commands on such populations.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Row } from '../../src/engine/engine.js';
import { publishMarts } from './marts-helper.js';

const T = 5;
const SERVICES = ['S1', 'S2', 'S3', 'S4'];
const DEPARTMENTS = ['A', 'B', 'C'];
const unit = { period: '2024', municipality: '851' };

const personArb = fc.record({
  services: fc.subarray(SERVICES, { minLength: 1 }),
  departments: fc.subarray(DEPARTMENTS, { minLength: 1 }),
  attribute: fc.boolean(),
  heavy: fc.boolean(),
  reached: fc.boolean(),
});
type Person = {
  services: string[];
  departments: string[];
  attribute: boolean;
  heavy: boolean;
  reached: boolean;
};

/** A figure: its mart and row, the persons column, and the persons behind it (a bit each). */
interface Figure {
  mart: string;
  row: number;
  mask: bigint;
  name: string;
}

function marts(people: Person[]) {
  const set = (keep: (p: Person) => boolean) =>
    people.reduce((m, p, i) => (keep(p) ? m | (1n << BigInt(i)) : m), 0n);
  const size = (m: bigint) => BigInt(m.toString(2).replace(/0/g, '').length);
  const figures: Figure[] = [];
  const rows: Record<string, Row[]> = {};
  const add = (mart: string, row: Row, masks: Record<string, bigint>) => {
    rows[mart] = [...(rows[mart] ?? []), row];
    for (const [name, mask] of Object.entries(masks))
      figures.push({ mart, row: rows[mart]!.length - 1, mask, name });
  };
  const users = (service: string) => set((p) => p.services.includes(service));
  for (const s of SERVICES) {
    const m = users(s);
    if (m !== 0n)
      add(
        'mart_unit_cost',
        {
          ...unit,
          catalogue_code: s,
          provider: 'own',
          unit: 'hour',
          total_minor: size(m) * 1_000n,
          persons: size(m),
        },
        { [`users ${s}`]: m },
      );
  }
  for (const d of DEPARTMENTS) {
    const m = set((p) => p.departments.includes(d));
    if (m !== 0n)
      add(
        'mart_department_matrix',
        { ...unit, department_a: d, department_b: d, persons: size(m), cost_minor: size(m) * 1_000n },
        { [`department ${d}`]: m },
      );
  }
  // the heavy by the attribute (a partition of the heavy: with it, without it, all)
  for (const [value, keep] of [
    ['a', (p: Person) => p.heavy && p.attribute],
    ['?', (p: Person) => p.heavy && !p.attribute],
    ['*', (p: Person) => p.heavy],
  ] as const) {
    const m = set(keep);
    if (m !== 0n)
      add(
        'mart_heavy',
        { ...unit, dimension: 'target_group', value, persons: size(m), cost_minor: size(m) * 10_000n },
        { [`heavy ${value}`]: m },
      );
  }
  // the groups: g1 the users of S1 or S2 (own department A), g2 those with the attribute (own department A)
  const groups = {
    g1: set((p) => p.services.includes('S1') || p.services.includes('S2')),
    g2: set((p) => p.attribute),
  };
  for (const [id, g] of Object.entries(groups)) {
    if (g === 0n) continue;
    const member = (i: number) => ((g >> BigInt(i)) & 1n) === 1n;
    const overlap = (d: string | null) =>
      set(
        (p) => member(people.indexOf(p)) && p.departments.some((x) => x !== 'A' && (d === null || x === d)),
      );
    for (const d of ['B', 'C', '*any*']) {
      const o = overlap(d === '*any*' ? null : d);
      if (o === 0n) continue;
      add(
        'mart_group_overlap',
        { ...unit, group_id: id, department: d, group_persons: size(g), persons: size(o), share: 0 },
        { [`${id} size`]: g, [`${id} overlap ${d}`]: o },
      );
    }
  }
  // the result: the users of S1 or S3, and those of them who reached it
  const u = set((p) => p.services.includes('S1') || p.services.includes('S3'));
  const r = set((p) => (p.services.includes('S1') || p.services.includes('S3')) && p.reached);
  if (u !== 0n)
    add(
      'mart_result',
      {
        ...unit,
        result_id: 'r',
        users: size(u),
        persons: size(r),
        cost_minor: size(u) * 1_000n,
        cost_per_result_minor: null,
      },
      { 'r users': u, 'r reached': r },
    );
  return { rows, figures };
}

/** The figures a reader knows to hold another, by the definitions: [holder, held]. */
const KNOWN: [RegExp, RegExp][] = [
  [/^g1 size$/, /^users S[12]$/],
  [/^g2 size$/, /^heavy a$/],
  [/^r users$/, /^users S[13]$/],
  [/^r users$/, /^r reached$/],
  [/^(g\d) size$/, /^g\d overlap/],
  [/^department (\w)$/, /^g\d overlap (\w)$/],
];

function leaks(people: Person[]): string[] {
  const { rows, figures } = marts(people);
  const hidden = publishMarts(rows, T);
  const shown = figures.filter((f) => !hidden.get(f.mart)![f.row]);
  const persons = (m: bigint) => m.toString(2).replace(/0/g, '').length;
  const problems: string[] = [];
  for (const big of shown)
    for (const small of shown) {
      const known = KNOWN.some(([h, s]) => {
        const a = h.exec(big.name);
        const b = s.exec(small.name);
        // a group's own overlaps, a department's own overlap rows
        return a !== null && b !== null && (a[1] === undefined || small.name.includes(a[1]) || b[1] === a[1]);
      });
      if (!known || (small.mask & big.mask) !== small.mask) continue;
      const rest = persons(big.mask) - persons(small.mask);
      if (rest > 0 && rest < T)
        problems.push(
          `${big.name} (${persons(big.mask)}) − ${small.name} (${persons(small.mask)}) = ${rest}`,
        );
    }
  return problems;
}

describe('a chosen group and a result against the breakdowns they are drawn from (property)', () => {
  // SEED=… LOOSE_RUNS=… search further; each run is one linked pass over a few dozen rows
  const seeds = (process.env.SEED ?? '1,2,3').split(',').map(Number);
  it.each(seeds)('no shown figure lies 1 … threshold − 1 from one it is known to hold (seed %i)', (seed) => {
    fc.assert(
      fc.property(fc.array(personArb, { minLength: 5, maxLength: 24 }), (people) => {
        expect(leaks(people)).toEqual([]);
      }),
      { numRuns: Number(process.env.LOOSE_RUNS ?? 100), seed, endOnFailure: true },
    );
  });
});
