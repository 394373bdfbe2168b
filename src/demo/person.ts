/**
 * One synthetic person: age, residence, ids, target group, the municipal services of every department,
 * hospital and GP contacts. All draws come from a stream derived from (seed, person index), so a person
 * is the same whatever else changes. Rates are documented in docs/demo.md.
 */
import { ageOn, dayOf, partsOf } from './dates.js';
import { CprIssuer, PersonnummerIssuer } from './ids.js';
import type { AttributeRecord, HospitalRecord, PersonRecord, ServiceRecord } from './model.js';
import type { Profile } from './profile.js';
import { Rng } from './random.js';
import type { ServiceSpec } from './services.js';

export interface GenContext {
  profile: Profile;
  seed: number;
  year: number;
  p0: number;
  p1: number;
  cpr: CprIssuer;
  pnr: PersonnummerIssuer;
  ageCdf: number[];
  spec: Map<string, ServiceSpec>;
  nextContact: number;
  /** adults 18–64 generated so far: drives the archetype sequence */
  adultSeq: number;
}

export function createContext(profile: Profile, seed: number, year: number): GenContext {
  const total = profile.ageWeights.reduce((a, b) => a + b, 0);
  let acc = 0;
  const ageCdf = profile.ageWeights.map((w) => (acc += w / total));
  return {
    profile,
    seed,
    year,
    p0: dayOf(year, 1, 1),
    p1: dayOf(year, 12, 31),
    cpr: new CprIssuer(),
    pnr: new PersonnummerIssuer(),
    ageCdf,
    spec: new Map(profile.services.map((s) => [s.key, s])),
    nextContact: 1,
    adultSeq: 0,
  };
}

/** Providers per ledger activity: own units and the external supplier some citizens choose. */
const PROVIDERS: Record<string, { own: string[]; external?: string }> = {
  '5.30.26': {
    own: ['Hjemmepleje Nord', 'Hjemmepleje Syd', 'Hjemmepleje Øst', 'Hjemmepleje Vest'],
    external: 'Privat leverandør, frit valg',
  },
  '5.30.27': { own: ['Plejecenter Hasseris', 'Plejecenter Vejgaard', 'Plejecenter Aabybro'] },
  '5.38.50': {
    own: ['Bo- og Naboskab Nord', 'Bostedet Skovbakken'],
    external: 'Regionalt botilbud (købt plads)',
  },
  '5.38.52': { own: ['Bostedet Skovbakken', 'Midlertidigt Botilbud Øst'], external: 'Privat opholdssted' },
  '4.62.82': { own: ['Træningscenter Nord', 'Træningscenter Syd'] },
  '4.62.85': { own: ['Sygeplejen Nord', 'Sygeplejen Syd'] },
  '511': {
    own: ['Hemtjänst Norr', 'Hemtjänst Söder', 'Hemtjänst Centrum'],
    external: 'Omsorgsbolaget AB (LOV)',
  },
  '520': {
    own: ['Vård- och omsorgsboendet Björken', 'Vård- och omsorgsboendet Linden'],
    external: 'Attendo (entreprenad)',
  },
  '534': { own: ['Gruppbostad Eken', 'Servicebostad Aspen'] },
};

class Builder {
  readonly services: ServiceRecord[] = [];
  readonly attributes: AttributeRecord[] = [];
  constructor(
    readonly ctx: GenContext,
    readonly rng: Rng,
    readonly a: number,
    readonly b: number,
  ) {}

  spec(key: string): ServiceSpec {
    const s = this.ctx.spec.get(key);
    if (!s) throw new Error(`demo: no service ${key} in profile ${this.ctx.profile.country}`);
    return s;
  }

  provider(spec: ServiceSpec): { provider: 'own' | 'external'; unit: string } {
    const p = PROVIDERS[spec.activity];
    const deptName = this.ctx.profile.departments.find((d) => d.key === spec.dept)?.name ?? spec.dept;
    if (!p) return { provider: 'own', unit: deptName };
    const extShare = spec.external ?? (spec.method === 'price' && p.external ? 0.1 : 0);
    if (p.external && this.rng.chance(extShare)) return { provider: 'external', unit: p.external };
    return { provider: 'own', unit: this.rng.pick(p.own) };
  }

  /** One row; kpb/price rows are priced at the full unit cost, record_amount rows carry `amountMinor`. */
  add(
    key: string,
    start: number,
    end: number,
    volume: number,
    amountMinor: number | null = null,
    after = false,
  ): void {
    const spec = this.spec(key);
    start = Math.max(start, this.a);
    end = Math.min(end, this.b);
    if (end < start || volume <= 0) return;
    const vol = Math.round(volume * 100) / 100;
    const amount = spec.method === 'record_amount' ? (amountMinor ?? Math.round(vol * spec.unitMinor)) : null;
    const cost = spec.method === 'record_amount' ? amount! : Math.round(vol * spec.unitMinor);
    const p = this.provider(spec);
    this.services.push({
      spec,
      start,
      end,
      volume: vol,
      amountMinor: amount,
      costMinor: cost,
      provider: p.provider,
      providerUnit: p.unit,
      afterDischarge: after || undefined,
    });
  }

  /** A continuous service split into calendar-month rows, `perDay` units a day. */
  monthly(key: string, start: number, end: number, perDay: number, after = false): void {
    start = Math.max(start, this.a);
    end = Math.min(end, this.b);
    let d = start;
    while (d <= end) {
      const { year, month } = partsOf(d);
      const monthEnd = Math.min(end, dayOf(year, month + 1, 1) - 1);
      this.add(key, d, monthEnd, perDay * (monthEnd - d + 1), null, after);
      d = monthEnd + 1;
    }
  }

  /** A stay: one row per stay, volume = days. */
  stay(key: string, start: number, end: number): void {
    const s = Math.max(start, this.a);
    const e = Math.min(end, this.b);
    if (e >= s) this.add(key, s, e, e - s + 1);
  }

  /** A course of `visits` visits (or hours) spread over `weeks` weeks from `start`. */
  course(key: string, start: number, weeks: number, visits: number, after = false): void {
    this.add(key, start, start + Math.round(weeks * 7) - 1, Math.max(1, Math.round(visits)), null, after);
  }

  attr(
    source: string,
    attribute: AttributeRecord['attribute'],
    value: string,
    from: number,
    to: number | null = null,
  ): void {
    this.attributes.push({ source, attribute, value, from, to });
  }

  /** A random start inside the active window, leaving room for `days`. */
  startIn(days = 0): number {
    const last = Math.max(this.a, this.b - days);
    return this.rng.int(this.a, last);
  }
}

// Annual probability of death by age (rounded Danish life-table values).
function mortality(age: number): number {
  if (age < 1) return 0.003;
  if (age < 40) return 0.0005;
  if (age < 60) return 0.003;
  if (age < 70) return 0.01;
  if (age < 80) return 0.025;
  if (age < 90) return 0.08;
  return 0.22;
}

const CHRONIC = [
  'diabetes',
  'copd',
  'heart_failure',
  'ischaemic_heart_disease',
  'dementia',
  'osteoporosis',
  'arthritis',
  'cancer',
] as const;
const CHRONIC_WEIGHTS: Record<string, number> = {
  diabetes: 3,
  copd: 2,
  heart_failure: 1.2,
  ischaemic_heart_disease: 1.8,
  dementia: 0.8,
  osteoporosis: 1.5,
  arthritis: 1.5,
  cancer: 1.2,
};

/** Mean number of chronic conditions by age. */
function chronicMean(age: number): number {
  if (age < 18) return 0.03;
  if (age < 40) return 0.08;
  if (age < 50) return 0.2;
  if (age < 65) return 0.45;
  if (age < 75) return 1.0;
  if (age < 85) return 1.5;
  return 1.9;
}

export function generatePerson(ctx: GenContext, index: number): PersonRecord {
  const rng = Rng.derive(ctx.seed, index);
  const { p0, p1, year } = ctx;

  // Age on 1 January and a birth date that gives it.
  const u = rng.float();
  let age = ctx.ageCdf.findIndex((c) => u < c);
  if (age < 0) age = 100;
  if (age === 100) age += rng.int(0, 4);
  const sex: 'M' | 'F' = rng.chance(age >= 80 ? 0.62 : 0.5) ? 'F' : 'M';
  const birth = dayOf(year - age - 1, 1, 2) + rng.int(0, 363);

  // Residence: most lived here before the year; some move in or out during it; some die.
  const movedIn = age >= 1 && rng.chance(0.045);
  let resFrom: number;
  if (movedIn) resFrom = rng.int(p0 + 1, p1);
  else if (age < 18 || rng.chance(0.35)) resFrom = birth;
  else resFrom = rng.int(birth + 18 * 365, p0 - 1);
  let resTo: number | null = rng.chance(0.04) ? rng.int(Math.max(resFrom, p0), p1) : null;
  let death: number | null = null;
  if (rng.chance(mortality(age))) {
    death = rng.int(Math.max(resFrom, p0), resTo ?? p1);
    resTo = null;
  }
  const a = Math.max(resFrom, p0);
  const b = Math.min(resTo ?? p1, death ?? p1);

  // Synthetic ids: post-2007 CPR numbers may fail modulus 11; a few substitute numbers and samordningsnummer.
  let id: string;
  if (ctx.profile.country === 'DK') {
    const born = partsOf(birth);
    const failMod11 = born.year >= 2008 && rng.chance(0.25);
    const substitute = movedIn && rng.chance(0.01);
    id = ctx.cpr.issue(birth, sex, { failMod11, substitute });
  } else {
    id = ctx.pnr.issue(birth, sex, { samordning: movedIn && rng.chance(0.05) });
  }

  const bld = new Builder(ctx, rng, a, b);
  const chronic: string[] = [];
  const nChronic = Math.min(5, rng.poisson(chronicMean(age)));
  const pool = [...CHRONIC];
  for (let i = 0; i < nChronic; i++) {
    const c = rng.weighted(pool.map((x) => [x, CHRONIC_WEIGHTS[x]!] as const));
    chronic.push(c);
    pool.splice(pool.indexOf(c), 1);
  }
  const person: PersonRecord = {
    index,
    id,
    sex,
    birth,
    age,
    resFrom,
    resTo,
    death,
    archetype: 'none',
    targetGroup: null,
    chronic,
    longTermSick: false,
    services: bld.services,
    attributes: bld.attributes,
    hospital: [],
    gp: [],
  };
  for (const c of chronic) bld.attr('REG', 'chronic_condition', c, Math.max(birth, p0 - rng.int(200, 5000)));

  if (ctx.profile.country === 'DK') dkServices(bld, person);
  else seServices(bld, person);
  hospital(bld, person);
  gp(bld, person);
  return person;
}

// ---------------------------------------------------------------------------------------------------------
// Denmark

type TG =
  | 'physical_disability'
  | 'acquired_brain_injury'
  | 'developmental_disability'
  | 'mental_illness'
  | 'substance_abuse';

/** Exclusive heavy archetypes for adults 18–64, with their probability and target-group mix. */
const DK_ADULT_HEAVY: { key: string; p: number; tg: [TG, number][] }[] = [
  {
    key: 'bpa96',
    p: 0.001,
    tg: [
      ['physical_disability', 0.65],
      ['acquired_brain_injury', 0.3],
      ['developmental_disability', 0.05],
    ],
  },
  {
    key: 'g95',
    p: 0.0003,
    tg: [
      ['physical_disability', 0.5],
      ['developmental_disability', 0.35],
      ['acquired_brain_injury', 0.15],
    ],
  },
  {
    key: 'h108',
    p: 0.0037,
    tg: [
      ['developmental_disability', 0.5],
      ['acquired_brain_injury', 0.2],
      ['physical_disability', 0.15],
      ['mental_illness', 0.15],
    ],
  },
  {
    key: 'h107',
    p: 0.0014,
    tg: [
      ['mental_illness', 0.35],
      ['acquired_brain_injury', 0.3],
      ['developmental_disability', 0.15],
      ['physical_disability', 0.2],
    ],
  },
  {
    key: 's85heavy',
    p: 0.0056,
    tg: [
      ['mental_illness', 0.5],
      ['developmental_disability', 0.25],
      ['acquired_brain_injury', 0.15],
      ['physical_disability', 0.1],
    ],
  },
  {
    key: 'day',
    p: 0.0012,
    tg: [
      ['developmental_disability', 0.6],
      ['physical_disability', 0.2],
      ['acquired_brain_injury', 0.2],
    ],
  },
  {
    key: 'hc_adult',
    p: 0.003,
    tg: [
      ['physical_disability', 0.6],
      ['acquired_brain_injury', 0.3],
      ['mental_illness', 0.1],
    ],
  },
  {
    key: 'shelter',
    p: 0.0011,
    tg: [
      ['substance_abuse', 0.5],
      ['mental_illness', 0.5],
    ],
  },
  {
    key: 'sub101',
    p: 0.0028,
    tg: [
      ['substance_abuse', 0.8],
      ['mental_illness', 0.2],
    ],
  },
];

/**
 * Rates above were set per adult resident at any time of the year; the age structure counts the residents
 * on 1 January (as the population table does), about 4 % fewer. This factor keeps the Aalborg figures on both.
 */
const ADULT_RATE = 1 / 1.04;

const TG_DEPT: Record<TG, string> = {
  physical_disability: 'AH',
  acquired_brain_injury: 'AH',
  developmental_disability: 'AH',
  mental_illness: 'FB',
  substance_abuse: 'FB',
};

function pickTg(rng: Rng, tg: [TG, number][]): TG {
  return rng.weighted(tg);
}

function dkServices(bld: Builder, p: PersonRecord): void {
  const { rng, a, b } = bld;
  const days = b - a + 1;
  if (days <= 0) return;
  if (p.age < 18) return dkChildren(bld, p);
  if (p.age >= 65) return dkElderly(bld, p);

  // Adults 18–64: at most one heavy archetype, then independent light services. The archetype draw is a
  // golden-ratio sequence over the adults in order (not an independent draw), so any size — a 1/10 sample
  // too — gets the same shares of the rare, expensive archetypes.
  let u = (bld.ctx.adultSeq++ * 0.6180339887498949 + bld.ctx.seed * 0.7548776662466927) % 1;
  for (const h of DK_ADULT_HEAVY) {
    if (u < h.p * ADULT_RATE) {
      p.archetype = h.key;
      p.targetGroup = pickTg(rng, h.tg);
      break;
    }
    u -= h.p * ADULT_RATE;
  }
  const since = Math.max(p.birth + 18 * 365, a - rng.int(100, 4000));
  if (p.targetGroup) bld.attr(TG_DEPT[p.targetGroup as TG], 'target_group', p.targetGroup, since);

  switch (p.archetype) {
    case 'bpa96': {
      // BPA: 6–24 hours a day granted, paid as a grant (the record carries the amount).
      const hoursPerDay = rng.uniform(10, 24);
      bld.monthly('bpa96', a, b, hoursPerDay);
      bld.attr('AH', 'housing', 'own_home', since);
      if (rng.chance(0.6))
        bld.add('aids112', bld.startIn(), b, rng.int(1, 3), rng.int(15_000, 180_000) * 100);
      if (rng.chance(0.2)) bld.add('adapt116', bld.startIn(), b, 1, rng.int(40_000, 250_000) * 100);
      break;
    }
    case 'g95': {
      bld.monthly('g95', a, b, rng.uniform(4, 12));
      bld.attr('AH', 'housing', 'own_home', since);
      if (rng.chance(0.5))
        bld.add('aids112', bld.startIn(), b, rng.int(1, 2), rng.int(10_000, 120_000) * 100);
      break;
    }
    case 'h108': {
      const start = rng.chance(0.9) ? a : bld.startIn(30);
      bld.stay('h108', start, b);
      bld.attr('AH', 'housing', 'housing_108', Math.min(start, since));
      if (rng.chance(0.65))
        bld.monthly(rng.chance(0.3) ? 'day103' : 'day104', start, b, rng.uniform(0.5, 0.7));
      if (rng.chance(0.25)) bld.monthly('comp97', start, b, rng.uniform(0.2, 0.5));
      if (rng.chance(0.2)) bld.add('aids112', bld.startIn(), b, 1, rng.int(5_000, 60_000) * 100);
      break;
    }
    case 'h107': {
      const len = rng.int(60, 365);
      const start = bld.startIn(len);
      bld.stay('h107', start, start + len - 1);
      bld.attr(
        'AH',
        'housing',
        'housing_107',
        start,
        Math.min(start + len - 1, b) < bld.ctx.p1 ? start + len - 1 : null,
      );
      if (rng.chance(0.4)) bld.monthly('day104', start, start + len - 1, rng.uniform(0.4, 0.7));
      break;
    }
    case 's85heavy': {
      const key = p.targetGroup === 'mental_illness' ? 's85_psy' : 's85_dis';
      const len = rng.int(120, 365);
      const start = bld.startIn(len);
      bld.monthly(key, start, start + len - 1, rng.uniform(3, 11) / 7);
      if (rng.chance(0.25)) bld.monthly('day104', start, start + len - 1, rng.uniform(0.3, 0.6));
      break;
    }
    case 'day': {
      bld.monthly(rng.chance(0.5) ? 'day103' : 'day104', a, b, rng.uniform(0.5, 0.7));
      if (rng.chance(0.3)) bld.monthly('comp97', a, b, rng.uniform(0.1, 0.3));
      break;
    }
    case 'hc_adult': {
      const len = rng.int(60, 365);
      const start = bld.startIn(len);
      const perDay = rng.lognormal(1.1, 0.7);
      bld.monthly('hc_pp', start, start + len - 1, perDay * 0.7);
      bld.monthly('hc_ph', start, start + len - 1, Math.min(1, perDay * 0.3));
      break;
    }
    case 'shelter': {
      const len = rng.int(20, 250);
      const start = bld.startIn(len);
      bld.stay('shelter110', start, start + len - 1);
      if (rng.chance(0.4)) bld.monthly('sub101', start, start + len - 1, 1 / 30.4);
      break;
    }
    case 'sub101': {
      const len = rng.int(90, 365);
      const start = bld.startIn(len);
      bld.monthly('sub101', start, start + len - 1, 1 / 30.4);
      break;
    }
  }

  // Benefit status (FB): permanent support for most heavy cases, some flex jobs and social assistance.
  const heavy = p.archetype !== 'none';
  const benefitRoll = rng.float();
  if (heavy && p.archetype !== 'sub101' && p.archetype !== 'shelter' && benefitRoll < 0.8) {
    bld.attr('FB', 'benefit_status', 'disability_pension', since);
  } else if (heavy && benefitRoll < 0.95) {
    bld.attr('FB', 'benefit_status', 'social_assistance', since);
  } else if (!heavy && benefitRoll < 0.045) {
    bld.attr('FB', 'benefit_status', 'disability_pension', since);
  } else if (!heavy && benefitRoll < 0.07) {
    bld.attr('FB', 'benefit_status', 'flex_job', since);
  }

  // Sickness benefit: spells of 4–52 weeks; long-term spells began more than 52 weeks before the year's end.
  if (!heavy && rng.chance(0.02 * ADULT_RATE)) {
    const longTerm = rng.chance(0.32);
    const spellStart = longTerm ? a - rng.int(120, 330) : bld.startIn(28);
    const spellEnd = longTerm ? Math.min(b, spellStart + rng.int(380, 700)) : spellStart + rng.int(28, 250);
    p.longTermSick = longTerm && spellEnd - spellStart >= 364 && spellEnd >= a;
    weeklyBenefit(bld, spellStart, spellEnd);
    bld.attr('FB', 'benefit_status', 'sickness_benefit', spellStart, spellEnd < bld.ctx.p1 ? spellEnd : null);
    // ≈40 % of the long-term recipients also get training, home nursing or rehabilitation elsewhere.
    if (p.longTermSick && rng.chance(0.39)) {
      const r = rng.float();
      if (r < 0.5)
        bld.course(rng.chance(0.5) ? 'gt86' : 'gt140', bld.startIn(60), rng.int(4, 10), rng.int(6, 20));
      else if (r < 0.75)
        bld.monthly('hsp138', bld.startIn(60), bld.startIn(60) + rng.int(30, 120), rng.uniform(0.1, 0.3));
      else bld.course('rehab83a', bld.startIn(60), rng.int(6, 12), rng.int(10, 30));
    }
    if (longTerm && rng.chance(0.3)) {
      const s = bld.startIn(90);
      bld.monthly('jaf', s, s + rng.int(90, 300), 1 / 7);
    }
  }
  if (rng.chance(0.0055 * ADULT_RATE)) {
    const s = bld.startIn(90);
    bld.monthly('ress', s, s + rng.int(140, 365), 1 / 7);
    bld.attr('FB', 'benefit_status', 'resource_course', s);
  }
  if (rng.chance(0.004 * ADULT_RATE)) {
    const s = bld.startIn(60);
    bld.monthly('jaf', s, s + rng.int(60, 300), 1 / 7);
  }

  // Light services across departments.
  if (rng.chance(heavy ? 0.15 : 0.026 * ADULT_RATE)) {
    training(bld, heavy ? 0.3 : 0.17, false);
  }
  if (rng.chance(heavy ? 0.15 : 0.0045 * ADULT_RATE)) {
    const s = bld.startIn(30);
    bld.monthly('hsp138', s, s + rng.int(14, 120), rng.uniform(0.05, 0.4));
  }
  if (!heavy && rng.chance(0.0058 * ADULT_RATE)) {
    const tg: TG = rng.weighted([
      ['mental_illness', 0.7],
      ['developmental_disability', 0.12],
      ['acquired_brain_injury', 0.1],
      ['physical_disability', 0.08],
    ]);
    p.targetGroup = tg;
    bld.attr(TG_DEPT[tg], 'target_group', tg, since);
    const len = rng.int(60, 300);
    const s = bld.startIn(len);
    bld.monthly(tg === 'mental_illness' ? 's85_psy' : 's85_dis', s, s + len - 1, rng.uniform(0.8, 3.5) / 7);
  }
  if (rng.chance(heavy ? 0.05 : 0.0065 * ADULT_RATE)) {
    bld.add(
      rng.chance(0.8) ? 'aids112' : 'aids113',
      bld.startIn(),
      b,
      1,
      Math.round(rng.lognormal(4_500, 0.8)) * 100,
    );
  }
  if (rng.chance(0.007 * ADULT_RATE)) bld.course('prev119', bld.startIn(30), rng.int(2, 8), rng.int(1, 4));
  if (rng.chance(0.0028 * ADULT_RATE)) {
    const len = rng.int(60, 240);
    const s = bld.startIn(len);
    bld.monthly('alc141', s, s + len - 1, 1 / 30.4);
    if (!p.targetGroup) {
      p.targetGroup = 'substance_abuse';
      bld.attr('FB', 'target_group', 'substance_abuse', s);
    }
  }
}

/** Sickness benefit paid by calendar month: weeks and the municipality's net expense after state refund. */
function weeklyBenefit(bld: Builder, start: number, end: number): void {
  const s = Math.max(start, bld.a);
  const e = Math.min(end, bld.b);
  let d = s;
  const spec = bld.spec('sdp');
  while (d <= e) {
    const { year, month } = partsOf(d);
    const monthEnd = Math.min(e, dayOf(year, month + 1, 1) - 1);
    const weeks = (monthEnd - d + 1) / 7;
    bld.add('sdp', d, monthEnd, weeks, Math.round(weeks * spec.unitMinor * bld.rng.uniform(0.85, 1.15)));
    d = monthEnd + 1;
  }
}

/** One or more kinds of training (catalogue family `training`). */
function training(bld: Builder, pMulti: number, elderly: boolean): void {
  const { rng } = bld;
  const kinds = elderly ? ['gt86_ae', 'gt140', 'vt86_ae', 'rehab_ae'] : ['gt86', 'gt140', 'vt86', 'rehab83a'];
  const weights = [0.45, 0.35, 0.12, 0.08];
  const n = rng.chance(pMulti) ? rng.int(2, 3) : 1;
  const chosen = new Set<string>();
  while (chosen.size < n) chosen.add(rng.weighted(kinds.map((k, i) => [k, weights[i]!] as const)));
  for (const k of chosen) {
    const weeks = rng.int(4, 14);
    const s = bld.startIn(weeks * 7);
    bld.course(k, s, weeks, k.startsWith('rehab') ? rng.int(10, 40) : rng.int(6, 24));
  }
}

function dkElderly(bld: Builder, p: PersonRecord): void {
  const { rng, a, b } = bld;
  const age = p.age;
  const nursing = age < 75 ? 0.005 : age < 80 ? 0.015 : age < 85 ? 0.04 : age < 90 ? 0.09 : 0.2;
  const homeCare =
    age < 70 ? 0.02 : age < 75 ? 0.04 : age < 80 ? 0.08 : age < 85 ? 0.16 : age < 90 ? 0.28 : 0.4;
  const frail = p.chronic.length;
  if (rng.chance(nursing * (1 + 0.3 * frail))) {
    p.archetype = 'nursing_home';
    const start = rng.chance(0.8) ? a : bld.startIn(20);
    bld.stay('nursing_home', start, b);
    bld.attr('AH', 'housing', 'nursing_home', start < a ? start : Math.min(start, a - rng.int(30, 1500)));
    if (start > a) homeCareSpell(bld, a, start - 1, rng.lognormal(1.2, 0.6));
    if (rng.chance(0.3)) bld.add('aids112', bld.startIn(), b, 1, Math.round(rng.lognormal(3_000, 0.7)) * 100);
    return;
  }
  if (rng.chance(homeCare * (1 + 0.25 * frail))) {
    p.archetype = 'home_care';
    const start = rng.chance(0.7) ? a : bld.startIn(30);
    homeCareSpell(bld, start, b, rng.lognormal(0.45, 0.9));
    bld.attr('AH', 'housing', 'own_home', start);
    if (age >= 75 && rng.chance(0.3)) bld.monthly('meals_ae', start, b, 1);
  }
  const nursingVisits = age < 80 ? 0.05 : 0.15;
  if (rng.chance(nursingVisits * (1 + 0.3 * frail))) {
    const s = bld.startIn(30);
    bld.monthly('hsp138', s, rng.chance(0.5) ? b : s + rng.int(14, 150), rng.lognormal(0.15, 0.8));
  }
  if (rng.chance(0.06)) training(bld, 0.2, true);
  if (age >= 75 && rng.chance(0.015)) bld.stay('temp_ae', bld.startIn(40), bld.startIn(40) + rng.int(7, 40));
  if (rng.chance(0.06)) bld.add('aids112', bld.startIn(), b, 1, Math.round(rng.lognormal(2_500, 0.9)) * 100);
  if (age >= 75 && rng.chance(0.02)) bld.course('prev119', bld.startIn(), 1, 1);
}

/** Home care: personal care and practical help, `perDay` hours a day granted in total. */
function homeCareSpell(bld: Builder, start: number, end: number, perDay: number, after = false): void {
  const pp = Math.min(20, perDay * bld.rng.uniform(0.5, 0.8));
  const ph = Math.min(1.5, perDay - pp);
  bld.monthly('hc_pp_ae', start, end, pp, after);
  if (ph > 0.02) bld.monthly('hc_ph_ae', start, end, ph, after);
}

function dkChildren(bld: Builder, p: PersonRecord): void {
  const { rng } = bld;
  if (rng.chance(0.03)) {
    const len = rng.int(90, 365);
    const s = bld.startIn(len);
    bld.monthly('bl30', s, s + len - 1, 1 / 30.4);
  }
  if (rng.chance(0.012)) {
    const len = rng.int(90, 365);
    const s = bld.startIn(len);
    bld.monthly('bl32', s, s + len - 1, 1 / 30.4);
  }
  if (p.age >= 1 && rng.chance(0.009)) {
    p.archetype = 'placement';
    const s = rng.chance(0.75) ? bld.a : bld.startIn(30);
    bld.stay(rng.chance(0.6) ? 'bl46_foster' : 'bl46_inst', s, bld.b);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Sweden (KPB): elder care, LSS, HSL

function seServices(bld: Builder, p: PersonRecord): void {
  const { rng, a, b } = bld;
  if (b < a) return;
  const age = p.age;
  // LSS: about 0.6 % of the population, mostly developmental disability.
  if (age >= 18 && age < 80 && rng.chance(0.006)) {
    p.archetype = 'lss';
    p.targetGroup = rng.weighted([
      ['developmental_disability', 0.7],
      ['physical_disability', 0.15],
      ['acquired_brain_injury', 0.15],
    ]);
    bld.attr('VOF', 'target_group', p.targetGroup, Math.max(p.birth, a - rng.int(100, 5000)));
    const r = rng.float();
    if (r < 0.45) {
      bld.stay(rng.chance(0.7) ? 'se_lss_gb' : 'se_lss_sb', a, b);
      bld.attr('VOF', 'housing', 'lss_housing', a - rng.int(100, 3000));
    } else if (r < 0.6) {
      bld.monthly('se_lss_ass', a, b, rng.uniform(1, 2.9)); // the municipality's first 20 hours a week
    } else {
      bld.monthly('se_lss_kp', a, b, 1 / 30.4);
      if (rng.chance(0.4)) bld.stay('se_lss_kort', bld.startIn(20), bld.startIn(20) + rng.int(4, 30));
    }
    if (rng.chance(0.6)) bld.monthly('se_lss_dv', a, b, rng.uniform(0.5, 0.68));
  }
  if (age < 65) {
    if (rng.chance(0.004)) {
      const s = bld.startIn(60);
      bld.monthly('se_bss', s, b, rng.uniform(1, 6) / 7);
    }
    return;
  }
  const sabo = age < 80 ? 0.01 : age < 85 ? 0.05 : age < 90 ? 0.12 : 0.25;
  const ht = age < 75 ? 0.04 : age < 80 ? 0.1 : age < 85 ? 0.2 : age < 90 ? 0.32 : 0.4;
  if (rng.chance(sabo)) {
    p.archetype = 'special_housing';
    const s = rng.chance(0.8) ? a : bld.startIn(20);
    bld.stay('se_sabo', s, b);
    bld.attr('VOF', 'housing', 'special_housing', s > a ? s : a - rng.int(30, 1500));
    return;
  }
  if (rng.chance(ht)) {
    p.archetype = 'home_care';
    const s = rng.chance(0.7) ? a : bld.startIn(30);
    // A few outliers (ytterfall) in ordinary housing: double staffing around the clock.
    const perDay = rng.chance(0.004) ? rng.uniform(14, 30) : Math.min(12, rng.lognormal(0.9, 0.95));
    seHomeCare(bld, s, b, perDay);
    bld.attr('VOF', 'housing', 'ordinary_housing', s);
    if (rng.chance(0.6)) bld.monthly('se_larm', s, b, 1 / 30.4);
    if (age >= 75 && rng.chance(0.25)) bld.monthly('se_mat', s, b, 1);
    if (rng.chance(0.06)) bld.stay('se_kort', bld.startIn(30), bld.startIn(30) + rng.int(7, 30));
    if (rng.chance(0.05)) bld.monthly('se_dag', s, b, rng.uniform(0.2, 0.4));
  } else if (rng.chance(0.05)) {
    bld.monthly('se_larm', bld.startIn(30), b, 1 / 30.4);
  }
  if (rng.chance(age < 80 ? 0.04 : 0.12)) {
    const s = bld.startIn(30);
    bld.monthly('se_hsv', s, rng.chance(0.5) ? b : s + rng.int(14, 150), rng.lognormal(0.2, 0.8));
  }
}

/** Granted hours, and performed hours below them (70–95 % of granted). */
function seHomeCare(bld: Builder, start: number, end: number, perDay: number, after = false): void {
  const s = Math.max(start, bld.a);
  const e = Math.min(end, bld.b);
  let d = s;
  const share = bld.rng.uniform(0.7, 0.95);
  while (d <= e) {
    const { year, month } = partsOf(d);
    const monthEnd = Math.min(e, dayOf(year, month + 1, 1) - 1);
    const granted = perDay * (monthEnd - d + 1);
    bld.add('se_ht_bev', d, monthEnd, granted, null, after);
    bld.add('se_ht_utf', d, monthEnd, granted * share * bld.rng.uniform(0.95, 1.05), null, after);
    d = monthEnd + 1;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Region: hospital and general practice

const DIAG: Record<string, { dx: string; drg: string; tariffKr: number }> = {
  copd: { dx: 'DJ441', drg: '04MA13', tariffKr: 32_000 },
  heart_failure: { dx: 'DI500', drg: '05MA11', tariffKr: 38_000 },
  diabetes: { dx: 'DE111', drg: '10MA03', tariffKr: 27_000 },
  ischaemic_heart_disease: { dx: 'DI209', drg: '05MA08', tariffKr: 30_000 },
  dementia: { dx: 'DF009', drg: '19MA05', tariffKr: 29_000 },
  osteoporosis: { dx: 'DS720', drg: '08MP09', tariffKr: 72_000 },
  arthritis: { dx: 'DM059', drg: '08MA08', tariffKr: 24_000 },
  cancer: { dx: 'DC509', drg: '17MA03', tariffKr: 55_000 },
};
const GENERAL_DX = [
  { dx: 'DJ189', drg: '04MA14', tariffKr: 33_000, w: 3 },
  { dx: 'DN390', drg: '11MA07', tariffKr: 21_000, w: 2 },
  { dx: 'DR074', drg: '05MA98', tariffKr: 9_000, w: 3 },
  { dx: 'DS525', drg: '08MP15', tariffKr: 26_000, w: 1.5 },
  { dx: 'DK359', drg: '06MP06', tariffKr: 41_000, w: 1 },
  { dx: 'DR104', drg: '06MA11', tariffKr: 12_000, w: 2 },
];
const PSYCH_DX = ['DF200', 'DF322', 'DF431', 'DF101', 'DF603'];

/**
 * Municipal co-financing (KMF) as the region invoices it, with the structure and levels of rates/kmf-dk.yaml
 * (2018–2024 model): somatic contacts a share of the DRG/DAGS tariff by age, capped per course; psychiatric
 * admissions 60 % of the bed-day tariff capped per admission, visits 30 % capped per visit; practice a
 * share of the fee by age (specialists capped per visit).
 */
const KMF_SOMATIC_PCT = (age: number) => (age <= 2 ? 45 : age <= 64 ? 20 : age <= 79 ? 45 : 56);
const KMF_GP_PCT = (age: number) => (age <= 2 ? 14 : age <= 64 ? 7 : age <= 79 ? 14 : 18);
const KMF_COURSE_CAP = 3_102_900;
const KMF_PSY_BED_DAY = 295_400;
const KMF_PSY_ADMISSION_CAP = 886_200;
const KMF_PSY_VISIT = 185_000;
const KMF_PSY_VISIT_CAP = 55_500;
const KMF_SPECIALIST_CAP = 310_300;

function kmfFor(
  profile: Profile,
  age: number,
  inpatient: boolean,
  psychiatric: boolean,
  tariffMinor: number,
  bedDays: number,
): number | null {
  if (profile.country !== 'DK') return null;
  if (psychiatric) {
    return inpatient
      ? Math.min(Math.round(KMF_PSY_BED_DAY * Math.max(1, bedDays) * 0.6), KMF_PSY_ADMISSION_CAP)
      : Math.min(Math.round(KMF_PSY_VISIT * 0.3), KMF_PSY_VISIT_CAP);
  }
  return Math.min(Math.round((tariffMinor * KMF_SOMATIC_PCT(age)) / 100), KMF_COURSE_CAP);
}

function hospital(bld: Builder, p: PersonRecord): void {
  const { rng, a, b, ctx } = bld;
  const profile = ctx.profile;
  const days = b - a + 1;
  if (days <= 0) return;
  const frac = days / (ctx.p1 - ctx.p0 + 1);
  const nc = p.chronic.length;
  const age = p.age;
  const somatic = profile.hospitals.filter((h) => !h.units.some((u) => /psyk/i.test(u)));
  const psychH = profile.hospitals.find((h) => h.units.some((u) => /psyk/i.test(u)))!;
  const base = age < 1 ? 0.15 : age < 18 ? 0.03 : age < 50 ? 0.045 : age < 65 ? 0.07 : age < 80 ? 0.13 : 0.25;
  const heavyDisabled = ['bpa96', 'g95', 'h108'].includes(p.archetype);

  const contact = (
    h: { code: string; name: string; units: string[] },
    c: Omit<HospitalRecord, 'contactId' | 'hospital' | 'unit' | 'kmfMinor'>,
  ) => {
    const rec: HospitalRecord = {
      ...c,
      contactId: `${profile.region.code}-${ctx.year}-${String(ctx.nextContact++).padStart(9, '0')}`,
      hospital: h.code,
      unit: rng.pick(h.units),
      kmfMinor: kmfFor(
        profile,
        ageOn(p.birth, c.discharge),
        c.inpatient,
        c.psychiatric,
        c.tariffMinor,
        c.discharge - c.admit,
      ),
    };
    p.hospital.push(rec);
    return rec;
  };

  // Contacts never overlap (a day of margin around stays), so each one is its own course for KMF.
  const free = (d0: number, d1: number): boolean =>
    p.hospital.every((h) =>
      h.inpatient ? d1 < h.admit - 1 || d0 > h.discharge + 1 : d1 < h.admit || d0 > h.discharge,
    );

  const admit = (start: number, acute: boolean, readmission: boolean): void => {
    if (!free(start, start)) start = Math.max(...p.hospital.map((h) => h.discharge)) + 2;
    if (start > b || (p.death !== null && start > p.death)) return;
    const old = age >= 65;
    const chronicDx = nc > 0 && rng.chance(0.6) ? DIAG[rng.pick(p.chronic)]! : null;
    const g = chronicDx ?? rng.weighted(GENERAL_DX.map((x) => [x, x.w] as const));
    const los = Math.max(0, Math.round(rng.lognormal((old ? 4 : 2) * (1 + 0.25 * nc), 0.8)));
    let end = start + los;
    let status: HospitalRecord['status'] = 'home';
    if (p.death !== null && end >= p.death) {
      end = p.death;
      status = 'dead';
    } else if (end > b) end = b;
    if (status === 'home' && rng.chance(0.03)) status = 'transfer';
    else if (status === 'home' && rng.chance(0.02)) status = 'other';
    const tariff = Math.round(g.tariffKr * rng.lognormal(1, 0.35)) * 100;
    const h = rng.pick(somatic);
    const admitMin = acute ? rng.int(0, 1439) : rng.int(7 * 60, 14 * 60);
    const dischargeMin =
      end === start ? Math.min(1439, admitMin + rng.int(120, 600)) : rng.int(9 * 60, 18 * 60);
    const first = contact(h, {
      acute,
      psychiatric: false,
      inpatient: true,
      admit: start,
      admitMin,
      discharge: end,
      dischargeMin,
      diagnosis: g.dx,
      status,
      drg: g.drg,
      tariffMinor: tariff,
    });
    if (status === 'transfer') {
      const other = somatic.find((x) => x.code !== h.code) ?? h;
      const e2 = Math.min(b, end + rng.int(1, 6));
      const m2 = rng.int(9 * 60, 18 * 60);
      const second = contact(other, {
        acute: false,
        psychiatric: false,
        inpatient: true,
        admit: end,
        admitMin: dischargeMin,
        discharge: e2,
        // a transfer clamped to the last day of the data must still end after it starts
        dischargeMin: e2 === end ? Math.min(1439, Math.max(m2, dischargeMin + 60)) : m2,
        diagnosis: g.dx,
        status: 'home',
        drg: g.drg,
        tariffMinor: Math.round(tariff * 0.5),
      });
      // one course across the transfer: the cap applies to both contacts together
      if (first.kmfMinor !== null && second.kmfMinor !== null)
        second.kmfMinor = Math.max(0, Math.min(second.kmfMinor, KMF_COURSE_CAP - first.kmfMinor));
      end = e2;
    }
    if (status === 'dead') return;
    // Municipal services that follow discharge (older patients).
    if (old && ctx.profile.country === 'DK' && p.archetype !== 'nursing_home') {
      if (rng.chance(0.3))
        homeCareSpell(bld, end + rng.int(0, 2), end + rng.int(14, 84), rng.uniform(0.3, 1.5), true);
      if (rng.chance(0.25))
        bld.monthly('hsp138', end + rng.int(0, 1), end + rng.int(14, 56), rng.uniform(0.2, 0.8), true);
      if (rng.chance(0.22)) bld.course('gt140', end + rng.int(2, 14), rng.int(4, 10), rng.int(4, 12), true);
    } else if (old && ctx.profile.country === 'SE' && p.archetype !== 'special_housing' && rng.chance(0.3)) {
      seHomeCare(bld, end + rng.int(0, 2), end + rng.int(14, 84), rng.uniform(0.3, 1.5), true);
    }
    // Acute readmission within 30 days for older patients with several chronic conditions.
    if (!readmission && old && nc >= 2 && acute && rng.chance(0.13)) admit(end + rng.int(1, 30), true, true);
  };

  let nAdm = rng.poisson(base * (1 + 1.3 * nc) * (heavyDisabled ? 0.7 : 1) * frac);
  if (p.sex === 'F' && age >= 20 && age < 42 && rng.chance(0.05 * frac)) {
    const s = bld.startIn(5);
    contact(rng.pick(somatic), {
      acute: true,
      psychiatric: false,
      inpatient: true,
      admit: s,
      admitMin: rng.int(0, 1439),
      discharge: s + rng.int(1, 3),
      dischargeMin: rng.int(9 * 60, 16 * 60),
      diagnosis: 'DO800',
      status: 'home',
      drg: '14MP03',
      tariffMinor: rng.int(22_000, 30_000) * 100,
    });
  }
  if (p.death !== null && p.death <= b && rng.chance(0.45)) {
    admit(Math.max(a, p.death - rng.int(0, 10)), true, true); // dies in hospital
    nAdm = Math.max(0, nAdm - 1);
  }
  const starts: number[] = [];
  for (let i = 0; i < nAdm; i++) starts.push(bld.startIn(3));
  starts.sort((x, y) => x - y);
  for (const s of starts) if (p.death === null || s < p.death) admit(s, rng.chance(0.72), false);

  // Outpatient contacts.
  const nOut = rng.poisson((0.25 + 0.35 * nc + (age >= 50 ? 0.2 : 0)) * frac);
  for (let i = 0; i < nOut; i++) {
    const s = bld.startIn();
    if (!free(s, s)) continue;
    const g = nc > 0 && rng.chance(0.6) ? DIAG[rng.pick(p.chronic)]! : rng.pick(GENERAL_DX);
    const m = rng.int(8 * 60, 15 * 60);
    const tariff = Math.round(1_600 * rng.lognormal(1, 0.6)) * 100;
    contact(rng.pick(somatic), {
      acute: false,
      psychiatric: false,
      inpatient: false,
      admit: s,
      admitMin: m,
      discharge: s,
      dischargeMin: m + rng.int(20, 180),
      diagnosis: g.dx,
      status: 'home',
      drg: g.drg.slice(0, 2) + 'PR' + g.drg.slice(4),
      tariffMinor: tariff,
    });
  }

  // Psychiatry: most contacts for citizens with mental illness.
  const mental = p.targetGroup === 'mental_illness' || p.targetGroup === 'substance_abuse';
  if (age >= 12 && (mental || rng.chance(0.012))) {
    // residents of staffed housing are admitted less often: the housing staff carry much of the care
    const housed = heavyDisabled || p.archetype === 'h107';
    const nIn = mental ? rng.poisson((housed ? 0.08 : 0.35) * frac) : 0;
    for (let i = 0; i < nIn; i++) {
      const los = Math.max(1, Math.round(rng.lognormal(12, 0.7)));
      const s = bld.startIn(los);
      const e = Math.min(b, s + los);
      if (!free(s, e)) continue;
      contact(psychH, {
        acute: rng.chance(0.7),
        psychiatric: true,
        inpatient: true,
        admit: s,
        admitMin: rng.int(0, 1439),
        discharge: e,
        dischargeMin: rng.int(9 * 60, 16 * 60),
        diagnosis: rng.pick(PSYCH_DX),
        status: 'home',
        drg: '19MA02',
        tariffMinor: Math.round(5_200 * (e - s + 1)) * 100,
      });
    }
    const nOutP = rng.poisson((mental ? 4 : 2.5) * frac);
    for (let i = 0; i < nOutP; i++) {
      const s = bld.startIn();
      if (!free(s, s)) continue;
      const m = rng.int(8 * 60, 15 * 60);
      contact(psychH, {
        acute: false,
        psychiatric: true,
        inpatient: false,
        admit: s,
        admitMin: m,
        discharge: s,
        dischargeMin: m + 60,
        diagnosis: rng.pick(PSYCH_DX),
        status: 'home',
        drg: '19PR02',
        tariffMinor: rng.int(1_200, 2_400) * 100,
      });
    }
  }
}

const GP_CODES = [
  { code: '0101', kr: 150.36, w: 6 },
  { code: '0105', kr: 28.8, w: 3 },
  { code: '0201', kr: 452.9, w: 0.4 },
  { code: '0120', kr: 211.5, w: 1 },
];

function gp(bld: Builder, p: PersonRecord): void {
  const { rng, a, b, ctx } = bld;
  if (ctx.profile.country !== 'DK') return;
  const days = b - a + 1;
  if (days <= 0) return;
  const frac = days / (ctx.p1 - ctx.p0 + 1);
  const n = rng.poisson(
    (2.5 + 1.5 * p.chronic.length + (p.age >= 65 ? 1.5 : 0) + (p.age < 5 ? 2 : 0)) * frac,
  );
  for (let i = 0; i < n; i++) {
    const d = bld.startIn();
    if (rng.chance(0.08)) {
      const fee = rng.int(450, 950) * 100;
      p.gp.push({
        date: d,
        providerType: 'specialist',
        code: '0111',
        feeMinor: fee,
        kmfMinor: Math.min(Math.round((fee * KMF_SOMATIC_PCT(ageOn(p.birth, d))) / 100), KMF_SPECIALIST_CAP),
      });
    } else {
      const c = rng.weighted(GP_CODES.map((x) => [x, x.w] as const));
      const fee = Math.round(c.kr * 100);
      p.gp.push({
        date: d,
        providerType: 'gp',
        code: c.code,
        feeMinor: fee,
        kmfMinor: Math.round((fee * KMF_GP_PCT(ageOn(p.birth, d))) / 100),
      });
    }
  }
}
