/**
 * Calibration figures computed from the generator's own records (independent of the analysis code):
 * the Aalborg figures for adults 18–64 (docs/demo.md), readmissions, KPB unit costs. Memory grows only
 * with the number of adult service users, not with rows.
 */
import type { PersonRecord } from './model.js';

const TOP_CODES = new Set(['SEL-96', 'SEL-95', 'SEL-107', 'SEL-108']);
const TRAINING = new Set([
  'SEL-83A',
  'SEL-83A-AE',
  'SEL-86-1',
  'SEL-86-1-AE',
  'SEL-86-2',
  'SEL-86-2-AE',
  'SUL-140',
]);
const INTERVALS = [1_000_000, 500_000, 250_000, 100_000, 50_000, 0];

interface AdultUser {
  cost: number;
  top: number;
  kmf: number;
  age: number;
  chronic: number;
  tg: string | null;
}

export interface Calibration {
  persons: number;
  /** every person's municipal services, minor units */
  totalMunicipalMinor: number;
  adults18to64: number;
  adultUsers: number;
  adultCostMio: number;
  top2Share: number;
  top2Persons: number;
  bottom78Share: number;
  top2ShareOfBpa95Housing: number;
  targetGroupsTop2: Record<string, number>;
  mentalIllnessShareByInterval: Record<string, number>;
  longTermSick: number;
  longTermSickOtherDeptShare: number;
  adultsWithSeveralTrainingKinds: number;
  bothExpensive: number;
  adultMeanAge: number;
  regionalExpensiveMeanAge: number;
  regionalExpensiveMeanChronic: number;
  municipalExpensiveMeanAge: number;
  readmissionIndex: number;
  readmission30dRate: number;
  dischargesOlder: number;
  dischargesFollowedByServiceShare: number;
  costPerInhabitantByAge: Record<string, number>;
  /** the most expensive person of each archetype (home_care, special_housing, …), major units */
  maxCostByArchetype: Record<string, number>;
  hospitalContacts: number;
  serviceRows: number;
}

export class CalibrationRecorder {
  private persons = 0;
  private totalMinor = 0;
  private adultAgeSum = 0;
  private adultsAnyTime = 0;
  private adults = 0;
  private readonly users: AdultUser[] = [];
  private readonly adultKmf: { kmf: number; age: number; chronic: number }[] = [];
  private longTermSick = 0;
  private longTermSickOther = 0;
  private severalTraining = 0;
  private readmIndex = 0;
  private readm = 0;
  private discharges = 0;
  private dischargesFollowed = 0;
  private hospitalContacts = 0;
  private serviceRows = 0;
  private readonly maxByArchetype = new Map<string, number>();
  private readonly ageCost = new Map<string, { cost: number; persons: number }>();

  constructor(private readonly p0: number) {}

  add(p: PersonRecord): void {
    this.persons++;
    this.serviceRows += p.services.length;
    this.hospitalContacts += p.hospital.length;
    let cost = 0;
    let top = 0;
    const depts = new Set<string>();
    const training = new Set<string>();
    for (const s of p.services) {
      cost += s.costMinor;
      if (TOP_CODES.has(s.spec.catalogue)) top += s.costMinor;
      depts.add(s.spec.dept);
      if (TRAINING.has(s.spec.catalogue)) training.add(s.spec.catalogue);
    }
    let kmf = 0;
    for (const h of p.hospital) kmf += h.kmfMinor ?? 0;
    for (const g of p.gp) kmf += g.kmfMinor ?? 0;
    this.totalMinor += cost;
    if (cost > (this.maxByArchetype.get(p.archetype) ?? 0)) this.maxByArchetype.set(p.archetype, cost);
    const band = ageBand(p.age);
    const ac = this.ageCost.get(band) ?? { cost: 0, persons: 0 };
    ac.cost += cost;
    ac.persons++;
    this.ageCost.set(band, ac);

    if (p.age >= 18 && p.age <= 64) {
      // inhabitants as the population table counts them: living here on 1 January
      if (p.resFrom <= this.p0 && (p.death === null || p.death >= this.p0)) this.adults++;
      this.adultAgeSum += p.age;
      this.adultsAnyTime++;
      if (kmf > 0) this.adultKmf.push({ kmf, age: p.age, chronic: p.chronic.length });
      if (cost > 0) {
        this.users.push({ cost, top, kmf, age: p.age, chronic: p.chronic.length, tg: p.targetGroup });
        if (training.size >= 2) this.severalTraining++;
      }
      if (p.longTermSick) {
        this.longTermSick++;
        if ([...depts].some((d) => d !== 'FB')) this.longTermSickOther++;
      }
    }

    // Readmissions and services after discharge, for the older patients.
    if (p.age >= 65) {
      const inpatient = p.hospital
        .filter((h) => h.inpatient && !h.psychiatric)
        .sort((x, y) => x.admit - y.admit);
      for (let i = 0; i < inpatient.length; i++) {
        const h = inpatient[i]!;
        if (h.status !== 'home') continue;
        this.discharges++;
        if (p.services.some((s) => s.start >= h.discharge && s.start <= h.discharge + 7))
          this.dischargesFollowed++;
        if (p.chronic.length >= 2 && h.acute) {
          this.readmIndex++;
          if (inpatient.some((n) => n.acute && n.admit > h.discharge && n.admit <= h.discharge + 30))
            this.readm++;
        }
      }
    }
  }

  result(): Calibration {
    const users = [...this.users].sort((x, y) => y.cost - x.cost);
    const total = users.reduce((s, u) => s + u.cost, 0);
    const nTop = Math.round(users.length * 0.02);
    const nBottom = Math.round(users.length * 0.78);
    const topUsers = users.slice(0, nTop);
    const topCost = topUsers.reduce((s, u) => s + u.cost, 0);
    const topCodes = topUsers.reduce((s, u) => s + u.top, 0);
    const bottomCost = users.slice(users.length - nBottom).reduce((s, u) => s + u.cost, 0);
    const tgTop: Record<string, number> = {};
    for (const u of topUsers) tgTop[u.tg ?? 'none'] = (tgTop[u.tg ?? 'none'] ?? 0) + 1;
    const mental: Record<string, number> = {};
    for (let i = 0; i < INTERVALS.length; i++) {
      const lo = INTERVALS[i]! * 100;
      const hi = i === 0 ? Infinity : INTERVALS[i - 1]! * 100;
      const inside = users.filter((u) => u.cost >= lo && u.cost < hi && u.tg);
      const label = i === 0 ? `>=${INTERVALS[0]}` : `${INTERVALS[i]}-${INTERVALS[i - 1]}`;
      mental[label] = inside.length
        ? round(inside.filter((u) => u.tg === 'mental_illness').length / inside.length)
        : 0;
    }
    // Regionally expensive: the top 2 % of adults 18–64 by KMF.
    const kmfSorted = [...this.adultKmf].sort((x, y) => y.kmf - x.kmf);
    const regional = kmfSorted.slice(0, Math.round(this.adults * 0.02));
    const kmfCut = regional[regional.length - 1]?.kmf ?? Infinity;
    const both = topUsers.filter((u) => u.kmf >= kmfCut && u.kmf > 0).length;
    const ageCost: Record<string, number> = {};
    for (const [k, v] of [...this.ageCost].sort()) ageCost[k] = Math.round(v.cost / v.persons / 100);
    return {
      persons: this.persons,
      totalMunicipalMinor: this.totalMinor,
      adults18to64: this.adults,
      adultUsers: users.length,
      adultCostMio: round(total / 1e8, 1),
      top2Share: round(topCost / total),
      top2Persons: nTop,
      bottom78Share: round(bottomCost / total),
      top2ShareOfBpa95Housing: round(topCodes / Math.max(1, topCost)),
      targetGroupsTop2: tgTop,
      mentalIllnessShareByInterval: mental,
      longTermSick: this.longTermSick,
      longTermSickOtherDeptShare: round(this.longTermSickOther / Math.max(1, this.longTermSick)),
      adultsWithSeveralTrainingKinds: this.severalTraining,
      bothExpensive: both,
      adultMeanAge: round(this.adultAgeSum / Math.max(1, this.adultsAnyTime), 1),
      regionalExpensiveMeanAge: round(mean(regional.map((u) => u.age)), 1),
      regionalExpensiveMeanChronic: round(mean(regional.map((u) => u.chronic)), 2),
      municipalExpensiveMeanAge: round(mean(topUsers.map((u) => u.age)), 1),
      readmissionIndex: this.readmIndex,
      readmission30dRate: round(this.readm / Math.max(1, this.readmIndex)),
      dischargesOlder: this.discharges,
      dischargesFollowedByServiceShare: round(this.dischargesFollowed / Math.max(1, this.discharges)),
      costPerInhabitantByAge: ageCost,
      maxCostByArchetype: Object.fromEntries(
        [...this.maxByArchetype].sort().map(([k, v]) => [k, Math.round(v / 100)]),
      ),
      hospitalContacts: this.hospitalContacts,
      serviceRows: this.serviceRows,
    };
  }
}

/** KPB consumption age groups: 0–20, 21–50, 51–64, 65–69 … 85–89, 90+. */
export function ageBand(age: number): string {
  if (age <= 20) return '00-20';
  if (age <= 50) return '21-50';
  if (age <= 64) return '51-64';
  if (age >= 90) return '90+';
  const lo = 65 + 5 * Math.floor((age - 65) / 5);
  return `${lo}-${lo + 4}`;
}

function mean(xs: number[]): number {
  return xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0;
}

function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
