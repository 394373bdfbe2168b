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
 *
 * The ledger (finans-<year>.csv, amounts in øre) and its translation table are derived from the summary's
 * row counts alone (`writeXlLedger`), after the extracts: so the extracts are the same for a seed with or
 * without it, and a workspace generated before the ledger existed gets it without being regenerated.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { seededRandom, type Random } from '../ids/synthetic.js';
import { splitExact } from './ledger.js';
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
  const extracts = all.map((s) => ({ file: path.relative(dir, s.file), rows: s.rows }));
  const ledger = writeXlLedger(dir, { persons: options.persons, seed, year, format, files: extracts });
  return {
    dir,
    country: 'DK',
    persons: options.persons,
    seed,
    format,
    period: String(year),
    files: [...extracts, ledger],
    maxPendingRows,
  };
}

/** What the ledger is derived from: the generator's options and the row count of every extract. */
export interface XlLedgerInput {
  persons: number;
  seed: number;
  year: number;
  format: 'csv' | 'parquet';
  files: { file: string; rows: number }[];
}

export interface XlLedgerLine {
  municipality: string;
  account: string;
  activity: string;
  responsibility: string;
  text: string;
  amountMinor: bigint;
}

/**
 * The municipalities the ledger is booked to: those the service rows are booked to. The visit extracts
 * carry no municipality column, so the config books every visit to the first municipality (`sources[].
 * municipality`); a ledger line of another municipality would find no volume there.
 */
export const XL_LEDGER_MUNICIPALITIES = [XL_MUNICIPALITIES[0]!];

/** Unit costs the ledger is priced at (øre per hour) and hours per visit on average (the generator's draws). */
const XL_PRICES = {
  /** home care: 0.25–1 h a visit, ¼ h steps uniformly (mean 0.625 h), 420 kr an hour; 55 % personal care */
  homeCare: { hoursPerVisit: 0.625, orePerHour: 42_000, personalShare: 0.55 },
  /** home nursing: 0.5 h a visit, 480 kr an hour */
  nursing: { hoursPerVisit: 0.5, orePerHour: 48_000 },
  /** internal income (meals sold to the care centres) nets the gross cost down by 2 % */
  internalIncome: 0.02,
  /** common administration: 6 % of the direct cost, a pool by direct cost */
  admin: 0.06,
};

/** Seven home-care districts (the extracts' `Udfoerer`: "Distrikt 1" … "Distrikt 7"). */
const DISTRICTS = 7;
/** cost accounts (art) of a district's gross cost and their shares: salaries, goods, services */
const GROSS_ACCOUNTS: [string, number][] = [
  ['11', 0.82],
  ['22', 0.05],
  ['40', 0.13],
];
/** the ledger's code columns per costed intervention: function (activity) and the districts' cost centres */
const XL_ACTIVITIES = [
  { code: 'SEL-83-PP', activity: '5.30.26', firstUnit: 3101, text: 'Personlig pleje, hjemmepleje' },
  { code: 'SEL-83-PH', activity: '5.30.26', firstUnit: 3201, text: 'Praktisk hjælp, hjemmepleje' },
  { code: 'SUL-138', activity: '4.62.85', firstUnit: 5201, text: 'Hjemmesygepleje' },
];
const ADMIN = { activity: '6.45.51', responsibility: '1000', text: 'Fælles administration, sekretariat' };

const rowsOf = (files: XlLedgerInput['files'], name: string) =>
  files.filter((f) => path.basename(f.file).startsWith(`${name}-`)).reduce((a, f) => a + f.rows, 0);

/**
 * The XL workspace's general ledger: per municipality the direct cost of home care (personal care and
 * practical help) and home nursing per district and account, internal income netting it down, and
 * common administration. Priced from the visits the extracts hold (rows × hours a visit × kr an hour,
 * in øre), so unit costs come out near the prices; every line is attributable, so KPB costing gives
 * persons exactly the ledger's total. The district shares vary with the seed (within ±10 %).
 */
export function xlLedger(input: XlLedgerInput): XlLedgerLine[] {
  const rand = seededRandom(input.seed + 19);
  const { homeCare, nursing } = XL_PRICES;
  const home = BigInt(
    Math.round(rowsOf(input.files, 'hjemmepleje') * homeCare.hoursPerVisit * homeCare.orePerHour),
  );
  const [personal, practical] = splitExact(home, [homeCare.personalShare, 1 - homeCare.personalShare]);
  const nurse = BigInt(
    Math.round(rowsOf(input.files, 'sygepleje') * nursing.hoursPerVisit * nursing.orePerHour),
  );
  const direct = [personal!, practical!, nurse];
  const lines: XlLedgerLine[] = [];
  for (const municipality of XL_LEDGER_MUNICIPALITIES) {
    const districtShares = Array.from({ length: DISTRICTS }, () => 0.9 + 0.2 * rand());
    XL_ACTIVITIES.forEach((a, i) => {
      splitExact(direct[i]!, districtShares).forEach((net, d) => {
        const internal = BigInt(Math.round(Number(net) * XL_PRICES.internalIncome));
        const responsibility = String(a.firstUnit + d);
        splitExact(
          net + internal,
          GROSS_ACCOUNTS.map(([, w]) => w),
        ).forEach((amountMinor, k) =>
          lines.push({
            municipality,
            account: GROSS_ACCOUNTS[k]![0],
            activity: a.activity,
            responsibility,
            text: `${a.text}, distrikt ${d + 1}`,
            amountMinor,
          }),
        );
        lines.push({
          municipality,
          account: '97',
          activity: a.activity,
          responsibility,
          text: `${a.text}, distrikt ${d + 1}, interne indtægter`,
          amountMinor: -internal,
        });
      });
    });
    const admin = BigInt(Math.round(Number(direct.reduce((x, y) => x + y, 0n)) * XL_PRICES.admin));
    splitExact(admin, [0.75, 0.1, 0.15]).forEach((amountMinor, k) =>
      lines.push({
        municipality,
        account: GROSS_ACCOUNTS[k]![0],
        activity: ADMIN.activity,
        responsibility: ADMIN.responsibility,
        text: ADMIN.text,
        amountMinor,
      }),
    );
  }
  return lines.filter((l) => l.amountMinor !== 0n);
}

/** The ledger's file (one year) and the translation table, relative to the workspace. */
export const xlLedgerFile = (year: number): string => `extracts/finans-${year}.csv`;
export const XL_TRANSLATION_TABLE = 'mappings/ledger-translation.csv';
const LEDGER_HEADER = ['KOMMUNE', 'ART', 'FUNKTION', 'OMKSTED', 'TEKST', 'BELOEB_OERE'];

/**
 * Write the ledger, its translation table and the workspace's tvaerblik.yaml (with the ledger source and
 * `costing:`) into an XL workspace; the extracts are not touched. Returns the ledger file and its rows.
 */
export function writeXlLedger(dir: string, input: XlLedgerInput): { file: string; rows: number } {
  const lines = xlLedger(input);
  const file = xlLedgerFile(input.year);
  const body = lines.map((l) =>
    [l.municipality, l.account, l.activity, l.responsibility, l.text, String(l.amountMinor)].join(';'),
  );
  writeFileSync(path.join(dir, file), [LEDGER_HEADER.join(';'), ...body, ''].join('\n'));
  mkdirSync(path.join(dir, 'mappings'), { recursive: true });
  const last = (first: number) => first + DISTRICTS - 1;
  const rules = [
    'priority,account,activity,responsibility,project,counterpart,target_type,target,reason',
    ...XL_ACTIVITIES.map(
      (a) => `10,*,${a.activity},${a.firstUnit}-${last(a.firstUnit)},,,intervention,${a.code},`,
    ),
    `10,*,${ADMIN.activity},,,,pool,adm,`,
  ];
  writeFileSync(path.join(dir, XL_TRANSLATION_TABLE), [...rules, ''].join('\n'));
  writeFileSync(path.join(dir, 'tvaerblik.yaml'), xlConfig(input.persons, input.year, input.format));
  return { file, rows: lines.length };
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
        id: 'finans',
        file: xlLedgerFile(year),
        format: 'csv',
        csv: { delimiter: ';', decimal: '.', encoding: 'utf-8', header_row: 1 },
        period: String(year),
        target: 'ledger',
        columns: {
          municipality: 'KOMMUNE',
          account: 'ART',
          activity: 'FUNKTION',
          responsibility: 'OMKSTED',
          text: 'TEKST',
          amount: { column: 'BELOEB_OERE', money: 'ore' },
        },
      },
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
    // KPB: the ledger's direct cost per intervention, administration by direct cost, over the performed
    // hours of the visits (the extracts register visits, not grants)
    costing: {
      translation_table: XL_TRANSLATION_TABLE,
      pools: [
        {
          id: 'adm',
          kind: 'administration',
          key: 'direct_cost',
          targets: XL_ACTIVITIES.map((a) => a.code),
          order: 0,
        },
      ],
      methods: [{ codes: XL_ACTIVITIES.map((a) => a.code), method: 'kpb' }],
      home_care_measure: 'hour_performed',
    },
  };
  return `# XL demo workspace (synthetic data: no real person), written by the XL generator (src/demo/xl.ts).\n${stringify(config)}`;
}
