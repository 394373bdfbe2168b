/**
 * The XL demo: a whole country's year of services at visit level (issue 19) — 6 million persons with
 * home care and home nursing per visit, GP contacts per fee line and hospital contacts per contact
 * (≈ 260 million rows at 6 million persons), as CSV or Parquet, in a workspace `tvaerblik import` reads.
 *
 * Every extract but residence comes as twelve monthly files (one glob source each), as monthly extracts
 * do: the import stages one file at a time in memory, so no single file may hold a year of a country.
 *
 * Streaming with bounded memory: persons are generated one after the other from one seeded stream and
 * each row goes straight to its file's sink (which flushes every 256 KiB); nothing grows with the number
 * of persons but the per-birth-date counters that keep the synthetic CPR numbers unique (≤ 36,525
 * entries). `maxPendingRows` in the summary is the most rows held in JS at once (one person's rows).
 * Parquet goes through a temporary CSV that DuckDB converts file by file (ParquetSink).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { seededRandom, type Random } from '../ids/synthetic.js';
import { CsvSink, ParquetSink, type Cell, type Sink } from './sinks.js';

export interface XlOptions {
  persons: number;
  seed?: number;
  out: string;
  /** CSV (UTF-8, `;`) or Parquet for the visit, GP and hospital extracts; residence is always CSV */
  format?: 'csv' | 'parquet';
  year?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface XlSummary {
  dir: string;
  country: 'DK';
  persons: number;
  seed: number;
  format: 'csv' | 'parquet';
  period: string;
  files: { file: string; rows: number }[];
  /** the most rows of one person held in JS before they went to their sinks */
  maxPendingRows: number;
}

/** Five municipalities the persons are spread over (codes of real Danish municipalities). */
export const XL_MUNICIPALITIES = ['101', '751', '461', '851', '147'];

/**
 * Rows per person from the rates below (measured on 20,000 persons, seed 2024): home care ≈ 23 visits,
 * home nursing ≈ 4.4, GP fee lines ≈ 13, hospital contacts ≈ 1.5, residence 1 — ≈ 43 in all, so
 * ≈ 260 million rows at 6 million persons. Home care: ≈ 4 % of the persons (42 % of those aged 85+).
 */
const HOME_CARE_SHARE = (age: number) => (age >= 85 ? 0.42 : age >= 80 ? 0.22 : age >= 65 ? 0.07 : 0.012);
/** visits a day of a home-care user: weekly practical help, one or two a day, three to seven a day */
const VISIT_LEVELS: [number, number, number][] = [
  [0.3, 1 / 7, 1 / 7],
  [0.45, 1, 2],
  [0.25, 3, 7],
];
const GP_CONTACTS = (age: number) => (age < 5 ? 6 : age < 18 ? 3.5 : age < 65 ? 7 : age < 80 ? 11 : 14);
const HOSPITAL_CONTACTS = (age: number) => (age < 18 ? 0.9 : age < 65 ? 1.3 : age < 80 ? 2.6 : 3.4);

const HOME_CARE_CODES = ['SEL-83-PP', 'SEL-83-PH'];
const GP_CODES = ['0101', '0105', '0120', '0201', '2101'];
const GP_FEE_ORE = [15036, 2880, 17520, 14210, 6420];
const HOSPITALS = [
  'Rigshospitalet',
  'Aarhus Universitetshospital',
  'Odense Universitetshospital',
  'Aalborg Universitetshospital',
];

/** A Poisson draw (Knuth for small means; normal approximation above 30). */
function poisson(rand: Random, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gauss(rand)));
  const l = Math.exp(-mean);
  let k = 0;
  let p = rand();
  while (p > l) {
    k++;
    p *= rand();
  }
  return k;
}

function gauss(rand: Random): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

/**
 * A synthetic CPR number, unique per (birth date, k): ddmmyy, a 7th digit the century table maps to the
 * birth year, two serial digits and a last digit of the sex's parity — 1,000 per birth date and sex.
 * Modulus 11 is not kept (as for numbers issued since 2007: the import notes them, info level only).
 */
export function xlCpr(birth: Date, male: boolean, k: number): string {
  const y = birth.getUTCFullYear();
  // century digits valid for the birth year (CPR table): 0–3 for 1900–1999, 4 and 9 for 2000–2036
  const digits = y < 2000 ? [0, 1, 2, 3] : [4, 9];
  const c = digits[Math.floor(k / 500) % digits.length]!;
  const serial = Math.floor(k / 5) % 100;
  const last = 2 * (k % 5) + (male ? 1 : 0);
  return `${pad2(birth.getUTCDate())}${pad2(birth.getUTCMonth() + 1)}${pad2(y % 100)}-${c}${pad2(serial)}${last}`;
}

/** The extracts; every one but residence is written per month (index 0–11), as monthly extracts come. */
interface Files {
  residence: Sink;
  homeCare: Sink[];
  nursing: Sink[];
  gp: Sink[];
  hospital: Sink[];
}

export async function generateXl(options: XlOptions): Promise<XlSummary> {
  const seed = options.seed ?? 2024;
  const year = options.year ?? 2024;
  const format = options.format ?? 'csv';
  const dir = path.resolve(options.out);
  rmSync(dir, { recursive: true, force: true });
  for (const d of ['extracts', 'secrets', 'reports', 'warehouse'])
    mkdirSync(path.join(dir, d), { recursive: true });
  writeFileSync(
    path.join(dir, 'secrets', 'pseudonym.key'),
    `${(seed % 256).toString(16).padStart(2, '0').repeat(32)}\n`,
    {
      mode: 0o600,
    },
  );
  const ext = format === 'csv' ? 'csv' : 'parquet';
  const x = (name: string) => path.join(dir, 'extracts', `${name}.${ext}`);
  const sink = (file: string, header: string[], types: string[]): Sink =>
    format === 'csv'
      ? new CsvSink(file, header, { delimiter: ';', encoding: 'utf-8' })
      : new ParquetSink(file, header, types);
  // one file a month: the import stages one file at a time in memory (src/ingest/stage.ts), so a year of
  // GP fee lines (≈ 79 million rows at 6 million persons) must not be one file (docs/ingest.md)
  const monthly = (name: string, header: string[], types: string[]): Sink[] =>
    Array.from({ length: 12 }, (_, m) => sink(x(`${name}-${year}-${pad2(m + 1)}`), header, types));
  const visitHeader = ['CPR', 'Dato', 'Timer', 'Kode', 'Udfoerer'];
  const visitTypes = ['VARCHAR', 'DATE', 'DOUBLE', 'VARCHAR', 'VARCHAR'];
  const files: Files = {
    residence: new CsvSink(
      path.join(dir, 'extracts', 'cpr-bopael.csv'),
      ['PNR', 'KOMMUNE', 'FRA', 'FOEDT', 'KOEN'],
      {
        delimiter: ';',
        encoding: 'utf-8',
      },
    ),
    homeCare: monthly('hjemmepleje', visitHeader, visitTypes),
    nursing: monthly('sygepleje', visitHeader, visitTypes),
    gp: monthly(
      'praksis',
      ['PNR', 'KOMMUNE', 'DATO', 'YDELSESKODE', 'HONORAR_OERE'],
      ['VARCHAR', 'VARCHAR', 'DATE', 'VARCHAR', 'BIGINT'],
    ),
    hospital: monthly(
      'sygehus',
      ['CPR', 'KONTAKT', 'SYGEHUS', 'AKUT', 'INDTID', 'UDTID', 'DRG', 'TAKST_OERE'],
      ['VARCHAR', 'VARCHAR', 'VARCHAR', 'VARCHAR', 'TIMESTAMP', 'TIMESTAMP', 'VARCHAR', 'BIGINT'],
    ),
  };

  const rand = seededRandom(seed);
  const start = Date.UTC(year, 0, 1);
  const days = Math.round((Date.UTC(year + 1, 0, 1) - start) / DAY);
  // the days of the year as text and month, computed once (not per row)
  const dayIso = Array.from({ length: days }, (_, d) => iso(start + d * DAY));
  const dayMonth = Array.from({ length: days }, (_, d) => new Date(start + d * DAY).getUTCMonth());
  const perDate = new Map<number, number>();
  let maxPendingRows = 0;
  let contactNo = 0;
  const pending: [Sink, Cell[]][] = [];
  for (let i = 0; i < options.persons; i++) {
    // age: flat to 60, then thinning (≈ 20 % aged 65+, ≈ 5.5 % 80+ as in Denmark)
    const u = rand();
    const age =
      u < 0.75
        ? Math.floor((u / 0.75) * 60)
        : u < 0.945
          ? 60 + Math.floor(((u - 0.75) / 0.195) * 20)
          : 80 + Math.floor(((u - 0.945) / 0.055) * 20);
    const male = rand() < 0.5;
    const birth = new Date(Date.UTC(year - age - 1, 0, 1) + Math.floor(rand() * 365) * DAY);
    const dateKey = Math.floor(birth.getTime() / DAY) * 2 + (male ? 1 : 0);
    const k = perDate.get(dateKey) ?? 0;
    perDate.set(dateKey, k + 1);
    const cpr = xlCpr(birth, male, k);
    const kommune = XL_MUNICIPALITIES[i % XL_MUNICIPALITIES.length]!;
    pending.push([
      files.residence,
      [cpr, kommune, `${year - Math.min(age, 30)}-01-01`, iso(birth.getTime()), male ? 'M' : 'K'],
    ]);

    if (rand() < HOME_CARE_SHARE(age)) {
      const r = rand();
      const level = r < VISIT_LEVELS[0]![0] ? 0 : r < VISIT_LEVELS[0]![0] + VISIT_LEVELS[1]![0] ? 1 : 2;
      const [, lo, hi] = VISIT_LEVELS[level]!;
      const perDay = lo + rand() * (hi - lo);
      // a grant from some day of the year (or all year) to its end
      const from = rand() < 0.6 ? 0 : Math.floor(rand() * days);
      const code = level === 0 ? 'SEL-83-PH' : HOME_CARE_CODES[Math.floor(rand() * 2)]!;
      const unit = `Distrikt ${1 + (i % 7)}`;
      let carry = rand();
      for (let d = from; d < days; d++) {
        carry += perDay;
        for (; carry >= 1; carry--)
          pending.push([
            files.homeCare[dayMonth[d]!]!,
            [cpr, dayIso[d]!, 0.25 * (1 + Math.floor(rand() * 4)), code, unit],
          ]);
      }
      // home nursing for about half of the home-care users: a visit on four days of five on average
      if (rand() < 0.45)
        for (let d = from; d < days; d++)
          if (rand() < 0.8)
            pending.push([files.nursing[dayMonth[d]!]!, [cpr, dayIso[d]!, 0.5, 'SUL-138', unit]]);
    }
    const contacts = poisson(rand, GP_CONTACTS(age));
    for (let c = 0; c < contacts; c++) {
      const d = Math.floor(rand() * days);
      const day = dayIso[d]!;
      // one to three fee lines a contact (consultation plus e.g. a test or a vaccination)
      const lines = 1 + (rand() < 0.6 ? 1 : 0) + (rand() < 0.2 ? 1 : 0);
      for (let l = 0; l < lines; l++) {
        const f = l === 0 ? 0 : 1 + Math.floor(rand() * (GP_CODES.length - 1));
        pending.push([files.gp[dayMonth[d]!]!, [cpr, kommune, day, GP_CODES[f]!, GP_FEE_ORE[f]!]]);
      }
    }
    const stays = poisson(rand, HOSPITAL_CONTACTS(age));
    for (let c = 0; c < stays; c++) {
      // the same draws in the same order as when the year was one file: day, then hour
      const d = Math.floor(rand() * days);
      const admit = start + d * DAY + Math.floor(rand() * 24) * 3_600_000;
      const inpatient = rand() < 0.25;
      const out = admit + (inpatient ? (1 + Math.floor(rand() * 8)) * DAY : 3 * 3_600_000);
      pending.push([
        // the month of admission (a stay over New Year stays in December's file)
        files.hospital[dayMonth[d]!]!,
        [
          cpr,
          `K${++contactNo}`,
          HOSPITALS[i % HOSPITALS.length]!,
          inpatient && rand() < 0.6 ? 'J' : 'N',
          new Date(admit).toISOString().slice(0, 19).replace('T', ' '),
          new Date(out).toISOString().slice(0, 19).replace('T', ' '),
          inpatient ? '04MP01' : '99PR01',
          inpatient ? 3_850_000 : 152_300,
        ],
      ]);
    }
    maxPendingRows = Math.max(maxPendingRows, pending.length);
    for (const [s, cells] of pending) {
      const w = s.write(cells);
      if (w) await w;
    }
    pending.length = 0;
    if (options.onProgress && (i + 1) % 100_000 === 0) options.onProgress(i + 1, options.persons);
  }
  const all = [files.residence, ...files.homeCare, ...files.nursing, ...files.gp, ...files.hospital];
  for (const s of all) await s.close();
  writeFileSync(path.join(dir, 'tvaerblik.yaml'), xlConfig(options.persons, year, format));
  return {
    dir,
    country: 'DK',
    persons: options.persons,
    seed,
    format,
    period: String(year),
    files: all.map((s) => ({ file: path.relative(dir, s.file), rows: s.rows })),
    maxPendingRows,
  };
}

/** The workspace's tvaerblik.yaml: one source per extract, each a glob over its twelve monthly files. */
export function xlConfig(persons: number, year: number, format: 'csv' | 'parquet'): string {
  const ext = format === 'csv' ? 'csv' : 'parquet';
  const csv =
    format === 'csv' ? { csv: { delimiter: ';', decimal: '.', encoding: 'utf-8', header_row: 1 } } : {};
  const date = (column: string) => ({ column, format: 'yyyy-mm-dd' });
  const visits = (id: string, file: string, department: string) => ({
    id,
    file: `extracts/${file}.${ext}`,
    format,
    ...csv,
    department,
    sector: 'municipal',
    period: String(year),
    target: 'service',
    municipality: XL_MUNICIPALITIES[0],
    columns: {
      person_id: 'CPR',
      start_date: date('Dato'),
      volume: 'Timer',
      unit: { value: 'hour_performed' },
      catalogue_code: 'Kode',
      provider_unit: 'Udfoerer',
    },
  });
  const config = {
    version: 1,
    name: `Tværblik XL demo: ${persons.toLocaleString('en')} persons, visit level`,
    country: 'DK',
    currency: 'DKK',
    municipalities: XL_MUNICIPALITIES,
    periods: [{ id: String(year), from: `${year}-01-01`, to: `${year}-12-31` }],
    pseudonymisation: { key_file: 'secrets/pseudonym.key' },
    suppression: { threshold: 5 },
    catalogue: 'dk',
    warehouse: 'warehouse/tvaerblik.duckdb',
    sources: [
      {
        id: 'cpr_bopael',
        file: 'extracts/cpr-bopael.csv',
        format: 'csv',
        csv: { delimiter: ';', encoding: 'utf-8', header_row: 1 },
        target: 'residence',
        columns: { person_id: 'PNR', municipality: 'KOMMUNE', from_date: date('FRA') },
      },
      visits('hjemmepleje', `hjemmepleje-${year}-*`, 'Ældre og Sundhed'),
      visits('sygepleje', `sygepleje-${year}-*`, 'Ældre og Sundhed'),
      {
        id: 'region_praksis',
        file: `extracts/praksis-${year}-*.${ext}`,
        format,
        ...csv,
        department: 'Region',
        sector: 'regional',
        target: 'gp_contact',
        columns: {
          person_id: 'PNR',
          municipality: 'KOMMUNE',
          contact_date: date('DATO'),
          service_code: 'YDELSESKODE',
          fee: { column: 'HONORAR_OERE', money: 'ore' },
        },
      },
      {
        id: 'region_sygehus',
        file: `extracts/sygehus-${year}-*.${ext}`,
        format,
        ...csv,
        department: 'Region',
        sector: 'regional',
        target: 'hospital_contact',
        columns: {
          person_id: 'CPR',
          contact_id: 'KONTAKT',
          hospital: 'SYGEHUS',
          acute: { column: 'AKUT', values: { J: 'true', N: 'false' } },
          admit_time: 'INDTID',
          discharge_time: 'UDTID',
          drg_code: 'DRG',
          tariff: { column: 'TAKST_OERE', money: 'ore' },
        },
      },
    ],
  };
  return `# XL demo workspace (synthetic data: no real person), written by the XL generator (src/demo/xl.ts).\n${stringify(config)}`;
}
