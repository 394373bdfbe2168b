/**
 * The done-when test of small-cell suppression: random small populations through the real commands
 * (`analyse` and `report` in-process, the API's snapshot with its JSON rows and CSV), and no published
 * figure — directly, or by subtraction between published figures (adjacent cumulative rows, totals
 * minus visible parts, the same persons in two tables) — may rest on 1…threshold−1 persons.
 *
 * How figures are traced back to persons without trusting the code under test: person i's two cost
 * rows (municipal and regional) cost 1,237 kr × 2^(2i) and × 2^(2i+1), so every sum of cost rows is a
 * distinct multiple of 1,237 kr whose binary digits name the rows (and so the persons) behind it. Every
 * number in every output that is a multiple of 1,237 kr is decoded; order statistics (medians, thresholds) and means
 * of published rows are exempt: they describe a row of ≥ threshold persons, not a sum. The counts of a
 * chosen group (mart_group_overlap) and of a result (mart_result) carry no amount of their own: the persons
 * behind them are worked out from the population (countMasks) and checked the same way.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MART_TABLES } from '../../src/analysis/marts.js';
import { toCsv } from '../../src/serve/export.js';
import { loadSnapshot } from '../../src/serve/snapshot.js';
import { runCli } from '../helpers/cli.js';
import { warehouse, type CostRow } from '../analysis/fixture.js';

const T = 5;
// 1,237 kr in øre: a prime number of kroner, so no round amount (a chart tick, a configured bound) decodes
const UNIT = 123_700n;
const AGES = [5, 20, 35, 55, 70, 85];
const CODES = [
  { code: 'SEL-83-PP', law: 'Serviceloven § 83' },
  { code: 'BES-SDP', law: 'Sygedagpengeloven' },
  { code: 'SUL-140', law: 'Sundhedsloven § 140' },
  { code: 'SEL-96', law: 'Serviceloven § 96' },
];
const DEPTS = ['ÆH', 'FB', 'SK'];

const personFields = {
  age: fc.constantFrom(...AGES),
  sex: fc.constantFrom('F' as const, 'M' as const),
  target: fc.constantFrom('a', 'b', null),
  benefit: fc.constantFrom('sickness_benefit_long_term', null),
  code: fc.nat({ max: CODES.length - 1 }),
  dept: fc.nat({ max: DEPTS.length - 1 }),
};
const personArb = fc.record(personFields);

type Person = {
  age: number;
  sex: 'F' | 'M';
  target: string | null;
  benefit: string | null;
  code: number;
  dept: number;
};

// the configured cost intervals (kr); COARSE splits a population of 10 in two intervals of 5 persons each
// (person 4 costs 950,016 kr, person 5 3,800,064 kr), so interval rows of ≥ 5 persons lie near rank cuts
const FINE = '[0, 3000, 20000, 100000, 1000000]';
const COARSE = '[0, 1000000]';

const CONFIG = (extra: string, intervals = FINE) => `
name: Testby
country: DK
currency: DKK
municipalities: ['851']
periods: [{ id: '2024', from: '2024-01-01', to: '2024-12-31' }]
pseudonymisation: { key_file: secrets/pseudonym.key }
catalogue: dk
suppression: { threshold: ${T} }
analysis:
  headline: { age_from: 18, age_to: 64, top_pct: 20, bottom_pct: 60 }
  top_shares: [20, 40, 60]
  heavy_threshold: 60000
  cost_intervals: ${intervals}
  quadrant: { municipal: { amount: 10000 }, regional: { amount: 10000 } }
  overlap_groups: [{ id: chosen, codes: ['${GROUP_CODES.join("', '")}'], department: '${OWN}' }]
  results: [{ id: reached, attribute: benefit_status, values: [sickness_benefit_long_term], codes: ['${RESULT_CODES.join("', '")}'] }]
${extra}`;

// the chosen group: the users of three of the four services (most persons, so that its rows are shown
// in populations of 4–10), its own department ÆH; the result: the users of three services (their cost)
// and those of them on long-term sickness benefit (the result)
const GROUP_CODES = ['SEL-83-PP', 'BES-SDP', 'SEL-96'];
const OWN = 'ÆH';
const RESULT_CODES = ['SEL-83-PP', 'BES-SDP', 'SUL-140'];

/** The persons behind each count of mart_group_overlap and mart_result, worked out from the population. */
function countMasks(people: Person[]) {
  const bits = (keep: (p: Person) => boolean) =>
    people.reduce((m, p, i) => (keep(p) ? m | (3n << BigInt(2 * i)) : m), 0n);
  const inGroup = (p: Person) => GROUP_CODES.includes(CODES[p.code]!.code);
  const user = (p: Person) => RESULT_CODES.includes(CODES[p.code]!.code);
  return {
    group: bits(inGroup),
    // each person is served by one municipal department (the regional contact counts in none)
    overlap: (department: string) =>
      department === '*any*'
        ? bits((p) => inGroup(p) && DEPTS[p.dept] !== OWN)
        : bits((p) => inGroup(p) && DEPTS[p.dept] === department),
    users: bits(user),
    reached: bits((p) => user(p) && p.benefit !== null),
  };
}

/** The persons behind a figure in øre, or null when it is no sum of cost rows. */
function decode(minor: bigint, n: number): bigint | null {
  if (minor <= 0n || minor % UNIT !== 0n) return null;
  const q = minor / UNIT;
  return q < 1n << BigInt(2 * n) ? q : null;
}
/** Both rows of every person with a row in the mask. */
function whole(mask: bigint): bigint {
  let out = 0n;
  for (let i = 0n; mask >> i > 0n; i += 2n) if ((mask >> i) & 3n) out |= 3n << i;
  return out;
}
function persons(mask: bigint): number {
  let count = 0;
  for (let m = mask; m > 0n; m >>= 2n) if (m & 3n) count++;
  return count;
}
const small = (p: number) => p > 0 && p < T;

/** Integers in a text, with "." / "," / spaces as thousands separators (decimals are cut off). */
function numbersIn(text: string): bigint[] {
  const out: bigint[] = [];
  for (const m of text.matchAll(/\d{1,3}(?:[. \u00a0\u202f]\d{3})+(?:,\d{2})?|\d+(?:[.,]\d{2})?/g)) {
    const [whole, cents] = m[0].replace(/[ \u00a0\u202f]/g, '').split(/[,](?=\d{2}$)|[.](?=\d{2}$)/);
    const digits = whole!.replace(/[.,]/g, '');
    out.push(BigInt(digits) * 100n + BigInt(cents ?? '0'));
  }
  return out;
}

interface Found {
  mask: bigint;
  where: string;
  /** the breakdown the figure belongs to (see FAMILY) */
  family?: string;
}

/**
 * Marts that break the persons down by something other than cost and age: departments, service
 * families, KPB areas, services. Their cells are set against each other within the same breakdown and
 * against every figure of all persons by cost and age ('cost'), but not against another breakdown: that
 * one department's citizens hold all citizens with several kinds of some service family is not in the
 * outputs (docs/report.md, known limits). Every other figure (also all text of the HTML) is 'cost'.
 */
const FAMILY: Record<string, string> = {
  mart_department_matrix: 'department',
  mart_department_count: 'department',
  mart_group_overlap: 'group',
  mart_service_overlap: 'family',
  mart_outlier: 'area',
  mart_user_mix: 'area',
  mart_quadrant_service: 'service',
  mart_unit_cost: 'service',
  mart_result: 'result',
};

/** A chosen group's overlaps are departments' persons: set against that breakdown like its own. */
const ALSO: Record<string, string[]> = { group: ['department'] };

/**
 * The breakdowns a chosen group and a result are drawn from, as their definitions say (a reader knows them):
 * each holds the users of its services. A reader knows the group holds each service's users, not that the
 * services' users are disjoint (that is this fixture's: one service a person), so such a figure is
 * subtracted alone, not with others.
 */
const DRAWN: Record<string, string[]> = { group: ['service'], result: ['service'] };

/**
 * Every figure must rest on 0 or ≥ T persons, and so must every remainder of a figure after subtracting
 * published figures of disjoint persons inside it (one or several: adjacent cumulative rows, a total
 * minus its visible parts, the same persons in another table).
 */
function leaks(found: Found[]): string[] {
  const problems: string[] = [];
  const masks = new Map<bigint, string>();
  const families = new Map<bigint, Set<string>>();
  // a figure's breakdown comes from the tables that publish it; one seen only in text counts as 'cost'
  for (const f of found) {
    if (!masks.has(f.mask)) masks.set(f.mask, f.where);
    if (f.family !== 'text')
      families.set(f.mask, (families.get(f.mask) ?? new Set()).add(f.family ?? 'cost'));
  }
  for (const m of masks.keys()) if (!families.has(m)) families.set(m, new Set(['cost']));
  const related = (a: bigint, b: bigint, to: Record<string, string[]>) => {
    const [fa, fb] = [families.get(a)!, families.get(b)!];
    const one = (x: Set<string>, y: Set<string>) => [...x].some((f) => to[f]?.some((g) => y.has(g)));
    return one(fa, fb) || one(fb, fa);
  };
  const comparable = (a: bigint, b: bigint) => {
    const fa = families.get(a)!;
    const fb = families.get(b)!;
    return fa.has('cost') || fb.has('cost') || [...fa].some((f) => fb.has(f)) || related(a, b, ALSO);
  };
  for (const [m, where] of masks)
    if (small(persons(m))) problems.push(`${where}: ${persons(m)} persons (rows ${m.toString(2)})`);
  for (const [m, where] of masks) {
    const inside = [...masks.keys()].filter((x) => x !== m && (x & m) === x && comparable(x, m));
    let unions = new Set<bigint>([0n]);
    for (const x of inside) {
      const next = new Set(unions);
      for (const u of unions) if ((u & x) === 0n) next.add(u | x);
      unions = next;
      if (unions.size > 20_000) break;
    }
    // a figure of a breakdown the mask is drawn from (or drawn from the mask's), subtracted alone and by
    // persons (a count holds both rows of a person, a service's cost one)
    const drawn = [...masks.keys()].filter(
      (x) => x !== m && !comparable(x, m) && related(x, m, DRAWN) && (whole(x) & whole(m)) === whole(x),
    );
    for (const x of drawn)
      if (whole(m) !== whole(x) && small(persons(whole(m) & ~whole(x)))) {
        problems.push(
          `${where} (rows ${m.toString(2)}) minus ${masks.get(x)!} (drawn from it) leaves ${persons(whole(m) & ~whole(x))} persons`,
        );
        break;
      }
    for (const u of unions) {
      const rest = persons(m & ~u);
      if (u !== 0n && small(rest)) {
        const parts = found.filter((f) => (f.mask & u) === f.mask && f.mask !== 0n).map((f) => f.where);
        problems.push(
          `${where} (rows ${m.toString(2)}) minus ${u.toString(2)} leaves ${rest} persons; inside: ${[...new Set(parts)].slice(0, 6).join(' | ')}`,
        );
        break;
      }
    }
  }
  return problems;
}

let decoded = 0;

async function scenario(people: Person[], intervals = FINE): Promise<string[]> {
  const n = people.length;
  const dir = mkdtempSync(path.join(tmpdir(), 'tvaerblik-published-'));
  try {
    writeFileSync(path.join(dir, 'tvaerblik.yaml'), CONFIG('', intervals));
    mkdirSync(path.join(dir, 'warehouse'));
    const costs: CostRow[] = [];
    // every person has a municipal service and a regional contact, so each is behind every sum of a cell
    // (a sum over a cell's persons never silently leaves some of them out)
    const kr = (bit: number) => Number((UNIT << BigInt(bit)) / 100n);
    people.forEach((p, i) => {
      costs.push({
        person: `p${i}`,
        code: CODES[p.code]!.code,
        law: CODES[p.code]!.law,
        department: DEPTS[p.dept]!,
        kr: kr(2 * i),
      });
      costs.push({
        person: `p${i}`,
        code: 'SUL-REG-SOM-IND',
        department: 'Region',
        sector: 'regional',
        kr: kr(2 * i + 1),
      });
    });
    const engine = await warehouse({
      persons: people.map((p, i) => ({ key: `p${i}`, born: 2023 - p.age, sex: p.sex })),
      costs,
      attributes: people.flatMap((p, i) => [
        ...(p.target ? [{ person: `p${i}`, attribute: 'target_group', value: p.target }] : []),
        ...(p.benefit ? [{ person: `p${i}`, attribute: 'benefit_status', value: p.benefit }] : []),
      ]),
      population: AGES.map((age) => ({ age, count: 100 })),
    });
    const file = path.join(dir, 'warehouse', 'tvaerblik.duckdb');
    await engine.exec(`ATTACH '${file}' AS f; COPY FROM DATABASE memory TO f; DETACH f;`);
    await engine.close();

    const found: Found[] = [];
    const exempt = new Set<bigint>();
    const add = (minor: bigint, where: string, table?: string) => {
      if (exempt.has(minor)) return;
      const mask = decode(minor, n);
      if (mask !== null)
        found.push({ mask, where, family: table === undefined ? 'text' : (FAMILY[table] ?? 'cost') });
    };

    // CLI: `analyse` prints the headline table; `report` writes the HTML and the workbook
    const analyse = await runCli(['-w', dir, '--lang', 'da', 'analyse'], { tty: true });
    if (analyse.code !== 0) throw new Error(analyse.stderr);
    const report = await runCli(['-w', dir, '--lang', 'da', 'report'], { tty: true });
    if (report.code !== 0) throw new Error(report.stderr);

    // API: every served table as JSON rows and as CSV; means and order statistics are exempt
    const snap = await loadSnapshot(file, T);
    for (const [name, t] of snap.data) {
      if (!name.startsWith('mart_')) continue;
      const info = snap.catalog.tables.get(name)!;
      for (const row of t.rows)
        for (const c of info.columns)
          if (/median|mean|threshold|per_|unit_cost|gini/.test(c.name) && typeof row[c.name] === 'bigint')
            exempt.add(row[c.name] as bigint);
    }
    for (const [name, t] of snap.data) {
      if (!name.startsWith('mart_')) continue;
      const info = snap.catalog.tables.get(name)!;
      t.rows.forEach((row, i) => {
        for (const c of info.columns) {
          const v = row[c.name];
          if (c.kind === 'money' && typeof v === 'bigint') add(v, `API ${name} row ${i} ${c.name}`, name);
          // inhabitants come from the population register; a Lorenz step's persons follow from the group's size
          const derived = /inhabitants/.test(c.name) || (name === 'mart_lorenz' && c.name === 'persons');
          if (c.kind === 'count' && v !== null && small(Number(v)) && !derived)
            found.push({ mask: 0n, where: `API ${name} row ${i} ${c.name} = ${String(v)}` });
        }
      });
      const csv = toCsv(name, { ...t, columns: info.columns, total: t.rows.length }, 'da', T);
      for (const v of numbersIn(csv)) add(v, `CSV ${name}`, name);
    }
    // the counts of a chosen group and a result, as the persons behind them (worked out from the population)
    const masks = countMasks(people);
    const recounted: string[] = [];
    const counted = (name: string, row: Record<string, unknown>, column: string, i: number, mask: bigint) => {
      const where = `API ${name} row ${i} ${column}`;
      if (row[column] === null || row[column] === undefined) return;
      // the worked-out persons are the published count (else the check below would test the wrong persons)
      if (BigInt(persons(mask)) !== BigInt(row[column] as bigint))
        recounted.push(`${where}: not ${persons(mask)}`);
      if (mask !== 0n) found.push({ mask, where, family: FAMILY[name] });
    };
    snap.data.get('mart_group_overlap')?.rows.forEach((row, i) => {
      counted('mart_group_overlap', row, 'group_persons', i, masks.group);
      if (row.department !== null)
        counted('mart_group_overlap', row, 'persons', i, masks.overlap(String(row.department)));
    });
    snap.data.get('mart_result')?.rows.forEach((row, i) => {
      counted('mart_result', row, 'users', i, masks.users);
      counted('mart_result', row, 'persons', i, masks.reached);
    });
    for (const v of numbersIn(analyse.stdout)) add(v, 'CLI analyse');
    const html = readFileSync(path.join(dir, 'reports', 'tvaerblik-851-2024-da.html'), 'utf8')
      .replace(/<style[\s\S]*?<\/style>/g, '')
      .replace(/<[^>]+>/g, ' ');
    for (const v of numbersIn(html)) add(v, 'HTML');
    const sheetMart = new Map(
      MART_TABLES.map((t) => [t.title.da.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31), t.mart]),
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, 'reports', 'tvaerblik-851-2024-da.xlsx'));
    wb.eachSheet((ws) =>
      ws.eachRow((row, r) =>
        row.eachCell((cell, c) => {
          if (typeof cell.value === 'number')
            add(BigInt(Math.round(cell.value * 100)), `Excel ${ws.name} R${r}C${c}`, sheetMart.get(ws.name));
        }),
      ),
    );
    decoded += found.length;
    const problems = [...recounted, ...leaks(found)];
    // a direct count of 1…T−1 persons is a leak too
    for (const f of found) if (f.mask === 0n) problems.push(f.where);
    return problems;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// `npm test` runs a few fixed seeds (reproducible; 777 once found the cheapest 5 of all persons all aged
// 18–64, so the headline's 18–64 total minus the Lorenz point of 5 was one person); SEED=… PROPERTY_RUNS=…
// search further (each run is a whole analyse + report + API load, ≈ 2–5 s)
const RUNS = process.env.PROPERTY_RUNS ? Number(process.env.PROPERTY_RUNS) : undefined;
// SEED=777 (one seed) or SEED=1,2,3 (several, one process)
const SEEDS: [number, number][] = process.env.SEED
  ? process.env.SEED.split(',').map((x) => [Number(x), RUNS ?? 4])
  : process.env.GROUP_SEED
    ? []
    : [
        [21, RUNS ?? 3],
        [777, RUNS ?? 3],
        [4242, RUNS ?? 2],
      ];
// populations drawn to show a chosen group's and a result's rows: most persons use the group's and the
// result's services and are also served by one other department (GROUP_SEED=… as SEED)
const GROUP_SEEDS: [number, number][] = process.env.GROUP_SEED
  ? process.env.GROUP_SEED.split(',').map((x) => [Number(x), RUNS ?? 4])
  : process.env.SEED
    ? []
    : [[5, RUNS ?? 2]];
const groupPersonArb = fc.record({
  age: fc.constantFrom(...AGES),
  sex: fc.constantFrom('F' as const, 'M' as const),
  target: fc.constantFrom('a', null),
  benefit: fc.constantFrom('sickness_benefit_long_term', 'sickness_benefit_long_term', null),
  // SEL-83-PP and BES-SDP are in both, SEL-96 in the group's, SUL-140 in the result's
  code: fc.constantFrom(0, 0, 1, 1, 2, 3),
  // FB, mostly: the group's members are then also served by one other department
  dept: fc.constantFrom(1, 1, 1, 0, 2),
});

// populations of 10, mostly of working age, with COARSE intervals: an interval of 5 persons beside a
// cut of 6 (or 9 beside 5) is where cost intervals prove a cut and a group apart, or fail to (INTERVAL_SEED=…;
// SEED=… runs these too)
const INTERVAL_SEEDS: [number, number][] = process.env.INTERVAL_SEED
  ? process.env.INTERVAL_SEED.split(',').map((x) => [Number(x), RUNS ?? 4])
  : process.env.SEED
    ? SEEDS
    : [[21, RUNS ?? 2]];
const workingAgeArb = fc.record({ ...personFields, age: fc.constantFrom(20, 35, 55, 20, 35, 55, 70, 5) });

describe('published outputs of random small populations', () => {
  it.each(GROUP_SEEDS)(
    'hold no figure of 1…threshold−1 persons where a chosen group and a result are shown (seed %i, %i runs)',
    async (seed, runs) => {
      await fc.assert(
        fc.asyncProperty(fc.array(groupPersonArb, { minLength: 6, maxLength: 12 }), async (people) => {
          expect(await scenario(people)).toEqual([]);
        }),
        { numRuns: runs, endOnFailure: true, seed },
      );
    },
    300_000,
  );

  it.each(INTERVAL_SEEDS)(
    'hold no figure of 1…threshold−1 persons where cost intervals of ≥ 5 persons lie near the cuts (seed %i, %i runs)',
    async (seed, runs) => {
      await fc.assert(
        fc.asyncProperty(fc.array(workingAgeArb, { minLength: 10, maxLength: 10 }), async (people) => {
          expect(await scenario(people, COARSE)).toEqual([]);
        }),
        { numRuns: runs, endOnFailure: true, seed },
      );
    },
    300_000,
  );

  it.each(SEEDS)(
    'hold no figure of 1…threshold−1 persons, directly, cumulatively or by subtraction (seed %i, %i runs)',
    async (seed, runs) => {
      decoded = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(personArb, { minLength: 4, maxLength: 10 }), async (people) => {
          const problems = await scenario(people);
          expect(problems).toEqual([]);
        }),
        { numRuns: runs, endOnFailure: true, seed },
      );
      // the decoding found published figures to check (not a vacuous pass)
      expect(decoded).toBeGreaterThan(0);
    },
    300_000,
  );
});
