/** Sweden (KPB): elder care, LSS, HSL. */
import type { Builder } from './builder.js';
import { dayOf, partsOf } from './dates.js';
import type { PersonRecord } from './model.js';

export function seServices(bld: Builder, p: PersonRecord): void {
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
export function seHomeCare(bld: Builder, start: number, end: number, perDay: number, after = false): void {
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
