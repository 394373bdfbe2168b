/** Denmark: the municipal services of adults (heavy archetypes, benefits, light services), elderly and children. */
import type { Builder } from './builder.js';
import { dayOf, partsOf } from './dates.js';
import type { PersonRecord } from './model.js';
import type { Rng } from './random.js';

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

export function dkServices(bld: Builder, p: PersonRecord): void {
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
export function homeCareSpell(bld: Builder, start: number, end: number, perDay: number, after = false): void {
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
