/** The generation context: the profile, seed, year, id issuers and the KMF rates, shared by every person. */
import { dayOf } from './dates.js';
import { CprIssuer, PersonnummerIssuer } from './ids.js';
import { loadDemoKmf, type DemoKmf } from './kmf.js';
import type { Profile } from './profile.js';
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
  /** KMF rules from rates/kmf-dk.yaml, read once; null where there is no KMF (SE) */
  kmf: DemoKmf | null;
}

/** `ids`: issuers shared by several municipalities of one workspace, so no two persons get the same id. */
export function createContext(
  profile: Profile,
  seed: number,
  year: number,
  ids?: { cpr: CprIssuer; pnr: PersonnummerIssuer },
): GenContext {
  const total = profile.ageWeights.reduce((a, b) => a + b, 0);
  let acc = 0;
  const ageCdf = profile.ageWeights.map((w) => (acc += w / total));
  return {
    profile,
    seed,
    year,
    p0: dayOf(year, 1, 1),
    p1: dayOf(year, 12, 31),
    cpr: ids?.cpr ?? new CprIssuer(),
    pnr: ids?.pnr ?? new PersonnummerIssuer(),
    ageCdf,
    spec: new Map(profile.services.map((s) => [s.key, s])),
    nextContact: 1,
    adultSeq: 0,
    kmf: loadDemoKmf(profile.country),
  };
}
