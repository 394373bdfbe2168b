/**
 * A demo over several municipalities and years (docs/demo.md, "Several municipalities and years"): a
 * Danish health cluster with a shared hospital, or a Swedish KPB comparison group, each municipality a
 * part per year under `data/<code>-<year>/`, one workspace config listing every period and municipality.
 * The same persons live on from year to year: a year older, some move out or die, newcomers move in or
 * are born; prices rise 3 % a year; one service moves to another department in the second year.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { userError } from '../core/messages.js';
import { CalibrationRecorder } from './calibration.js';
import { DEMO_CONFIG_HEADER, demoConfigObject } from './config.js';
import { createContext, type GenContext } from './context.js';
import {
  DEFAULT_SEED,
  DkWriter,
  PARQUET_ABOVE,
  SeWriter,
  accountPerson,
  demoKey,
  unitCostsOf,
  writeMappings,
  type BaseWriter,
  type DemoOptions,
  type DemoSummary,
} from './generate.js';
import { CprIssuer, PersonnummerIssuer } from './ids.js';
import { buildLedger, type SpecTotals } from './ledger.js';
import type { PersonRecord } from './model.js';
import { ageOn1Jan, generatePerson, type PriorLife } from './person.js';
import { profileFor, type Profile } from './profile.js';

/** Price rise per year of every unit cost and price (kpb, price and record amounts alike). */
export const PRICE_RISE = 1.03;
/** The year of the profile's prices: year y costs × 1.03^(y − 2024), whichever year a series starts in. */
export const PRICE_YEAR = 2024;
/** The first years a series may start in: 2024 … 2028 (2026 with `--years 2` crosses 1 January 2027). */
export const FIRST_YEARS = [2024, 2028] as const;
/** Newcomers per later year (moving in or born), as a share of the first year's inhabitants. */
export const ARRIVALS = 0.05;
export const MAX_YEARS = 5;

interface Member {
  code: string;
  name: string;
  /** inhabitants (rounded, 2024): the split of `--persons` */
  inhabitants: number;
}

/**
 * The municipalities of a series. DK: the Randers health cluster in Region Midtjylland (Randers,
 * Favrskov, Syddjurs, Norddjurs) with Regionshospitalet Randers as the shared hospital. SE: a KPB
 * comparison group of five large municipalities (the region and hospitals stay the profile's).
 */
export const SERIES_MEMBERS: Record<'DK' | 'SE', Member[]> = {
  DK: [
    { code: '730', name: 'Randers', inhabitants: 99_000 },
    { code: '710', name: 'Favrskov', inhabitants: 50_000 },
    { code: '706', name: 'Syddjurs', inhabitants: 43_000 },
    { code: '707', name: 'Norddjurs', inhabitants: 37_000 },
  ],
  SE: [
    { code: '1980', name: 'Västerås', inhabitants: 157_000 },
    { code: '1880', name: 'Örebro', inhabitants: 158_000 },
    { code: '0580', name: 'Linköping', inhabitants: 166_000 },
    { code: '0581', name: 'Norrköping', inhabitants: 145_000 },
    { code: '0484', name: 'Eskilstuna', inhabitants: 108_000 },
  ],
};

const DK_CLUSTER = {
  name: 'Randersklyngen',
  /** the health council (sundhedsråd) that takes over from 2027-01-01: an invented demo name */
  council: 'Sundhedsråd Randers (demo)',
  region: { code: '1082', name: 'Region Midtjylland' },
  /** the shared somatic hospital and the region's psychiatry (demo hospital codes) */
  hospital: { code: '6620', name: 'Regionshospitalet Randers' },
  psychiatry: { code: '6650', name: 'Psykiatrien Region Midtjylland' },
};

/** The service that moves department in the second year: DK training § 140 from Sundhed og Kultur to Ældre og Handicap. */
export const MOVED_SERVICE = { key: 'gt140', dept: 'AH', local: '1340' };

/** The profile of member `m` (several members: the cluster's; one: the profile's own municipality). */
function memberProfile(base: Profile, members: Member[], m: number): Profile {
  if (members.length === 1) return base;
  const mem = members[m]!;
  const p: Profile = { ...base, municipality: mem.code, municipalityName: `${mem.name} (demo)` };
  if (base.country === 'DK') {
    p.region = DK_CLUSTER.region;
    const psych = (h: Profile['hospitals'][number]) => h.units.some((u) => /psyk/i.test(u));
    p.hospitals = [
      { ...DK_CLUSTER.hospital, units: base.hospitals.filter((h) => !psych(h)).flatMap((h) => h.units) },
      { ...DK_CLUSTER.psychiatry, units: base.hospitals.filter(psych).flatMap((h) => h.units) },
    ];
  }
  return p;
}

/** The profile `k` years after 2024: prices × 1.03^k; from k = 1 (2025) the moved service in its new department. */
export function yearProfile(p: Profile, k: number): Profile {
  const factor = PRICE_RISE ** k;
  return {
    ...p,
    services: p.services.map((s) => {
      const moved = k >= 1 && s.key === MOVED_SERVICE.key && p.country === 'DK';
      return {
        ...s,
        unitMinor: Math.round(s.unitMinor * factor),
        feeMinor: s.feeMinor === undefined ? undefined : Math.round(s.feeMinor * factor),
        ...(moved ? { dept: MOVED_SERVICE.dept, local: MOVED_SERVICE.local } : {}),
      };
    }),
  };
}

interface Part {
  code: string;
  year: number;
  dir: string;
  profile: Profile;
  ctx: GenContext;
  writer: BaseWriter;
  totals: Map<string, SpecTotals>;
  population: Map<string, number>;
  kmf: number;
}

export async function generateSeries(options: DemoOptions): Promise<DemoSummary> {
  const base = profileFor(options.country);
  const total = options.persons ?? base.defaultPersons;
  const seed = options.seed ?? DEFAULT_SEED;
  const year0 = options.year ?? 2024;
  const years = options.years ?? 1;
  const all = SERIES_MEMBERS[base.country];
  const n = options.municipalities ?? 1;
  if (n < 1 || n > all.length) throw new Error(`demo: ${n} municipalities (1 … ${all.length})`);
  if (years < 1 || years > MAX_YEARS) throw new Error(`demo: ${years} years (1 … ${MAX_YEARS})`);
  if (year0 < FIRST_YEARS[0] || year0 > FIRST_YEARS[1])
    throw new Error(`demo: first year ${year0} (${FIRST_YEARS[0]} … ${FIRST_YEARS[1]})`);
  const dir = path.resolve(options.out);
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw userError('demo.not_empty', { folder: dir }, { file: dir });
  }
  for (const f of ['data', 'mappings', 'secrets', 'warehouse', 'reports'])
    mkdirSync(path.join(dir, f), { recursive: true });
  const members = all.slice(0, n);
  const weight = members.reduce((a, m) => a + m.inhabitants, 0);
  const sizes = members.map((m) => Math.max(1, Math.round((total * m.inhabitants) / weight)));
  const parquet = Math.max(...sizes) > (options.parquetAbove ?? PARQUET_ABOVE);
  const ids = { cpr: new CprIssuer(), pnr: new PersonnummerIssuer() };
  const grand = sizes.reduce((a, s) => a + Math.round(s * (1 + ARRIVALS * (years - 1))), 0);
  let done = 0;
  let calib: CalibrationRecorder | null = null;
  const allParts: Part[] = [];

  for (let m = 0; m < n; m++) {
    const mp = memberProfile(base, all.slice(0, n), m);
    // the first municipality keeps the seed, so its first year is the single-year demo's
    const seedM = (seed + 7919 * m) >>> 0;
    const parts: Part[] = [];
    for (let k = 0; k < years; k++) {
      const year = year0 + k;
      const profile = yearProfile(mp, year - PRICE_YEAR);
      const partDir = path.join(dir, 'data', `${mp.municipality}-${year}`);
      for (const f of ['extracts', 'mappings']) mkdirSync(path.join(partDir, f), { recursive: true });
      const ctx = createContext(profile, seedM, year, ids);
      ctx.nextContact = 1 + m * 100_000_000; // contact ids unique across the cluster's municipalities
      const writer =
        profile.country === 'DK'
          ? new DkWriter(partDir, profile, year, parquet)
          : new SeWriter(partDir, profile, year);
      writer.writeResidence = false;
      parts.push({
        code: mp.municipality,
        year,
        dir: partDir,
        profile,
        ctx,
        writer,
        totals: new Map(),
        population: new Map(),
        kmf: 0,
      });
    }
    calib ??= new CalibrationRecorder(parts[0]!.ctx.p0);
    const size = sizes[m]!;
    const arrivals = Math.round(size * ARRIVALS);
    const count = size + arrivals * (years - 1);
    for (let i = 0; i < count; i++) {
      const k0 = i < size ? 0 : 1 + Math.floor((i - size) / arrivals);
      let prior: PriorLife | undefined;
      let last: PersonRecord | undefined;
      for (let k = k0; k < years; k++) {
        const part = parts[k]!;
        const p = generatePerson(part.ctx, i, prior, k > 0 && prior === undefined);
        if (k === 0 && m === 0) calib.add(p);
        part.kmf += accountPerson(p, part.totals, part.population, part.ctx.p0);
        await part.writer.person(p);
        last = p;
        if (p.death !== null || p.resTo !== null) break;
        prior = {
          age: ageOn1Jan(p.birth, part.year + 1),
          sex: p.sex,
          birth: p.birth,
          id: p.id,
          resFrom: p.resFrom,
          chronic: p.chronic,
        };
      }
      // one residence row per person and municipality: from the first year's move-in to the last year's end
      if (last) await parts[0]!.writer.residenceRow(last);
      if (++done % 10_000 === 0) options.onProgress?.(done, grand);
    }
    for (const part of parts) {
      const ledger = buildLedger(part.profile, part.totals, part.kmf);
      await part.writer.finish(part.population, ledger.lines);
      writeMappings(part.dir, part.profile, ledger.rules, part.year);
      await part.writer.codeTables();
      Object.assign(part, { ledger });
      allParts.push(part);
    }
  }
  options.onProgress?.(grand, grand);
  return finishSeries(dir, base, allParts, { total, seed, years, parquet, calib: calib! });
}

async function finishSeries(
  dir: string,
  base: Profile,
  parts: (Part & { ledger?: ReturnType<typeof buildLedger> })[],
  o: { total: number; seed: number; years: number; parquet: boolean; calib: CalibrationRecorder },
): Promise<DemoSummary> {
  const first = parts[0]!;
  const codes = [...new Set(parts.map((p) => p.code))];
  const years = [...new Set(parts.map((p) => p.year))];
  const dk = base.country === 'DK';

  // One translation table for every ledger (rules alike across parts; kept once each), one price list.
  const seen = new Set<string>();
  const rules = parts.flatMap((p) =>
    p.ledger!.rules.filter((r) => {
      const key = JSON.stringify({ ...r, priority: 0 });
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    }),
  );
  writeMappings(dir, first.profile, rules, first.year);
  if (dk) {
    const prices = parts
      .filter((p) => p.code === first.code)
      .flatMap((p) =>
        p.profile.services
          .filter((s) => s.method === 'price')
          .map(
            (s) =>
              `${s.catalogue},${s.unit},${(s.unitMinor / 100).toFixed(2)},${p.year}-01-01,${p.year}-12-31`,
          ),
      );
    writeFileSync(
      path.join(dir, 'mappings', 'takster-hjemmepleje.csv'),
      ['catalogue_code,unit,price,valid_from,valid_to', ...prices, ''].join('\n'),
    );
  }

  const adminTargets = [...new Set(parts.flatMap((p) => p.ledger!.adminTargets))];
  const weights: Record<string, number> = {};
  for (const p of parts) for (const [t, w] of Object.entries(p.ledger!.premises.weights)) weights[t] ??= w;
  const config = demoConfigObject({
    profile: first.profile,
    year: first.year,
    parquet: o.parquet,
    persons: o.total,
    seed: o.seed,
    adminTargets,
    premises: { targets: Object.keys(weights), weights },
  });
  const sources = parts.flatMap((part) => {
    const rel = path.relative(dir, part.dir).split(path.sep).join('/');
    const own = demoConfigObject({
      profile: part.profile,
      year: part.year,
      parquet: o.parquet,
      persons: o.total,
      seed: o.seed,
      adminTargets,
      premises: { targets: [], weights: {} },
    }).sources as { id: string; file: string; target: string; codes?: string }[];
    return own
      .filter((s) => part.year === first.year || (s.target !== 'residence' && s.id !== 'region_kronikere'))
      .map((s) => ({
        ...s,
        id: `${s.id}_${part.code}_${part.year}`,
        file: `${rel}/${s.file}`,
        ...(s.codes ? { codes: `${rel}/${s.codes}` } : {}),
      }));
  });
  const label =
    codes.length > 1
      ? dk
        ? `${DK_CLUSTER.name} (${codes.length} kommuner)`
        : `KPB-jämförelsegrupp (${codes.length} kommuner)`
      : first.profile.municipalityName;
  const full = {
    ...config,
    name: dk
      ? `Tværblik-demo: ${label}, ${years[0]}–${years.at(-1)}`
      : `Tvärblick-demo: ${label}, ${years[0]}–${years.at(-1)}`,
    municipalities: codes,
    periods: years.map((y) => ({ id: String(y), from: `${y}-01-01`, to: `${y}-12-31` })),
    sources,
    trajectories: dk && codes.length > 1 ? { clusters: { [DK_CLUSTER.name]: codes } } : {},
  };
  writeFileSync(
    path.join(dir, 'tvaerblik.yaml'),
    `${DEMO_CONFIG_HEADER}\n${stringify(full, { lineWidth: 120 })}`,
  );
  if (dk && codes.length > 1 && years.includes(2026) && years.includes(2027))
    writeFileSync(path.join(dir, CLUSTER_2027_FILE), clusterFile2027(parts, years));
  writeFileSync(path.join(dir, 'secrets', 'pseudonym.key'), `${demoKey(o.seed)}\n`, { mode: 0o600 });
  writeFileSync(path.join(dir, '.gitignore'), 'secrets/\nwarehouse/\nreports/\n');

  const unitCosts = unitCostsOf(first.profile, first.totals);
  return {
    dir,
    country: base.country,
    municipality: first.code,
    persons: o.total,
    seed: o.seed,
    period: years.length > 1 ? `${years[0]}-${years.at(-1)}` : String(years[0]),
    files: parts.flatMap((p) =>
      p.writer.files().map((f) => ({ file: path.relative(dir, f.file), rows: f.rows })),
    ),
    flaws: parts.flatMap((p) =>
      p.writer.flaws.map((f) => ({ ...f, file: path.relative(dir, path.join(p.dir, f.file)) })),
    ),
    kmfDeviations: parts.flatMap((p) =>
      p.writer.kmfDeviations.map((f) => ({ ...f, file: path.relative(dir, path.join(p.dir, f.file)) })),
    ),
    calibration: o.calib.result(),
    unitCosts,
    series: parts.map((p) => ({
      municipality: p.code,
      name: p.profile.municipalityName,
      period: String(p.year),
      dir: path.relative(dir, p.dir).split(path.sep).join('/'),
      prices: Object.fromEntries(p.profile.services.map((s) => [s.key, s.unitMinor / 100])),
    })),
  };
}

/** The cluster economy file a DK cluster series across 1 January 2027 writes (docs/demo.md). */
export const CLUSTER_2027_FILE = 'cluster-2027.yaml';
/** The demo's cluster fund: kroner per inhabitant of the demo, a year (invented). */
const FUND_PER_INHABITANT = 2;

/**
 * The Randers cluster's economy across the reform, for `tvaerblik cluster load` (docs/cluster.md): the
 * cluster ends 2026-12-31 and is succeeded by a health council of the same four municipalities, which
 * takes over the cluster fund with its history on 2027-01-01. Region Midtjylland is not merged.
 */
function clusterFile2027(parts: Part[], years: number[]): string {
  const members = [...new Map(parts.map((p) => [p.code, p.profile.municipalityName])).entries()];
  const id = (code: string) => `k${code}`;
  const inhabitants = new Map<string, number>();
  for (const p of parts.filter((x) => x.year === years[0]))
    inhabitants.set(
      p.code,
      [...p.population.values()].reduce((a, n) => a + n, 0),
    );
  const doc = {
    cluster: DK_CLUSTER.name,
    organisations: [
      {
        id: 'klynge',
        name: DK_CLUSTER.name,
        kind: 'cluster',
        valid_to: '2026-12-31',
        succeeded_by: 'raad',
      },
      {
        id: 'raad',
        name: DK_CLUSTER.council,
        kind: 'health_council',
        valid_from: '2027-01-01',
        members: members.map(([code]) => id(code)),
      },
      ...members.map(([code, name], i) => ({
        id: id(code),
        name,
        kind: 'municipality',
        municipality: code,
        ...(i === 0 ? { chair: true } : {}),
      })),
      { id: 'region', name: DK_CLUSTER.region.name, kind: 'region' },
      { id: 'hospital', name: DK_CLUSTER.hospital.name, kind: 'hospital' },
    ],
    takeovers: [{ date: '2027-01-01', from: 'klynge', to: 'raad' }],
    funds: [{ id: 'pulje', name: 'Klyngepuljen (demo)', allows: ['development'], carry_over: true }],
    grants: years.map((year) => ({
      fund: 'pulje',
      year,
      amounts: Object.fromEntries(
        members.map(([code]) => [id(code), FUND_PER_INHABITANT * (inhabitants.get(code) ?? 0)]),
      ),
    })),
  };
  return `# Demo: ${DK_CLUSTER.name} across 1 January 2027 (INVENTED): the cluster is succeeded by ${DK_CLUSTER.council},\n# which takes over the cluster fund. Load it with \`tvaerblik cluster load ${CLUSTER_2027_FILE}\` (docs/cluster.md).\n${stringify(doc, { lineWidth: 120 })}`;
}
