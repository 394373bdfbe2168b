/**
 * One synthetic person: age, residence, ids, target group, the municipal services of every department,
 * hospital and GP contacts. All draws come from a stream derived from (seed, person index), so a person
 * is the same whatever else changes. Rates are documented in docs/demo.md.
 */
import type { GenContext } from './context.js';
import { Builder } from './builder.js';
import { dayOf, partsOf } from './dates.js';
import { dkServices } from './denmark.js';
import { hospital } from './hospital.js';
import type { PersonRecord } from './model.js';
import { gp } from './practice.js';
import { Rng } from './random.js';
import { seServices } from './sweden.js';

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

/**
 * The same person in a later year of a multi-year demo (docs/demo.md, "Several years"): who they are and
 * since when they live here stay; the year's own draws (moving out, death, services) come from a stream
 * derived from (seed, index, year).
 */
export interface PriorLife {
  /** age on 1 January of the year being generated */
  age: number;
  sex: 'M' | 'F';
  birth: number;
  id: string;
  resFrom: number;
  chronic: string[];
}

/** Age on 1 January of `year` for a demo birth date (never 1 January itself). */
export function ageOn1Jan(birth: number, year: number): number {
  return year - partsOf(birth).year - 1;
}

/**
 * One person of the year `ctx.year`. Without `prior` (a single-year demo, or the first year) exactly as
 * always; `arrive`: a person who moves in (or, at age 0, is born) during the year.
 */
export function generatePerson(
  ctx: GenContext,
  index: number,
  prior?: PriorLife,
  arrive = false,
): PersonRecord {
  const rng = prior ? Rng.derive(ctx.seed, index, ctx.year) : Rng.derive(ctx.seed, index);
  const { p0, p1, year } = ctx;

  // Age on 1 January and a birth date that gives it.
  let age: number;
  let sex: 'M' | 'F';
  let birth: number;
  if (prior) {
    ({ age, sex, birth } = prior);
  } else {
    const u = rng.float();
    age = ctx.ageCdf.findIndex((c) => u < c);
    if (age < 0) age = 100;
    if (age === 100) age += rng.int(0, 4);
    sex = rng.chance(age >= 80 ? 0.62 : 0.5) ? 'F' : 'M';
    birth = dayOf(year - age - 1, 1, 2) + rng.int(0, 363);
  }

  // Residence: most lived here before the year; some move in or out during it; some die.
  const movedIn = prior ? false : arrive ? age >= 1 : age >= 1 && rng.chance(0.045);
  let resFrom: number;
  if (prior) resFrom = prior.resFrom;
  else if (arrive && age === 0) resFrom = birth = rng.int(p0 + 1, p1);
  else if (movedIn) resFrom = rng.int(p0 + 1, p1);
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
  if (prior) id = prior.id;
  else if (ctx.profile.country === 'DK') {
    const born = partsOf(birth);
    const failMod11 = born.year >= 2008 && rng.chance(0.25);
    const substitute = movedIn && rng.chance(0.01);
    id = ctx.cpr.issue(birth, sex, { failMod11, substitute });
  } else {
    id = ctx.pnr.issue(birth, sex, { samordning: movedIn && rng.chance(0.05) });
  }

  const bld = new Builder(ctx, rng, a, b);
  const chronic: string[] = prior ? [...prior.chronic] : [];
  const nChronic = prior ? 0 : Math.min(5, rng.poisson(chronicMean(age)));
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
  // the region delivers a person's chronic conditions once (the first year), not again each year
  if (!prior)
    for (const c of chronic)
      bld.attr('REG', 'chronic_condition', c, Math.max(birth, p0 - rng.int(200, 5000)));

  if (ctx.profile.country === 'DK') dkServices(bld, person);
  else seServices(bld, person);
  hospital(bld, person);
  gp(bld, person);
  return person;
}
