/**
 * `tvaerblik demo`: write a complete workspace for a synthetic municipality — raw extracts as the
 * departments and the region deliver them, code translation tables, the ledger and its translation table,
 * a price list, and the tvaerblik.yaml that maps it all — person by person, streamed to disk.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { userError } from '../core/messages.js';
import { CalibrationRecorder, type Calibration } from './calibration.js';
import { buildDemoConfig } from './config.js';
import { dmyDash, dmyDot, isoDate, isoTimestamp, toDate, ymdCompact } from './dates.js';
import { money, volume } from './format.js';
import * as W from './layouts.js';
import { buildLedger, type SpecTotals } from './ledger.js';
import type { PersonRecord, ServiceRecord } from './model.js';
import { createContext } from './context.js';
import { generatePerson } from './person.js';
import { profileFor, type Profile } from './profile.js';
import { CsvSink, ParquetSink, XlsxBook, type Cell, type Sink } from './sinks.js';

export interface DemoOptions {
  country: 'DK' | 'SE';
  /** inhabitants; default the profile's size (Aalborg ≈217,000) */
  persons?: number;
  seed?: number;
  out: string;
  year?: number;
  /** municipalities of a cluster (DK) or comparison group (SE): 1 … 4 (DK), 1 … 5 (SE); default 1 */
  municipalities?: number;
  /** consecutive years from `year`: 1 … 5; default 1 */
  years?: number;
  /** above this many persons the Excel extract is written as Parquet */
  parquetAbove?: number;
  onProgress?: (done: number, total: number) => void;
}

/** A data-quality flaw planted on purpose; `row` is the data row (1 = first row after the header). */
export interface PlantedFlaw {
  kind: 'unmapped_code' | 'end_before_start' | 'volume_over_24h_per_day' | 'duplicate_row';
  source: string;
  file: string;
  row: number;
  localCode?: string;
  detail: string;
}

/** A hospital contact whose invoiced KMF deviates on purpose from the rate table (found by trajectories). */
export interface KmfDeviation {
  file: string;
  row: number;
  contactId: string;
  rateTableMinor: number;
  invoicedMinor: number;
}

export interface DemoSummary {
  dir: string;
  country: 'DK' | 'SE';
  municipality: string;
  persons: number;
  seed: number;
  period: string;
  files: { file: string; rows: number }[];
  flaws: PlantedFlaw[];
  /** planted KMF invoice deviations (DK): the region's invoice differs from the rate table */
  kmfDeviations: KmfDeviation[];
  calibration: Calibration;
  unitCosts: Record<string, number>;
  /** several municipalities or years (series.ts): each part and the unit cost of every service key, kr */
  series?: {
    municipality: string;
    name: string;
    period: string;
    dir: string;
    prices: Record<string, number>;
  }[];
}

export const PARQUET_ABOVE = 300_000;
export const DEFAULT_SEED = 2024;

/** The demo pseudonymisation key: derived from the seed, so it is reproducible and obviously not secret. */
export function demoKey(seed: number): string {
  return createHash('sha256').update(`tvaerblik-demo-key:${seed}`).digest('hex');
}

export async function generateDemo(options: DemoOptions): Promise<DemoSummary> {
  if ((options.municipalities ?? 1) > 1 || (options.years ?? 1) > 1 || (options.year ?? 2024) !== 2024) {
    const { generateSeries } = await import('./series.js');
    return generateSeries(options);
  }
  const profile = profileFor(options.country);
  const persons = options.persons ?? profile.defaultPersons;
  const seed = options.seed ?? DEFAULT_SEED;
  const year = options.year ?? 2024;
  const dir = path.resolve(options.out);
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw userError('demo.not_empty', { folder: dir }, { file: dir });
  }
  for (const f of ['extracts', 'mappings', 'secrets', 'warehouse', 'reports'])
    mkdirSync(path.join(dir, f), { recursive: true });
  const parquet = persons > (options.parquetAbove ?? PARQUET_ABOVE);
  const ctx = createContext(profile, seed, year);
  const calib = new CalibrationRecorder(ctx.p0);
  const writer =
    profile.country === 'DK' ? new DkWriter(dir, profile, year, parquet) : new SeWriter(dir, profile, year);
  const totals = new Map<string, SpecTotals>();
  const population = new Map<string, number>();
  let kmf = 0;

  for (let i = 0; i < persons; i++) {
    const p = generatePerson(ctx, i);
    calib.add(p);
    kmf += accountPerson(p, totals, population, ctx.p0);
    await writer.person(p);
    if (i % 10_000 === 0) options.onProgress?.(i, persons);
  }
  options.onProgress?.(persons, persons);

  const ledger = buildLedger(profile, totals, kmf);
  await writer.finish(population, ledger.lines);
  const files = writer.files();
  writeMappings(dir, profile, ledger.rules, year);
  await writer.codeTables();
  writeFileSync(
    path.join(dir, 'tvaerblik.yaml'),
    buildDemoConfig({
      profile,
      year,
      parquet,
      persons,
      seed,
      adminTargets: ledger.adminTargets,
      premises: ledger.premises,
    }),
  );
  writeFileSync(path.join(dir, 'secrets', 'pseudonym.key'), `${demoKey(seed)}\n`, { mode: 0o600 });
  writeFileSync(path.join(dir, '.gitignore'), 'secrets/\nwarehouse/\nreports/\n');

  const unitCosts = unitCostsOf(profile, totals);
  return {
    dir,
    country: profile.country,
    municipality: profile.municipality,
    persons,
    seed,
    period: String(year),
    files: files.map((f) => ({ file: path.relative(dir, f.file), rows: f.rows })),
    flaws: writer.flaws,
    kmfDeviations: writer.kmfDeviations,
    calibration: calib.result(),
    unitCosts,
  };
}

/** Adds a person's services to the totals and the inhabitants on 1 January (`p0`); returns the person's KMF. */
export function accountPerson(
  p: PersonRecord,
  totals: Map<string, SpecTotals>,
  population: Map<string, number>,
  p0: number,
): number {
  for (const s of p.services) {
    const t = totals.get(s.spec.key) ?? { volume: 0, costMinor: 0, externalMinor: 0, feeMinor: 0 };
    t.volume += s.volume;
    t.costMinor += s.costMinor;
    if (s.provider === 'external') t.externalMinor += s.costMinor;
    t.feeMinor += Math.round(s.volume * (s.spec.feeMinor ?? 0));
    totals.set(s.spec.key, t);
  }
  if (p.resFrom <= p0 && (p.death === null || p.death >= p0)) {
    const key = `${Math.min(100, p.age)}|${p.sex}`;
    population.set(key, (population.get(key) ?? 0) + 1);
  }
  let kmf = 0;
  for (const h of p.hospital) kmf += h.kmfMinor ?? 0;
  for (const g of p.gp) kmf += g.kmfMinor ?? 0;
  return kmf;
}

/** The unit cost the generator priced per catalogue code (kpb and price services), kr. */
export function unitCostsOf(profile: Profile, totals: Map<string, SpecTotals>): Record<string, number> {
  const unitCosts: Record<string, number> = {};
  for (const spec of profile.services) {
    const t = totals.get(spec.key);
    if (t && t.volume > 0 && spec.method !== 'record_amount')
      unitCosts[spec.catalogue] = Math.round(t.costMinor / t.volume) / 100;
  }
  return unitCosts;
}

export function writeMappings(
  dir: string,
  profile: Profile,
  rules: ReturnType<typeof buildLedger>['rules'],
  year: number,
): void {
  const header = 'priority,account,activity,responsibility,project,counterpart,target_type,target,reason';
  const body = rules.map((r) =>
    [
      r.priority,
      r.account,
      r.activity,
      r.responsibility,
      r.project,
      r.counterpart,
      r.target_type,
      r.target,
      r.reason,
    ].join(','),
  );
  writeFileSync(path.join(dir, 'mappings', 'ledger-translation.csv'), [header, ...body, ''].join('\n'));
  if (profile.country === 'DK') {
    const prices = profile.services
      .filter((s) => s.method === 'price')
      .map((s) => `${s.catalogue},${s.unit},${(s.unitMinor / 100).toFixed(2)},${year}-01-01,${year}-12-31`);
    writeFileSync(
      path.join(dir, 'mappings', 'takster-hjemmepleje.csv'),
      ['catalogue_code,unit,price,valid_from,valid_to', ...prices, ''].join('\n'),
    );
  }
}

/** A demo file name for the year: the names below are written for 2024 (`…-2024.csv`). */
export function yearFile(file: string, year: number): string {
  return file.replace(/-2024\./, `-${year}.`);
}

/** Which service rows get a planted flaw: a handful, at fixed positions, whatever the size. */
const UNMAPPED_AT = [25, 50, 75, 100];

export abstract class BaseWriter {
  readonly flaws: PlantedFlaw[] = [];
  readonly kmfDeviations: KmfDeviation[] = [];
  protected readonly sinks: Sink[] = [];
  /** false in a multi-year demo: the residence file is written once per municipality (series.ts) */
  writeResidence = true;

  protected add<T extends Sink>(s: T): T {
    this.sinks.push(s);
    return s;
  }

  files(): Sink[] {
    return this.sinks;
  }

  abstract person(p: PersonRecord): Promise<void>;
  abstract residenceRow(p: PersonRecord): Promise<void>;
  abstract finish(
    population: Map<string, number>,
    ledger: ReturnType<typeof buildLedger>['lines'],
  ): Promise<void>;
  abstract codeTables(): Promise<void>;

  protected async closeAll(): Promise<void> {
    for (const s of this.sinks) await s.close();
  }
}

// ---------------------------------------------------------------------------------------------------------

export const DK_FILES = {
  ah: 'extracts/aeldre-handicap-2024.xlsx',
  ahServicesParquet: 'extracts/aeldre-handicap-ydelser-2024.parquet',
  ahAttributesParquet: 'extracts/aeldre-handicap-maalgrupper-2024.parquet',
  fb: 'extracts/fb-ydelser-2024.csv',
  fbStatus: 'extracts/fb-forsoergelse-maalgruppe-2024.csv',
  sk: 'extracts/sundhed-kultur-2024.csv',
  hospital: 'extracts/region-sygehuskontakter-2024.csv',
  chronic: 'extracts/region-kroniske-sygdomme.csv',
  gp: 'extracts/region-praksis-2024.csv',
  residence: 'extracts/cpr-bopael.csv',
  population: 'extracts/befolkning-2024.csv',
  ledger: 'extracts/finans-2024.csv',
  codesAh: 'mappings/koder-aeldre-handicap.xlsx',
  codesFb: 'mappings/koder-fb.csv',
  codesSk: 'mappings/koder-sundhed-kultur.csv',
};

export const DK_HEADERS = {
  ah: [
    'CPR-nr.',
    'Ydelseskode',
    'Ydelse',
    'Startdato',
    'Slutdato',
    'Omfang',
    'Enhed',
    'Leverandør',
    'Udfører',
    'Beløb',
  ],
  ahAttr: ['CPR-nr.', 'Oplysning', 'Værdi', 'Fra', 'Til'],
  fb: ['Cprnr', 'Ydelse', 'Ydelsesnavn', 'Fra dato', 'Til dato', 'Antal', 'Enhed', 'Beløb kr.', 'Afdeling'],
  fbStatus: ['Cprnr', 'Oplysning', 'Værdi', 'Fra dato', 'Til dato'],
  sk: ['cpr', 'ydelseskode', 'ydelse', 'startdato', 'slutdato', 'antal', 'udfoerer'],
  hospital: [
    'PNR',
    'KONTAKT_ID',
    'REGION',
    'KOMMUNE',
    'SYGEHUS',
    'AFDELING',
    'AKUT',
    'PSYK',
    'INDTID',
    'UDTID',
    'AKTIONSDIAGNOSE',
    'AFSLUTNING',
    'DRG',
    'TAKST',
    'KMF',
  ],
  chronic: ['PNR', 'SYGDOM', 'DIAGNOSEDATO'],
  gp: ['PNR', 'KOMMUNE', 'DATO', 'YDERTYPE', 'YDELSESKODE', 'HONORAR_OERE', 'KMF_OERE'],
  residence: ['CPR', 'KOMMUNE', 'TILFLYTTET', 'FRAFLYTTET', 'DOED'],
  population: ['KOMKODE', 'AAR', 'ALDER', 'KOEN', 'ANTAL'],
  ledger: ['Art', 'Funktion', 'Omkostningssted', 'Projekt', 'Modpart', 'Tekst', 'Beløb'],
};

export class DkWriter extends BaseWriter {
  private readonly book: XlsxBook | null;
  private readonly ah: Sink;
  private readonly ahAttrRows: Cell[][] = [];
  private readonly ahAttr: Sink | null;
  private readonly fb: Sink;
  private readonly fbStatus: Sink;
  private readonly sk: Sink;
  private readonly hospital: Sink;
  private readonly chronic: Sink;
  private readonly gp: Sink;
  private readonly residence: Sink;
  private overload = false;

  private endBeforeStart = false;
  private duplicated = false;

  constructor(
    private readonly dir: string,
    private readonly profile: Profile,
    private readonly year: number,
    private readonly parquet: boolean,
  ) {
    super();
    const f = (p: string) => path.join(dir, yearFile(p, year));
    const H = DK_HEADERS;
    if (parquet) {
      this.book = null;
      this.ah = this.add(
        new ParquetSink(f(DK_FILES.ahServicesParquet), H.ah, [
          'VARCHAR',
          'VARCHAR',
          'VARCHAR',
          'DATE',
          'DATE',
          'DECIMAL(18,2)',
          'VARCHAR',
          'VARCHAR',
          'VARCHAR',
          'DECIMAL(18,2)',
        ]),
      );
      this.ahAttr = this.add(
        new ParquetSink(f(DK_FILES.ahAttributesParquet), H.ahAttr, [
          'VARCHAR',
          'VARCHAR',
          'VARCHAR',
          'DATE',
          'DATE',
        ]),
      );
    } else {
      this.book = new XlsxBook(f(DK_FILES.ah));
      this.ah = this.add(this.book.sheet('Ydelser', H.ah, [14, 12, 44, 12, 12, 10, 10, 11, 28, 12]));
      this.ahAttr = null;
    }
    const win = { delimiter: ';', encoding: 'windows-1252' as const, eol: '\r\n' };
    this.fb = this.add(new CsvSink(f(DK_FILES.fb), H.fb, win));
    this.fbStatus = this.add(new CsvSink(f(DK_FILES.fbStatus), H.fbStatus, win));
    this.sk = this.add(new CsvSink(f(DK_FILES.sk), H.sk, { delimiter: ',', encoding: 'utf-8' }));
    this.hospital = this.add(
      new CsvSink(f(DK_FILES.hospital), H.hospital, { delimiter: ';', encoding: 'utf-8' }),
    );
    this.chronic = this.add(
      new CsvSink(f(DK_FILES.chronic), H.chronic, { delimiter: ';', encoding: 'utf-8' }),
    );
    this.gp = this.add(new CsvSink(f(DK_FILES.gp), H.gp, { delimiter: ';', encoding: 'utf-8' }));
    this.residence = this.add(
      new CsvSink(f(DK_FILES.residence), H.residence, { delimiter: ';', encoding: 'utf-8' }),
    );
  }

  private fileOf(s: Sink): string {
    return path.relative(this.dir, s.file);
  }

  async residenceRow(p: PersonRecord): Promise<void> {
    await this.residence.write([
      p.id,
      this.profile.municipality,
      dmyDot(p.resFrom),
      p.resTo === null ? null : dmyDot(p.resTo),
      p.death === null ? null : dmyDot(p.death),
    ]);
  }

  async person(p: PersonRecord): Promise<void> {
    if (this.writeResidence) await this.residenceRow(p);
    for (const a of p.attributes) {
      if (a.source === 'AH') {
        const label = a.attribute === 'target_group' ? 'Målgruppe' : 'Boform';
        const word =
          a.attribute === 'target_group' ? W.DK_TARGET_GROUP_WORDS[a.value]! : W.DK_HOUSING_WORDS[a.value]!;
        const row: Cell[] = [p.id, label, word, toDate(a.from), a.to === null ? null : toDate(a.to)];
        if (this.ahAttr) await this.ahAttr.write(row);
        else this.ahAttrRows.push(row);
      } else if (a.source === 'FB') {
        const label = a.attribute === 'target_group' ? 'Målgruppe' : 'Forsørgelse';
        const word =
          a.attribute === 'target_group' ? W.DK_TARGET_GROUP_WORDS[a.value]! : W.DK_BENEFIT_WORDS[a.value]!;
        await this.fbStatus.write([p.id, label, word, dmyDash(a.from), a.to === null ? null : dmyDash(a.to)]);
      } else if (a.source === 'REG') {
        await this.chronic.write([p.id, W.DK_CHRONIC_WORDS[a.value]!, ymdCompact(a.from)]);
      }
    }
    for (const s of p.services) {
      if (s.spec.dept === 'AH') await this.ahRow(p, s);
      else if (s.spec.dept === 'FB') await this.fbRow(p, s);
      else await this.skRow(p, s);
    }
    for (const h of p.hospital) {
      let kmf = h.kmfMinor;
      // Planted: two somatic inpatient contacts invoiced at twice the KMF the rate table gives.
      const row = this.hospital.rows + 1;
      if (
        kmf !== null &&
        kmf > 0 &&
        h.inpatient &&
        !h.psychiatric &&
        this.kmfDeviations.length < 2 &&
        row >= 500 * (this.kmfDeviations.length + 1)
      ) {
        kmf *= 2;
        this.kmfDeviations.push({
          file: this.fileOf(this.hospital),
          row,
          contactId: h.contactId,
          rateTableMinor: h.kmfMinor!,
          invoicedMinor: kmf,
        });
      }
      await this.hospital.write([
        p.id,
        h.contactId,
        this.profile.region.code,
        this.profile.municipality,
        h.hospital,
        h.unit,
        h.acute ? 'J' : 'N',
        h.psychiatric ? 'J' : 'N',
        isoTimestamp(h.admit, h.admitMin),
        isoTimestamp(h.discharge, h.dischargeMin),
        h.diagnosis,
        W.STATUS_WORDS_DK[h.status]!,
        h.drg,
        money(h.tariffMinor, '.'),
        kmf === null ? null : money(kmf, '.'),
      ]);
    }
    for (const g of p.gp) {
      await this.gp.write([
        p.id,
        this.profile.municipality,
        ymdCompact(g.date),
        g.providerType === 'gp' ? 'AP' : 'SP',
        g.code,
        g.feeMinor,
        g.kmfMinor,
      ]);
    }
  }

  private async ahRow(p: PersonRecord, s: ServiceRecord): Promise<void> {
    let vol = s.volume;
    const days = s.end - s.start + 1;
    // Planted: one home-care month granted more than 24 hours a day.
    if (
      !this.overload &&
      s.spec.unit === 'hour_granted' &&
      s.spec.key === 'hc_pp_ae' &&
      this.ah.rows >= 200 &&
      days >= 28
    ) {
      this.overload = true;
      vol = days * 26;
      this.flaws.push({
        kind: 'volume_over_24h_per_day',
        source: 'aeldre_handicap',
        file: this.fileOf(this.ah),
        row: this.ah.rows + 1,
        localCode: s.spec.local,
        detail: `${vol} hours in ${days} days`,
      });
    }
    const row: Cell[] = [
      p.id,
      s.spec.local,
      s.spec.text,
      toDate(s.start),
      toDate(s.end),
      vol,
      W.DK_UNIT_WORDS[s.spec.unit]!,
      s.provider === 'own' ? 'Egen' : 'Ekstern',
      s.providerUnit,
      s.amountMinor === null ? null : s.amountMinor / 100,
    ];
    await this.ah.write(row);
    if (UNMAPPED_AT.includes(this.ah.rows)) {
      await this.ah.write([
        p.id,
        '1199',
        'Natpleje (ny kode, ikke oprettet i oversættelsen)',
        toDate(s.start),
        toDate(s.end),
        4,
        'timer',
        'Egen',
        'Hjemmepleje Nord',
        null,
      ]);
      this.flaws.push({
        kind: 'unmapped_code',
        source: 'aeldre_handicap',
        file: this.fileOf(this.ah),
        row: this.ah.rows,
        localCode: '1199',
        detail: 'local code missing from the translation table',
      });
    }
  }

  private async fbRow(p: PersonRecord, s: ServiceRecord): Promise<void> {
    let start = s.start;
    let end = s.end;
    // Planted: one row whose end date lies before its start date.
    if (!this.endBeforeStart && this.fb.rows >= 40 && end > start) {
      this.endBeforeStart = true;
      [start, end] = [end, start];
      this.flaws.push({
        kind: 'end_before_start',
        source: 'fb_ydelser',
        file: this.fileOf(this.fb),
        row: this.fb.rows + 1,
        localCode: s.spec.local,
        detail: 'Til dato before Fra dato',
      });
    }
    await this.fb.write([
      p.id,
      s.spec.local,
      s.spec.text,
      dmyDash(start),
      dmyDash(end),
      volume(s.volume, ','),
      W.DK_UNIT_WORDS[s.spec.unit]!,
      s.amountMinor === null ? null : money(s.amountMinor, ',', '.'),
      s.providerUnit,
    ]);
    if (UNMAPPED_AT.slice(0, 3).includes(this.fb.rows)) {
      await this.fb.write([
        p.id,
        'BU-NY',
        'Ny forebyggende indsats (ikke oprettet)',
        dmyDash(s.start),
        dmyDash(s.end),
        '1',
        'måneder',
        null,
        'Familiecentret',
      ]);
      this.flaws.push({
        kind: 'unmapped_code',
        source: 'fb_ydelser',
        file: this.fileOf(this.fb),
        row: this.fb.rows,
        localCode: 'BU-NY',
        detail: 'local code missing from the translation table',
      });
    }
  }

  private async skRow(p: PersonRecord, s: ServiceRecord): Promise<void> {
    const row: Cell[] = [
      p.id,
      s.spec.local,
      s.spec.text,
      isoDate(s.start),
      isoDate(s.end),
      volume(s.volume, '.'),
      s.providerUnit,
    ];
    await this.sk.write(row);
    // Planted: one row delivered twice.
    if (!this.duplicated && this.sk.rows === 30) {
      this.duplicated = true;
      await this.sk.write(row);
      this.flaws.push({
        kind: 'duplicate_row',
        source: 'sundhed_kultur',
        file: this.fileOf(this.sk),
        row: this.sk.rows,
        localCode: s.spec.local,
        detail: 'same row as the one before',
      });
    }
    if ([...UNMAPPED_AT, 125].includes(this.sk.rows)) {
      await this.sk.write([
        p.id,
        'GT-HOLD',
        'Holdtræning (ny kode)',
        isoDate(s.start),
        isoDate(s.end),
        '6',
        'Træningscenter Syd',
      ]);
      this.flaws.push({
        kind: 'unmapped_code',
        source: 'sundhed_kultur',
        file: this.fileOf(this.sk),
        row: this.sk.rows,
        localCode: 'GT-HOLD',
        detail: 'local code missing from the translation table',
      });
    }
  }

  async finish(
    population: Map<string, number>,
    ledger: ReturnType<typeof buildLedger>['lines'],
  ): Promise<void> {
    const f = (p: string) => path.join(this.dir, yearFile(p, this.year));
    const pop = this.add(
      new CsvSink(f(DK_FILES.population), DK_HEADERS.population, { delimiter: ',', encoding: 'utf-8' }),
    );
    for (let age = 0; age <= 100; age++) {
      for (const sex of ['F', 'M'] as const) {
        await pop.write([
          this.profile.municipality,
          this.year,
          age,
          sex === 'F' ? 'K' : 'M',
          population.get(`${age}|${sex}`) ?? 0,
        ]);
      }
    }
    const led = this.add(
      new CsvSink(f(DK_FILES.ledger), DK_HEADERS.ledger, { delimiter: ';', encoding: 'utf-8' }),
    );
    for (const l of ledger) {
      await led.write([
        l.account,
        l.activity,
        l.responsibility,
        l.project,
        l.counterpart,
        l.text,
        money(Number(l.amountMinor), ','),
      ]);
    }
    if (this.book) {
      // the services sheet is complete: commit it before the second sheet streams
      await this.sinks[0]!.close();
      const attr = this.add(this.book.sheet('Målgruppe og boform', DK_HEADERS.ahAttr, [14, 12, 30, 12, 12]));
      for (const r of this.ahAttrRows) await attr.write(r);
      await attr.close();
      await this.book.close();
      for (const s of this.sinks) if (s !== this.sinks[0] && s !== attr) await s.close();
    } else {
      await this.closeAll();
    }
  }

  async codeTables(): Promise<void> {
    const f = (p: string) => path.join(this.dir, p);
    const of = (dept: string) => this.profile.services.filter((s) => s.dept === dept);
    const book = new XlsxBook(f(DK_FILES.codesAh));
    const sheet = book.sheet('Koder', ['local_code', 'catalogue_code', 'text'], [12, 16, 50]);
    for (const s of of('AH')) await sheet.write([s.local, s.catalogue, s.text]);
    await sheet.close();
    await book.close();
    const fb = new CsvSink(f(DK_FILES.codesFb), ['local_code', 'catalogue_code', 'text'], {
      delimiter: ';',
      encoding: 'utf-8',
    });
    for (const s of of('FB')) await fb.write([s.local, s.catalogue, s.text]);
    await fb.close();
    const sk = new CsvSink(f(DK_FILES.codesSk), ['local_code', 'catalogue_code', 'text'], {
      delimiter: ',',
      encoding: 'utf-8',
    });
    for (const s of of('SK')) await sk.write([s.local, s.catalogue, s.text]);
    await sk.close();
  }
}

// ---------------------------------------------------------------------------------------------------------

export const SE_FILES = {
  vof: 'extracts/vof-insatser-2024.csv',
  vofAttr: 'extracts/vof-malgrupp-boende-2024.csv',
  hospital: 'extracts/region-vardkontakter-2024.csv',
  residence: 'extracts/folkbokforing.csv',
  population: 'extracts/befolkning-2024.csv',
  ledger: 'extracts/huvudbok-2024.csv',
  codes: 'mappings/koder-vof.csv',
};

export const SE_HEADERS = {
  vof: ['Personnummer', 'Insatskod', 'Insats', 'Från', 'Till', 'Mängd', 'Enhet', 'Regi', 'Utförare'],
  vofAttr: ['Personnummer', 'Uppgift', 'Värde', 'Från', 'Till'],
  hospital: [
    'PERSONNR',
    'VARDKONTAKT',
    'REGION',
    'KOMMUN',
    'SJUKHUS',
    'KLINIK',
    'AKUT',
    'PSYK',
    'INSKRIVNING',
    'UTSKRIVNING',
    'HUVUDDIAGNOS',
    'UTSKRSATT',
    'DRG',
    'KOSTNAD',
  ],
  residence: ['PERSONNR', 'KOMMUN', 'INFLYTT', 'UTFLYTT', 'AVLIDEN'],
  population: ['Kommun', 'År', 'Ålder', 'Kön', 'Antal'],
  ledger: ['Konto', 'Verksamhet', 'Ansvar', 'Projekt', 'Motpart', 'Text', 'Belopp'],
};

export class SeWriter extends BaseWriter {
  private readonly vof: Sink;
  private readonly vofAttr: Sink;
  private readonly hospital: Sink;
  private readonly residence: Sink;
  constructor(
    private readonly dir: string,
    private readonly profile: Profile,
    private readonly year: number,
  ) {
    super();
    const f = (p: string) => path.join(dir, yearFile(p, year));
    const semi = { delimiter: ';', encoding: 'utf-8' as const };
    this.vof = this.add(new CsvSink(f(SE_FILES.vof), SE_HEADERS.vof, semi));
    this.vofAttr = this.add(new CsvSink(f(SE_FILES.vofAttr), SE_HEADERS.vofAttr, semi));
    this.hospital = this.add(new CsvSink(f(SE_FILES.hospital), SE_HEADERS.hospital, semi));
    this.residence = this.add(new CsvSink(f(SE_FILES.residence), SE_HEADERS.residence, semi));
  }

  async residenceRow(p: PersonRecord): Promise<void> {
    await this.residence.write([
      p.id,
      this.profile.municipality,
      isoDate(p.resFrom),
      p.resTo === null ? null : isoDate(p.resTo),
      p.death === null ? null : isoDate(p.death),
    ]);
  }

  async person(p: PersonRecord): Promise<void> {
    if (this.writeResidence) await this.residenceRow(p);
    for (const a of p.attributes) {
      if (a.source !== 'VOF') continue;
      await this.vofAttr.write([
        p.id,
        a.attribute === 'target_group' ? 'Personkrets' : 'Boendeform',
        W.SE_WORDS[a.value]!,
        isoDate(a.from),
        a.to === null ? null : isoDate(a.to),
      ]);
    }
    for (const s of p.services) {
      await this.vof.write([
        p.id,
        s.spec.local,
        s.spec.text,
        isoDate(s.start),
        isoDate(s.end),
        volume(s.volume, ','),
        W.SE_UNIT_WORDS[s.spec.unit]!,
        s.provider === 'own' ? 'Egen regi' : 'Privat regi',
        s.providerUnit,
      ]);
      if (UNMAPPED_AT.slice(0, 2).includes(this.vof.rows)) {
        await this.vof.write([
          p.id,
          'HT99',
          'Hemtjänst natt (ny kod)',
          isoDate(s.start),
          isoDate(s.end),
          '3',
          'beviljade timmar',
          'Egen regi',
          'Hemtjänst Norr',
        ]);
        this.flaws.push({
          kind: 'unmapped_code',
          source: 'vof_insatser',
          file: path.relative(this.dir, this.vof.file),
          row: this.vof.rows,
          localCode: 'HT99',
          detail: 'local code missing from the translation table',
        });
      }
    }
    for (const h of p.hospital) {
      await this.hospital.write([
        p.id,
        h.contactId,
        this.profile.region.code,
        this.profile.municipality,
        h.hospital,
        h.unit,
        h.acute ? 'J' : 'N',
        h.psychiatric ? 'J' : 'N',
        isoTimestamp(h.admit, h.admitMin),
        isoTimestamp(h.discharge, h.dischargeMin),
        h.diagnosis,
        W.STATUS_WORDS_SE[h.status]!,
        h.drg,
        money(h.tariffMinor, ','),
      ]);
    }
  }

  async finish(
    population: Map<string, number>,
    ledger: ReturnType<typeof buildLedger>['lines'],
  ): Promise<void> {
    const f = (p: string) => path.join(this.dir, yearFile(p, this.year));
    const pop = this.add(
      new CsvSink(f(SE_FILES.population), SE_HEADERS.population, { delimiter: ';', encoding: 'utf-8' }),
    );
    for (let age = 0; age <= 100; age++) {
      for (const sex of ['F', 'M'] as const) {
        await pop.write([
          this.profile.municipality,
          this.year,
          age,
          sex === 'F' ? 'K' : 'M',
          population.get(`${age}|${sex}`) ?? 0,
        ]);
      }
    }
    const led = this.add(
      new CsvSink(f(SE_FILES.ledger), SE_HEADERS.ledger, { delimiter: ';', encoding: 'utf-8' }),
    );
    for (const l of ledger)
      await led.write([
        l.account,
        l.activity,
        l.responsibility,
        l.project,
        l.counterpart,
        l.text,
        money(Number(l.amountMinor), ','),
      ]);
    await this.closeAll();
  }

  async codeTables(): Promise<void> {
    const codes = new CsvSink(path.join(this.dir, SE_FILES.codes), ['local_code', 'catalogue_code', 'text'], {
      delimiter: ';',
      encoding: 'utf-8',
    });
    for (const s of this.profile.services) await codes.write([s.local, s.catalogue, s.text]);
    await codes.close();
  }
}
