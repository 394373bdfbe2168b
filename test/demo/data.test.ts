/** The demo's data files (tools/demo/data/): read and checked at run time, with errors that name the key. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { Calibration } from '../../src/demo/calibration.js';
import { DEMO_DATA, parseProfile, profileFor } from '../../src/demo/profile.js';
import { missedTargets, parseTargets } from '../../src/demo/targets.js';
import { UserError } from '../../src/errors.js';

const dkDoc = () =>
  parseYaml(readFileSync(`${DEMO_DATA}profile-dk.yaml`, 'utf8')) as {
    age_bands: { shares: number[]; scale?: unknown };
    services: Record<string, unknown>[];
  };

describe('demo profiles (tools/demo/data/profile-*.yaml)', () => {
  it('reads money exactly: "455.00" kr → 45,500 øre, "0.5" → 50', () => {
    const doc = dkDoc();
    doc.services[0]!.unit_cost = '0.5';
    expect(parseProfile(doc, 'p.yaml').services[0]!.unitMinor).toBe(50);
    expect(profileFor('DK').services.find((s) => s.key === 'hc_pp_ae')!.unitMinor).toBe(45_500);
  });

  it('spreads a 5-year band evenly and the open last band over ages 95–100', () => {
    const doc = dkDoc();
    doc.age_bands = { shares: [...Array(19).fill(5), 6] };
    const w = parseProfile(doc, 'p.yaml').ageWeights;
    expect(w).toHaveLength(101);
    expect(w[0]).toBe(1); // 5 % over ages 0-4
    expect(w[100]).toBe(1); // 6 % over ages 95-100
  });

  it('stops with a UserError naming the file and key on a bad value or an unknown department', () => {
    const money = dkDoc();
    money.services[2]!.unit_cost = 455.5;
    expect(() => parseProfile(money, 'p.yaml')).toThrow(/p\.yaml: "services\.2\.unit_cost"/);
    const dept = dkDoc();
    dept.services[1]!.dept = 'XX';
    expect(() => parseProfile(dept, 'p.yaml')).toThrow(UserError);
    expect(() => parseProfile(dept, 'p.yaml')).toThrow(/services\[1\] names department "XX"/);
    const extra = dkDoc();
    extra.services[0]!.colour = 'red';
    expect(() => parseProfile(extra, 'p.yaml')).toThrow(/services\.0/);
  });

  it('has both countries, each with its providers and at least one service per department', () => {
    for (const c of ['DK', 'SE'] as const) {
      const p = profileFor(c);
      expect(p.country).toBe(c);
      expect(Object.keys(p.providers).length).toBeGreaterThan(0);
      for (const d of p.departments) expect(p.services.some((s) => s.dept === d.key)).toBe(true);
    }
  });
});

describe('calibration targets (tools/demo/data/calibration-*.yaml)', () => {
  const doc = (targets: Record<string, unknown>) => ({ country: 'DK', persons: 1000, seed: 1, targets });

  it('turns target ± tolerance, ± per cent and min/max into inclusive ranges', () => {
    const t = parseTargets(
      doc({
        adultUsers: { target: 200, tolerance_pct: 5 },
        top2Share: { target: 0.36, tolerance: 0.03 },
        bothExpensive: { max: 12 },
      }),
      't.yaml',
    ).targets;
    expect(t).toEqual([
      { metric: 'adultUsers', lo: 190, hi: 210 },
      { metric: 'top2Share', lo: 0.36 - 0.03, hi: 0.36 + 0.03 },
      { metric: 'bothExpensive', lo: -Infinity, hi: 12 },
    ]);
    const c = { adultUsers: 210, top2Share: 0.4, bothExpensive: 3 } as Calibration;
    expect(missedTargets(c, t).map((m) => [m.metric, m.value])).toEqual([['top2Share', 0.4]]);
  });

  it('stops on an unknown figure, a target without tolerance and an empty range', () => {
    expect(() => parseTargets(doc({ adultUser: { min: 1 } }), 't.yaml', ['adultUsers'])).toThrow(
      /"targets\.adultUser" is not a calibration figure/,
    );
    expect(() => parseTargets(doc({ adultUsers: { target: 5 } }), 't.yaml')).toThrow(UserError);
    expect(() => parseTargets(doc({ adultUsers: { min: 5, max: 4 } }), 't.yaml')).toThrow(/empty range/);
  });
});
