/**
 * Municipal co-financing (KMF) as the region invoices it in the demo, read once from the versioned rate
 * table rates/kmf-dk.yaml (the one the trajectories stage checks the invoices against): somatic contacts a
 * share of the DRG/DAGS tariff by age, capped per course; psychiatric admissions a share of the bed-day
 * tariff capped per admission, visits a share of the visit tariff capped per visit; practice a share of
 * the fee by age (specialists capped per visit). Amounts in øre as numbers (all far below 2^53).
 */
import { loadRateTable, type KmfRate, type RateKind, type RateTable } from '../trajectories/rates.js';

/** The shipped rate table the DK demo invoices by. */
export const DEMO_KMF_TABLE = 'kmf-dk';

export interface DemoKmf {
  /** KMF of one hospital contact, by the age and year at discharge */
  hospital(c: {
    age: number;
    year: number;
    inpatient: boolean;
    psychiatric: boolean;
    tariffMinor: number;
    bedDays: number;
  }): number;
  /** the somatic cap per course: a transfer shares it with the contact before it */
  courseCap(age: number, year: number): number;
  gp(feeMinor: number, age: number, year: number): number;
  specialist(feeMinor: number, age: number, year: number): number;
}

/** Load and check the rate table (DK only; Sweden has no KMF). */
export function loadDemoKmf(country: 'DK' | 'SE', table = DEMO_KMF_TABLE): DemoKmf | null {
  return country === 'DK' ? demoKmf(loadRateTable(table)) : null;
}

/** KMF is abolished after the 2027 reform: from this year a year the rate table does not cover invoices 0. */
export const KMF_ABOLISHED_FROM = 2027;

/**
 * No KMF: a rate of 0 % (from 2027, a year without rates; the trajectories stage gives such contacts 0
 * as `no_rate`, docs/reform-2027.md).
 */
const NO_KMF = (kind: RateKind, year: number): KmfRate => ({
  kind,
  yearFrom: year,
  yearTo: year,
  ageLo: 0,
  ageHi: 200,
  pctBp: 0,
  capMinor: 0n,
  tariffMinor: 0n,
  verified: true,
});

/**
 * The KMF rules over a parsed rate table; a year before 2027 or an age the table does not cover is a
 * programming error, a year from 2027 without rates invoices no KMF.
 */
export function demoKmf(table: RateTable): DemoKmf {
  const rate = (kind: RateKind, age: number, year: number): KmfRate => {
    const r = table.rates.find(
      (x) => x.kind === kind && x.yearFrom <= year && year <= x.yearTo && x.ageLo <= age && age <= x.ageHi,
    );
    if (!r && year >= KMF_ABOLISHED_FROM && !table.rates.some((x) => x.yearFrom <= year && year <= x.yearTo))
      return NO_KMF(kind, year);
    if (!r) throw new Error(`demo: ${table.file} has no ${kind} KMF rate for ${year}, age ${age}`);
    return r;
  };
  const cap = (r: KmfRate) => (r.capMinor === null ? Infinity : Number(r.capMinor));
  // pct in basis points: the product is an exact integer, so one division rounds as pct / 100 did
  const share = (amount: number, r: KmfRate) => Math.round((amount * r.pctBp) / 10_000);
  return {
    hospital(c) {
      if (c.psychiatric) {
        const r = rate(c.inpatient ? 'psychiatric_bed_day' : 'psychiatric_visit', c.age, c.year);
        const tariff = Number(r.tariffMinor ?? 0n) * (c.inpatient ? Math.max(1, c.bedDays) : 1);
        return Math.min(share(tariff, r), cap(r));
      }
      const r = rate('somatic', c.age, c.year);
      return Math.min(share(c.tariffMinor, r), cap(r));
    },
    courseCap: (age, year) => cap(rate('somatic', age, year)),
    gp: (fee, age, year) => {
      const r = rate('gp', age, year);
      return Math.min(share(fee, r), cap(r));
    },
    specialist: (fee, age, year) => {
      const r = rate('specialist', age, year);
      return Math.min(share(fee, r), cap(r));
    },
  };
}
