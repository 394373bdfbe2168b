/** The KPB scenarios computed by hand on a small fixture (docs/decisions.md). */
import { describe, expect, it } from 'vitest';
import { fraction } from '../../src/core/money.js';
import { breakPointHours, moveUsers, unitCost } from '../../src/decisions/break-point.js';

describe('the break point between home care and special housing', () => {
  it('is the place cost a month over the cost per granted hour', () => {
    // home care: 9,833.5 granted hours cost 4,425,075.00 kr → 442,507,500 øre / 9,833.5 h = 45,000 øre an hour
    const perHour = unitCost(442_507_500n, fraction(98_335n, 10n));
    expect(perHour).toEqual(fraction(45_000n));
    // special housing: 3,650 days cost 6,570,000.00 kr → 180,000 øre a day
    const perDay = unitCost(657_000_000n, fraction(3_650n));
    // 180,000 × 365.25/12 ÷ 45,000 = 4 × 30.4375 = 121.75 hours a month
    expect(breakPointHours(perHour, perDay)).toEqual(fraction(48_700n, 400n));
    // with a 30-day month: 4 × 30 = 120
    expect(breakPointHours(perHour, perDay, fraction(30n))).toEqual(fraction(120n));
  });

  it('keeps an hourly cost that is not whole øre exact', () => {
    // 1,000,000 øre over 3 hours = 333,333⅓; a place at 1,000,000 øre a day, 30 days: 90 hours
    expect(breakPointHours(unitCost(1_000_000n, fraction(3n)), fraction(1_000_000n), fraction(30n))).toEqual(
      fraction(90n),
    );
  });
});

describe('moving users between services', () => {
  it('changes total cost by the moved users times the difference in cost per user', () => {
    // 37 home-care users cost 5,550,000 kr (150,000 kr each); 20 places cost 12,000,000 kr (600,000 kr each)
    // moving 10 % of home-care users the other way round: 10 % of 20 place users = 2 → 2 × (150,000 − 600,000)
    const home = { users: 37n, costMinor: 555_000_000n };
    const place = { users: 20n, costMinor: 1_200_000_000n };
    const m = moveUsers(place, home, fraction(1n, 10n));
    expect(m.moved).toBe(2n);
    expect(m.changeMinor).toEqual(fraction(-90_000_000n));
    // 10 % of 37 = 3.7 → 4 persons, each 450,000 kr dearer: +1,800,000 kr
    expect(moveUsers(home, place, fraction(1n, 10n))).toMatchObject({
      moved: 4n,
      changeMinor: fraction(180_000_000n),
    });
    // 3.5 rounds half up to 4
    expect(moveUsers({ users: 35n, costMinor: 35n }, place, fraction(1n, 10n)).moved).toBe(4n);
  });
});
