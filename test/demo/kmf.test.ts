/** The demo invoices KMF by the versioned rate file (rates/kmf-dk.yaml), not by rates of its own. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { demoKmf, loadDemoKmf } from '../../src/demo/kmf.js';
import { parseRateTable, rateTablePath } from '../../src/trajectories/rates.js';

describe('demo KMF from rates/kmf-dk.yaml', () => {
  const kmf = loadDemoKmf('DK')!;
  const contact = { year: 2024, inpatient: true, psychiatric: false, bedDays: 2 };

  it('somatic: the age band share of the tariff, capped per course (31,029 kr)', () => {
    // 1,000.00 kr at age 70: 45 % = 450.00 kr; at age 30: 20 % = 200.00 kr; 333.33 kr at 80: 56 % = 186.66 kr
    expect(kmf.hospital({ ...contact, age: 70, tariffMinor: 100_000 })).toBe(45_000);
    expect(kmf.hospital({ ...contact, age: 30, tariffMinor: 100_000 })).toBe(20_000);
    expect(kmf.hospital({ ...contact, age: 80, tariffMinor: 33_333 })).toBe(18_666);
    // 100,000 kr at 45 % = 45,000 kr > the cap
    expect(kmf.hospital({ ...contact, age: 70, tariffMinor: 10_000_000 })).toBe(3_102_900);
    expect(kmf.courseCap(70, 2024)).toBe(3_102_900);
  });

  it('psychiatry: 60 % of 2,954 kr a bed day capped at 8,862 kr; a visit 30 % of 1,850 kr capped at 555 kr', () => {
    const psy = { ...contact, psychiatric: true, age: 40, tariffMinor: 0 };
    expect(kmf.hospital({ ...psy, bedDays: 2 })).toBe(354_480); // 2 × 2,954 × 0.6 = 3,544.80 kr
    expect(kmf.hospital({ ...psy, bedDays: 0 })).toBe(177_240); // a same-day admission counts one day
    expect(kmf.hospital({ ...psy, bedDays: 10 })).toBe(886_200);
    expect(kmf.hospital({ ...psy, inpatient: false })).toBe(55_500);
  });

  it('practice: the fee share by age; specialists capped at 3,103 kr a visit', () => {
    expect(kmf.gp(15_036, 85, 2024)).toBe(2_706); // 150.36 kr × 18 % = 27.0648 kr
    expect(kmf.gp(15_036, 40, 2024)).toBe(1_053); // × 7 % = 10.5252 kr
    expect(kmf.specialist(90_000, 1, 2024)).toBe(40_500); // 900 kr × 45 %
    expect(kmf.specialist(900_000, 70, 2024)).toBe(310_300); // 4,050 kr > the cap
  });

  it('a changed rate file changes what the demo invoices (one source of truth)', () => {
    const file = rateTablePath('kmf-dk');
    const doc = parseYaml(readFileSync(file, 'utf8')) as {
      versions: { somatic: { rates: { pct: number }[] } }[];
    };
    for (const v of doc.versions) for (const r of v.somatic.rates) r.pct = 10;
    const changed = demoKmf(parseRateTable(doc, file));
    expect(changed.hospital({ ...contact, age: 70, tariffMinor: 100_000 })).toBe(10_000);
  });

  it('Sweden has no KMF', () => {
    expect(loadDemoKmf('SE')).toBeNull();
  });
});
