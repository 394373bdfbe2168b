/**
 * The age-standardised benchmark as literal mart rows, hand-computed (indirect standardisation,
 * docs/analyses.md "Benchmarks"), with the marts it rests on (mart_consumption, mart_benchmark_rate) so
 * suppression can check what each row requires. Two age groups, 0–64 and 65+; Aalborg (851) and Odense
 * (461) in 2023 and 2024; with `small2022`, also 2022 with Læsø (825), whose 3 citizens hide its row.
 *
 * 2024:
 *   Aalborg: 0–64 900 inhabitants, 90.000.000 øre; 65+ 100 inhabitants, 60.000.000 øre → 150.000.000
 *   Odense:  0–64 800 inhabitants, 64.000.000 øre; 65+ 200 inhabitants, 140.000.000 øre → 204.000.000
 *   group rates: 0–64 154.000.000 / 1.700 = 90.588,235… øre; 65+ 200.000.000 / 300 = 666.666,67 øre
 *   expected Aalborg = 900 × 90.588,235 + 100 × 666.666,67 = 148.196.078 øre → 148.196 øre per inhabitant
 *   expected Odense  = 800 × 90.588,235 + 200 × 666.666,67 = 205.803.922 øre → 205.804 øre per inhabitant
 *   (the expected costs add up to the actual 354.000.000, as indirect standardisation must)
 *   per inhabitant: Aalborg 150.000.000 / 1.000 = 150.000 øre (1.500 kr.), Odense 204.000 øre (2.040 kr.)
 *   group per inhabitant: 354.000.000 / 2.000 = 177.000 øre (1.770 kr.)
 *   index: Aalborg 150.000.000 / 148.196.078 = 1,0122; Odense 204.000.000 / 205.803.922 = 0,9912
 * 2023:
 *   Aalborg: 0–64 900, 85.000.000; 65+ 100, 55.000.000 → 140.000.000 (140.000 øre per inhabitant)
 *   Odense:  0–64 800, 62.000.000; 65+ 200, 138.000.000 → 200.000.000 (200.000 øre per inhabitant)
 *   rates: 0–64 147.000.000 / 1.700 = 86.470,588 øre; 65+ 193.000.000 / 300 = 643.333,33 øre
 *   expected Aalborg = 900 × 86.470,588 + 100 × 643.333,33 = 142.156.863 øre (142.157 per inhabitant)
 *   expected Odense  = 800 × 86.470,588 + 200 × 643.333,33 = 197.843.137 øre (197.843 per inhabitant)
 *   group per inhabitant 340.000.000 / 2.000 = 170.000 øre; index Aalborg 0,9848, Odense 1,0109
 * change 2023 → 2024 per inhabitant: Aalborg +10.000 øre = 10.000 / 140.000 = 7,1 %; Odense +4.000 øre =
 *   4.000 / 200.000 = 2 %; index Aalborg 1,0122 − 0,9848 = +0,03, Odense 0,9912 − 1,0109 = −0,02.
 * 2022 (small2022): Aalborg 0–64 900, 80.000.000; 65+ 100, 50.000.000 → 130.000.000; Odense 0–64 800,
 *   60.000.000; 65+ 200, 130.000.000 → 190.000.000; Læsø 0–64 100 inhabitants, 2.000.000 øre, 3 citizens.
 *   rates 0–64 142.000.000 / 1.800 = 78.888,89; 65+ 180.000.000 / 300 = 600.000; expected Aalborg
 *   131.000.000, Odense 183.111.111, Læsø 7.888.889 (Σ 322.000.000).
 */
export const BENCHMARK_MUNICIPALITIES = ['851', '461', '825'];

interface Muni {
  code: string;
  /** per age group (0–64, 65+): users, inhabitants, cost (øre) */
  young: [number, number, number];
  old: [number, number, number];
  expected: number;
}

const YEARS: Record<string, Muni[]> = {
  '2024': [
    { code: '851', young: [80, 900, 90_000_000], old: [40, 100, 60_000_000], expected: 148_196_078 },
    { code: '461', young: [90, 800, 64_000_000], old: [60, 200, 140_000_000], expected: 205_803_922 },
  ],
  '2023': [
    { code: '851', young: [75, 900, 85_000_000], old: [35, 100, 55_000_000], expected: 142_156_863 },
    { code: '461', young: [85, 800, 62_000_000], old: [55, 200, 138_000_000], expected: 197_843_137 },
  ],
};
const SMALL_2022: Muni[] = [
  { code: '851', young: [70, 900, 80_000_000], old: [30, 100, 50_000_000], expected: 131_000_000 },
  { code: '461', young: [80, 800, 60_000_000], old: [50, 200, 130_000_000], expected: 183_111_111 },
  { code: '825', young: [3, 100, 2_000_000], old: [0, 0, 0], expected: 7_888_889 },
];

/** Rounded half up to the øre, as the marts round. */
const round = (x: number) => Math.floor(x + 0.5);
const div = (a: number, b: number) => (b === 0 ? 'NULL' : String(round(a / b)));

/** The SQL that creates and fills the four benchmark marts (the warehouse has its schema already). */
export function benchmarkSql(options: { small2022?: boolean } = {}): string {
  const years: [string, Muni[]][] = [
    ...(options.small2022 ? [['2022', SMALL_2022] as [string, Muni[]]] : []),
    ...Object.entries(YEARS).sort(),
  ];
  const consumption: string[] = [];
  const rates: string[] = [];
  const bench: string[] = [];
  const figures = new Map<string, { persons: number; perInhabitant: number; index: number }>();
  for (const [year, munis] of years) {
    const total = (m: Muni) => [m.young[0] + m.old[0], m.young[1] + m.old[1], m.young[2] + m.old[2]] as const;
    for (const m of munis) {
      const [p, inh, cost] = total(m);
      for (const [group, from, [u, i, c]] of [
        ['0-64', '0', m.young],
        ['65+', '65', m.old],
        ['*', 'NULL', [p, inh, cost]],
      ] as const)
        consumption.push(
          `('${year}','${m.code}','${group}',${from},${u},${c},${i},${div(c, u)},${div(c, i)},0,0)`,
        );
    }
    const sum = (f: (m: Muni) => number) => munis.reduce((s, m) => s + f(m), 0);
    for (const [group, from, to, pick] of [
      ['0-64', 0, '64', (m: Muni) => m.young],
      ['65+', 65, 'NULL', (m: Muni) => m.old],
    ] as const) {
      const [u, i, c] = [sum((m) => pick(m)[0]), sum((m) => pick(m)[1]), sum((m) => pick(m)[2])];
      rates.push(`('${year}','${group}',${from},${to},${u},0,0,${munis.length},${i},${c},${div(c, i)})`);
    }
    const [users, inhabitants, cost] = [
      sum((m) => total(m)[0]),
      sum((m) => total(m)[1]),
      sum((m) => total(m)[2]),
    ];
    for (const m of munis) {
      const [p, inh, c] = total(m);
      bench.push(
        `('${year}','${m.code}',${p},${munis.length},${inh},${c},${m.expected},${div(c, p)},${div(cost, users)},` +
          `${div(c, inh)},${div(m.expected, inh)},${div(cost, inhabitants)},${c / m.expected})`,
      );
      figures.set(`${year}|${m.code}`, { persons: p, perInhabitant: round(c / inh), index: c / m.expected });
    }
  }
  const trend: string[] = [];
  for (const [k, f] of figures) {
    const [year, code] = k.split('|') as [string, string];
    const before = years
      .map(([y]) => y)
      .filter((y) => y < year && figures.has(`${y}|${code}`))
      .at(-1);
    const b = before ? figures.get(`${before}|${code}`)! : undefined;
    const prev = before ? `'${before}'` : 'NULL';
    trend.push(
      `('${year}',${prev},'${code}','per_inhabitant',${f.persons},${b?.persons ?? 'NULL'},${f.perInhabitant},` +
        `${b?.perInhabitant ?? 'NULL'},${b ? f.perInhabitant - b.perInhabitant : 'NULL'},NULL,NULL,NULL,` +
        `${b ? (f.perInhabitant - b.perInhabitant) / b.perInhabitant : 'NULL'})`,
      `('${year}',${prev},'${code}','cost_index',${f.persons},${b?.persons ?? 'NULL'},NULL,NULL,NULL,${f.index},` +
        `${b?.index ?? 'NULL'},${b ? f.index - b.index : 'NULL'},${b ? (f.index - b.index) / b.index : 'NULL'})`,
    );
  }
  return `
    CREATE TABLE mart_consumption (period VARCHAR, municipality VARCHAR, age_group VARCHAR, age_from INTEGER,
      persons BIGINT, cost_minor BIGINT, inhabitants BIGINT, per_user_minor BIGINT, per_inhabitant_minor BIGINT,
      aged_in BIGINT, aged_out BIGINT);
    INSERT INTO mart_consumption VALUES ${consumption.join(',\n      ')};
    CREATE TABLE mart_benchmark_rate (period VARCHAR, age_group VARCHAR, age_from INTEGER, age_to INTEGER,
      persons BIGINT, aged_in BIGINT, aged_out BIGINT, municipalities BIGINT, inhabitants BIGINT, cost_minor BIGINT,
      per_inhabitant_minor BIGINT);
    INSERT INTO mart_benchmark_rate VALUES ${rates.join(',\n      ')};
    CREATE TABLE mart_benchmark (period VARCHAR, municipality VARCHAR, persons BIGINT, municipalities BIGINT,
      inhabitants BIGINT, cost_minor BIGINT, expected_minor BIGINT, per_user_minor BIGINT, group_per_user_minor BIGINT,
      per_inhabitant_minor BIGINT, expected_per_inhabitant_minor BIGINT, group_per_inhabitant_minor BIGINT,
      cost_index DOUBLE);
    INSERT INTO mart_benchmark VALUES ${bench.join(',\n      ')};
    CREATE TABLE mart_benchmark_trend (period VARCHAR, previous_period VARCHAR, municipality VARCHAR,
      indicator VARCHAR, persons BIGINT, previous_persons BIGINT, amount_minor BIGINT, previous_amount_minor BIGINT,
      change_minor BIGINT, value DOUBLE, previous_value DOUBLE, change DOUBLE, change_share DOUBLE);
    INSERT INTO mart_benchmark_trend VALUES ${trend.join(',\n      ')};
  `;
}
