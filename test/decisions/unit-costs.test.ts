/** A service's KPB figures come from the published unit-cost table; a hidden row cannot be used. */
import { describe, expect, it } from 'vitest';
import { martTable } from '../../src/analysis/marts.js';
import { fraction } from '../../src/core/money.js';
import { unitCost } from '../../src/decisions/break-point.js';
import { serviceFigures } from '../../src/decisions/unit-costs.js';
import { UserError } from '../../src/errors.js';
import { userErrorOf } from '../helpers/user-error.js';
import { suppress } from '../../src/suppression/index.js';

const row = (
  period: string,
  code: string,
  provider: string,
  unit: string,
  volume: string,
  total: bigint,
  persons: bigint,
) => ({
  period,
  municipality: '851',
  catalogue_code: code,
  provider,
  unit,
  volume,
  direct_minor: total,
  admin_minor: 0n,
  other_common_minor: 0n,
  total_minor: total,
  unit_cost_minor: '0.0000',
  direct_per_unit_minor: '0.0000',
  admin_per_unit_minor: '0.0000',
  other_per_unit_minor: '0.0000',
  persons,
});

function published(rows: ReturnType<typeof row>[]) {
  const def = martTable('mart_unit_cost');
  return suppress({ id: def.mart, columns: def.columns, rows, persons: def.persons }, 5);
}

describe('serviceFigures', () => {
  it('sums the providers of the latest period, exactly', () => {
    const t = published([
      row('2023', 'SEL-83-PP', 'own', 'hour_granted', '100.0000', 1_000_000n, 9n),
      // 2024: own 9,000.5 h for 400,000,000 øre; external 833 h for 42,507,500 øre
      row('2024', 'SEL-83-PP', 'own', 'hour_granted', '9000.5000', 400_000_000n, 30n),
      row('2024', 'SEL-83-PP', 'external', 'hour_granted', '833.0000', 42_507_500n, 8n),
    ]);
    const f = serviceFigures(t, 'SEL-83-PP');
    expect(f).toMatchObject({ period: '2024', totalMinor: 442_507_500n, persons: 38n, unit: 'hour_granted' });
    expect(f.volume).toEqual(fraction(98_335n, 10n));
    // 442,507,500 / 9,833.5 = 45,000 øre an hour
    expect(unitCost(f.totalMinor, f.volume)).toEqual(fraction(45_000n));
  });

  it('refuses a row hidden by suppression, and names the known services for an unknown one', () => {
    const t = published([
      row('2024', 'SEL-108', 'own', 'day', '365.0000', 65_700_000n, 1n),
      row('2024', 'SEL-83-PP', 'own', 'hour_granted', '100.0000', 1_000_000n, 9n),
    ]);
    expect(() => serviceFigures(t, 'SEL-108')).toThrow(UserError);
    expect(() => serviceFigures(t, 'SEL-108')).toThrow(/hidden \(fewer than 5 persons\)/);
    expect(() => serviceFigures(t, 'SEL-999')).toThrow(/has no unit cost/);
  });
});

describe('a municipality or service that is not in the workspace', () => {
  // 35 services in municipality 851, 10 persons each (none hidden)
  const many = published(
    Array.from({ length: 35 }, (_, i) =>
      row('2024', `SEL-${String(i).padStart(2, '0')}`, 'P1', 'day', '10', 1000n, 10n),
    ),
  );
  const errorOf = userErrorOf;

  it('names the municipality, not the service, with the workspace municipalities', () => {
    const e = errorOf(() => serviceFigures(many, 'SEL-01', '730'));
    expect(e.message).toBe('The municipality 730 is not in the workspace');
    expect(e.location.hint).toBe("The workspace's municipalities are: 851.");
    expect(errorOf(() => serviceFigures(many, 'SEL-01', '815')).location.hint).toContain(
      'Did you mean "851"?',
    );
  });

  it('lists 30 services and says how many more there are (35 − 30 = 5)', () => {
    const e = errorOf(() => serviceFigures(many, 'HJEMMEPLEJE-X'));
    expect(e.location.hint).toMatch(/^Use one of: SEL-00, .*SEL-29 … and 5 more\.$/);
    expect(e.location.hint).not.toContain('SEL-30');
    expect(e.location.hint).not.toContain('tvaerblik run');
    expect(errorOf(() => serviceFigures(many, 'SEL-3x')).location.hint).toMatch(/^Did you mean "SEL-3\d"\?/);
  });

  it('tells the command-line user a fix the command has (no case-file key)', () => {
    const hidden = published([row('2024', 'SEL-108', 'P1', 'day', '10', 1000n, 2n)]);
    const e = errorOf(() => serviceFigures(hidden, 'SEL-108', undefined, 'decisions.suppressed_cli'));
    expect(e.location.hint).toContain('--municipality');
    expect(e.location.hint).not.toContain('unit_cost_kroner');
  });
});
