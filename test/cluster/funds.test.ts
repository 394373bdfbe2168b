import { describe, expect, it } from 'vitest';
import { assertProject, available, balances, checkProject } from '../../src/cluster/funds.js';
import type { Fund, Grant, Project } from '../../src/cluster/model.js';

const kr = (n: number) => BigInt(Math.round(n * 100));
const funds: Fund[] = [
  { id: 'klynge', name: 'Klyngemidler', allows: ['development'], carryOver: true },
  {
    id: 'stomi',
    name: 'Stomimidler',
    allows: ['development', 'secretariat', 'administration', 'operation'],
    carryOver: true,
  },
];
// the seed's block grant: 3.027 mio. kr. for 2022 and 3.032 mio. kr. for 2023, held by each member
const grants: Grant[] = [
  ...[
    ['R', 1_027_000],
    ['F', 700_000],
    ['S', 650_000],
    ['N', 650_000],
  ].map(([member, v]) => ({ fund: 'klynge', year: 2022, member: member as string, amount: kr(v as number) })),
  ...[
    ['R', 1_029_000],
    ['F', 701_000],
    ['S', 651_000],
    ['N', 651_000],
  ].map(([member, v]) => ({ fund: 'klynge', year: 2023, member: member as string, amount: kr(v as number) })),
];

describe('fund balances', () => {
  it('carries unspent 2022 money into 2023: 3.027 + 3.032 = 6.059 mio. kr. (the seed)', () => {
    const rows = balances(funds, grants, []);
    expect(available(rows, 'klynge', 2022)).toBe(kr(3_027_000));
    expect(available(rows, 'klynge', 2023)).toBe(kr(6_059_000));
    const r2023 = rows.find((b) => b.member === 'R' && b.year === 2023)!;
    expect(r2023).toMatchObject({ opening: kr(1_027_000), grant: kr(1_029_000), closing: kr(2_056_000) });
  });

  it("a drawing lowers the member's closing balance and next year's opening; without carry-over nothing moves", () => {
    const drawings = [{ fund: 'klynge', year: 2022, member: 'F', amount: kr(100_000) }];
    const rows = balances(funds, grants, drawings);
    expect(rows.find((b) => b.member === 'F' && b.year === 2023)!.opening).toBe(kr(600_000));
    const noCarry = balances([{ ...funds[0]!, carryOver: false }], grants, drawings);
    expect(available(noCarry, 'klynge', 2023)).toBe(kr(3_032_000));
  });
});

describe('fund rules', () => {
  const rows = balances(funds, grants, []);
  const lab: Project = {
    id: 'LAB',
    title: 'Laboratorium',
    fund: 'klynge',
    owner: 'H',
    budget: [{ year: 2023, category: 'development', amount: kr(60_000) }],
  };
  it('a development-only fund refuses secretariat costs, naming the rule; the stoma fund pays them', () => {
    const secretariat: Project = {
      id: 'SEK',
      title: 'Sekretariat',
      fund: 'klynge',
      owner: 'R',
      budget: [{ year: 2023, category: 'secretariat', amount: kr(50_000) }],
    };
    expect(checkProject(secretariat, funds, rows)).toEqual([
      expect.objectContaining({ rule: 'fund_allows', category: 'secretariat', fund: 'klynge' }),
    ]);
    expect(() => assertProject(secretariat, funds, rows)).toThrow(
      'The project "Sekretariat" asks for 50000.00 kr. for secretariat in 2023, but the fund "Klyngemidler" pays only for development.',
    );
    expect(
      checkProject(
        { ...secretariat, fund: 'stomi' },
        funds,
        balances(funds, [...grants, { fund: 'stomi', year: 2023, member: 'R', amount: kr(950_800) }], []),
      ),
    ).toEqual([]);
  });
  it('a budget above what is left after the approved projects is refused with the amount left', () => {
    const big: Project = {
      id: 'BIG',
      title: 'Stort projekt',
      fund: 'klynge',
      owner: 'R',
      budget: [{ year: 2023, category: 'development', amount: kr(6_000_000) }],
    };
    expect(checkProject(big, funds, rows)).toEqual([]);
    // 6,059,000 − the laboratory's 60,000 = 5,999,000 left
    expect(checkProject(big, funds, rows, [lab])).toEqual([
      expect.objectContaining({
        rule: 'fund_balance',
        year: 2023,
        amount: kr(6_000_000),
        left: kr(5_999_000),
      }),
    ]);
  });
});

describe('after the last grant', () => {
  it('a year without grants has what each member carried (6.059 mio. kr. in 2024 when nothing was drawn); without carry-over nothing', () => {
    const rows = balances(funds, grants, []);
    expect(available(rows, 'klynge', 2024)).toBe(kr(6_059_000));
    expect(available(rows, 'klynge', 2024, false)).toBe(0n);
  });
});
