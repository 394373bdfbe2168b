/** Region: general practice and specialist practice (DK), each service with its KMF. */
import type { Builder } from './builder.js';
import { ageOn, partsOf } from './dates.js';
import type { PersonRecord } from './model.js';

const GP_CODES = [
  { code: '0101', kr: 150.36, w: 6 },
  { code: '0105', kr: 28.8, w: 3 },
  { code: '0201', kr: 452.9, w: 0.4 },
  { code: '0120', kr: 211.5, w: 1 },
];

export function gp(bld: Builder, p: PersonRecord): void {
  const { rng, a, b, ctx } = bld;
  const kmf = ctx.kmf;
  if (ctx.profile.country !== 'DK' || !kmf) return;
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
        kmfMinor: kmf.specialist(fee, ageOn(p.birth, d), partsOf(d).year),
      });
    } else {
      const c = rng.weighted(GP_CODES.map((x) => [x, x.w] as const));
      const fee = Math.round(c.kr * 100);
      p.gp.push({
        date: d,
        providerType: 'gp',
        code: c.code,
        feeMinor: fee,
        kmfMinor: kmf.gp(fee, ageOn(p.birth, d), partsOf(d).year),
      });
    }
  }
}
