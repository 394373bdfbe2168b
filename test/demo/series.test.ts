import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseConfig } from '../../src/config/workspace.js';
import { createContext } from '../../src/demo/context.js';
import { generateDemo, type DemoSummary } from '../../src/demo/generate.js';
import { ageOn1Jan, generatePerson } from '../../src/demo/person.js';
import { profileFor } from '../../src/demo/profile.js';
import { yearProfile } from '../../src/demo/series.js';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'tvaerblik-series-'));

describe('demo over several municipalities and years (DK cluster, 300 persons)', () => {
  let s: DemoSummary;
  let config: {
    municipalities: string[];
    periods: { id: string; from: string; to: string }[];
    sources: { id: string; file: string; period?: string; target: string }[];
    trajectories: { clusters?: Record<string, string[]> };
  };
  beforeAll(async () => {
    s = await generateDemo({ country: 'DK', persons: 300, municipalities: 4, years: 3, out: tmp() });
    config = parse(readFileSync(path.join(s.dir, 'tvaerblik.yaml'), 'utf8')) as typeof config;
  }, 60_000);

  it('lists 3 periods × 4 municipalities of the Randers cluster, a source set per part', () => {
    expect(config.municipalities).toEqual(['730', '710', '706', '707']);
    expect(config.periods.map((p) => [p.id, p.from, p.to])).toEqual([
      ['2024', '2024-01-01', '2024-12-31'],
      ['2025', '2025-01-01', '2025-12-31'],
      ['2026', '2026-01-01', '2026-12-31'],
    ]);
    expect(s.series!.map((p) => `${p.municipality}-${p.period}`)).toHaveLength(12);
    expect(config.trajectories.clusters).toEqual({ Randersklyngen: ['730', '710', '706', '707'] });
    // every part has its own ledger for its period; one residence source per municipality
    const ledgers = config.sources.filter((x) => x.target === 'ledger').map((x) => x.period);
    expect(ledgers.sort()).toEqual([
      ...Array(4).fill('2024'),
      ...Array(4).fill('2025'),
      ...Array(4).fill('2026'),
    ]);
    expect(config.sources.filter((x) => x.target === 'residence')).toHaveLength(4);
    expect(new Set(config.sources.map((x) => x.id)).size).toBe(config.sources.length);
    // the workspace config passes the product's own validation (keys, cross references, catalogue codes)
    const text = readFileSync(path.join(s.dir, 'tvaerblik.yaml'), 'utf8');
    expect(parseConfig(text).periods).toHaveLength(3);
  });

  it('raises prices by 3 % a year: training § 140 590.00 → 607.70 → 625.93 kr, the price list alike', () => {
    // 590.00 × 1.03 = 607.70; 590.00 × 1.03² = 590.00 × 1.0609 = 625.931 → 625.93
    const gt140 = s.series!.filter((p) => p.municipality === '730').map((p) => p.prices.gt140);
    expect(gt140).toEqual([590, 607.7, 625.93]);
    // home care (personal care): 455.00 × 1.03 = 468.65; × 1.0609 = 482.7095 → 482.71
    const list = readFileSync(path.join(s.dir, 'mappings', 'takster-hjemmepleje.csv'), 'utf8');
    expect(list).toContain(',455.00,2024-01-01,2024-12-31');
    expect(list).toContain(',468.65,2025-01-01,2025-12-31');
    expect(list).toContain(',482.71,2026-01-01,2026-12-31');
  });

  it('moves training § 140 from Sundhed og Kultur to Ældre og Handicap in the second year', () => {
    const codes = (part: string, file: string) =>
      readFileSync(path.join(s.dir, 'data', part, 'mappings', file), 'utf8');
    expect(codes('730-2024', 'koder-sundhed-kultur.csv')).toContain('GT140,SUL-140');
    expect(codes('730-2025', 'koder-sundhed-kultur.csv')).not.toContain('SUL-140');
    expect(yearProfile(profileFor('DK'), 1).services.find((x) => x.key === 'gt140')).toMatchObject({
      dept: 'AH',
      local: '1340',
      catalogue: 'SUL-140',
    });
  });

  it('keeps the same persons: a year older, the same id, in the next year’s extracts', () => {
    const ids = (year: number) => {
      const rows = readFileSync(
        path.join(s.dir, 'data', `730-${year}`, 'extracts', `region-praksis-${year}.csv`),
        'utf8',
      ).split('\n');
      return new Set(rows.slice(1).map((r) => r.split(';')[0]));
    };
    const a = ids(2024);
    const both = [...ids(2025)].filter((id) => a.has(id));
    expect(both.length).toBeGreaterThan(a.size / 2);
  });
});

describe('demo SE comparison group (5 municipalities, 3 years, 300 persons)', () => {
  it('writes 15 parts and a config that lists them', async () => {
    const s = await generateDemo({ country: 'SE', persons: 300, municipalities: 5, years: 3, out: tmp() });
    expect(s.series).toHaveLength(15);
    const config = parseConfig(readFileSync(path.join(s.dir, 'tvaerblik.yaml'), 'utf8'));
    expect(config.municipalities).toEqual(['1980', '1880', '0580', '0581', '0484']);
    expect(config.periods.map((p) => p.id)).toEqual(['2024', '2025', '2026']);
  }, 60_000);
});

describe('the same person from year to year', () => {
  it('is a year older on 1 January of the next year, with the same id and residence start', () => {
    const base = profileFor('DK');
    const c24 = createContext(yearProfile(base, 0), 7, 2024);
    const c25 = createContext(yearProfile(base, 1), 7, 2025);
    let checked = 0;
    for (let i = 0; i < 200; i++) {
      const p = generatePerson(c24, i);
      if (p.death !== null || p.resTo !== null) continue;
      const prior = {
        age: ageOn1Jan(p.birth, 2025),
        sex: p.sex,
        birth: p.birth,
        id: p.id,
        resFrom: p.resFrom,
        chronic: p.chronic,
      };
      const q = generatePerson(c25, i, prior);
      expect([q.id, q.birth, q.resFrom, q.age]).toEqual([p.id, p.birth, p.resFrom, p.age + 1]);
      checked++;
    }
    expect(checked).toBeGreaterThan(180);
  });
});
