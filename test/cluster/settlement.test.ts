import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percentKey, settle, transfersFor } from '../../src/cluster/settlement.js';
import type { Project } from '../../src/cluster/model.js';
import { UserError } from '../../src/errors.js';

const kr = (n: number) => BigInt(Math.round(n * 100));
const key = percentKey({ R: 40, F: 20, S: 20, N: 10, H: 10 });
const lab: Project = { id: 'LAB', title: 'Laboratorium', fund: 'klynge', owner: 'H', budget: [] };
// the steering group's skewed split: the hospital and Norddjurs do not take part
const coordinator: Project = {
  id: 'PK',
  title: 'Proceskoordinator',
  fund: 'klynge',
  owner: 'R',
  budget: [],
  split: { R: 50n, F: 25n, S: 25n },
};

describe('annual settlement', () => {
  it('shares by the key or the decided split, credits a-conto and settles with few transfers (hand-computed)', () => {
    const s = settle({
      year: 2024,
      key,
      projects: [lab, coordinator],
      costs: [
        { project: 'LAB', org: 'H', amount: kr(60_000) },
        { project: 'PK', org: 'R', amount: kr(400_000) },
      ],
      onAccount: [{ from: 'F', to: 'R', amount: kr(100_000) }],
      reported: ['LAB', 'PK'],
    });
    const by = Object.fromEntries(s.statements.map((x) => [x.org, x]));
    expect(s.total).toBe(kr(460_000));
    // LAB 60,000 by 40/20/20/10/10; PK 400,000 by 50/25/25
    expect(by.R!.share).toBe(kr(224_000));
    expect(by.F!.share).toBe(kr(112_000));
    expect(by.S!.share).toBe(kr(112_000));
    expect(by.N!.share).toBe(kr(6_000));
    expect(by.H!.share).toBe(kr(6_000));
    // net = paid + a-conto paid − a-conto received − share
    expect(by.R!.net).toBe(kr(76_000));
    expect(by.F!.net).toBe(kr(-12_000));
    expect(by.S!.net).toBe(kr(-112_000));
    expect(by.N!.net).toBe(kr(-6_000));
    expect(by.H!.net).toBe(kr(54_000));
    expect(s.transfers).toEqual([
      { from: 'S', to: 'R', amount: kr(76_000) },
      { from: 'S', to: 'H', amount: kr(36_000) },
      { from: 'F', to: 'H', amount: kr(12_000) },
      { from: 'N', to: 'H', amount: kr(6_000) },
    ]);
  });

  it('rounds once: two 1-øre projects over three equal members give 1, 1, 0 øre (per-project rounding would give 2, 0, 0)', () => {
    const p = (id: string): Project => ({ id, title: id, fund: 'f', owner: 'A', budget: [] });
    const s = settle({
      year: 2024,
      key: { A: 1n, B: 1n, C: 1n },
      projects: [p('P1'), p('P2')],
      costs: [
        { project: 'P1', org: 'A', amount: 1n },
        { project: 'P2', org: 'A', amount: 1n },
      ],
      reported: ['P1', 'P2'],
    });
    expect(s.statements.map((x) => x.share)).toEqual([1n, 1n, 0n]);
    expect(s.statements.map((x) => x.net)).toEqual([1n, -1n, 0n]);
    expect(s.transfers).toEqual([{ from: 'B', to: 'A', amount: 1n }]);
  });

  it('stops on a missing report, a member outside the cluster and a key that is not 100 %', () => {
    const base = { year: 2024, key, projects: [lab], costs: [], reported: [] as string[] };
    expect(() => settle(base)).toThrow(
      /lacks the cost report for the project "Laboratorium" from its economic owner \(H\)/,
    );
    expect(() =>
      settle({ ...base, reported: ['LAB'], costs: [{ project: 'LAB', org: 'X', amount: 1n }] }),
    ).toThrow(/X is not a member/);
    expect(() => percentKey({ R: 40, F: 20, S: 20, N: 10, H: 9.5 })).toThrow(/adds up to 99,50 %, not 100 %/);
    expect(() => percentKey({ R: '40,125' })).toThrow(UserError);
    expect(percentKey({ R: '31,25', F: 68.75 })).toEqual({ R: 3125n, F: 6875n });
  });

  it('property: shares add up to the costs, balances to zero, and the transfers settle them in at most n − 1 steps', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 2, maxLength: 7 }),
        fc.array(fc.tuple(fc.nat(20), fc.nat(20), fc.bigInt({ min: 0n, max: 10_000_000n })), {
          maxLength: 12,
        }),
        fc.array(fc.tuple(fc.nat(20), fc.nat(20), fc.bigInt({ min: 1n, max: 1_000_000n })), { maxLength: 4 }),
        (weights, costRows, acontos) => {
          if (!weights.some((w) => w > 0)) weights[0] = 1;
          const members = weights.map((_, i) => `M${i}`);
          const k = Object.fromEntries(members.map((m, i) => [m, BigInt(weights[i]!)]));
          const projects: Project[] = [0, 1, 2].map((i) => ({
            id: `P${i}`,
            title: `P${i}`,
            fund: 'f',
            owner: members[0]!,
            budget: [],
            ...(i === 2 ? { split: { [members[members.length - 1]!]: 1n } } : {}),
          }));
          const costs = costRows.map(([p, o, amount]) => ({
            project: `P${p % 3}`,
            org: members[o % members.length]!,
            amount,
          }));
          const onAccount = acontos
            .map(([a, b, amount]) => ({
              from: members[a % members.length]!,
              to: members[b % members.length]!,
              amount,
            }))
            .filter((x) => x.from !== x.to);
          const s = settle({ year: 2024, key: k, projects, costs, onAccount, reported: ['P0', 'P1', 'P2'] });
          const total = costs.reduce((a, c) => a + c.amount, 0n);
          expect(s.statements.reduce((a, x) => a + x.share, 0n)).toBe(total);
          expect(s.statements.reduce((a, x) => a + x.net, 0n)).toBe(0n);
          expect(s.transfers.length).toBeLessThanOrEqual(Math.max(0, members.length - 1));
          const after = new Map(s.statements.map((x) => [x.org, x.net]));
          for (const t of s.transfers) {
            expect(t.amount > 0n).toBe(true);
            after.set(t.from, after.get(t.from)! + t.amount);
            after.set(t.to, after.get(t.to)! - t.amount);
          }
          for (const v of after.values()) expect(v).toBe(0n);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('transfersFor pays nothing when everyone is even', () => {
    expect(transfersFor([{ org: 'A', net: 0n }])).toEqual([]);
  });
});
