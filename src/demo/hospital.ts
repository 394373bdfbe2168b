/** Region: hospital contacts (somatic and psychiatric), each with the KMF the region invoices. */
import type { Builder } from './builder.js';
import { ageOn, partsOf } from './dates.js';
import { homeCareSpell } from './denmark.js';
import type { HospitalRecord, PersonRecord } from './model.js';
import { seHomeCare } from './sweden.js';

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

export function hospital(bld: Builder, p: PersonRecord): void {
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
      kmfMinor:
        ctx.kmf?.hospital({
          age: ageOn(p.birth, c.discharge),
          year: partsOf(c.discharge).year,
          inpatient: c.inpatient,
          psychiatric: c.psychiatric,
          tariffMinor: c.tariffMinor,
          bedDays: c.discharge - c.admit,
        }) ?? null,
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
        second.kmfMinor = Math.max(
          0,
          Math.min(
            second.kmfMinor,
            ctx.kmf!.courseCap(ageOn(p.birth, first.discharge), partsOf(first.discharge).year) -
              first.kmfMinor,
          ),
        );
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
