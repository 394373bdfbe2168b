/**
 * Scenarios on KPB unit costs (docs/decisions.md): the break point between home care and a place in
 * special housing — at how many granted hours a month a home-care user costs as much as a place —
 * and the change in total cost when a share of one service's users move to another. Exact
 * fractions throughout; the callers round once, for display.
 */
import { fraction, roundHalfAway, type Fraction } from '../core/money.js';

/** Days in an average month: 365.25 / 12 = 1461/48 (KPB's unit costs per day are per calendar day). */
export const DAYS_PER_MONTH: Fraction = fraction(1461n, 48n);

/** A unit cost as the ledger gives it: total cost (øre) over volume (hours, days …), exactly. */
export function unitCost(totalMinor: bigint, volume: Fraction): Fraction {
  if (volume.n <= 0n) throw new Error('unitCost: the volume must be more than 0');
  return fraction(totalMinor * volume.d, volume.n);
}

/**
 * The granted home-care hours a month at which a home-care user costs as much as a place in special
 * housing: place cost per day × days a month ÷ cost per granted hour.
 * @example breakPointHours(fraction(45_000n), fraction(180_000n)) // 180,000 × 1461/48 ÷ 45,000 = 121.75 h
 */
export function breakPointHours(
  perHourMinor: Fraction,
  placePerDayMinor: Fraction,
  daysPerMonth: Fraction = DAYS_PER_MONTH,
): Fraction {
  if (perHourMinor.n <= 0n) throw new Error('breakPointHours: the cost per hour must be more than 0');
  return fraction(
    placePerDayMinor.n * daysPerMonth.n * perHourMinor.d,
    placePerDayMinor.d * daysPerMonth.d * perHourMinor.n,
  );
}

export interface ServiceUsers {
  /** persons using the service in the period */
  users: bigint;
  /** the service's cost in the period (øre) */
  costMinor: bigint;
}

export interface Move {
  /** whole persons moved: share × users, rounded half up */
  moved: bigint;
  /** cost per user of each service (øre, exact) */
  fromPerUser: Fraction;
  toPerUser: Fraction;
  /** change in total cost (øre, exact): moved × (to − from); < 0 is a saving */
  changeMinor: Fraction;
}

/**
 * Move `share` of the users of `from` to `to`, each at the other service's mean cost per user.
 * @example moveUsers({ users: 40n, costMinor: 4_000_000n }, { users: 10n, costMinor: 5_000_000n }, fraction(1n, 4n))
 * // 10 moved, 100,000 → 500,000 per user: +4,000,000 øre
 */
export function moveUsers(from: ServiceUsers, to: ServiceUsers, share: Fraction): Move {
  if (from.users <= 0n || to.users <= 0n) throw new Error('moveUsers: both services need users');
  if (share.n < 0n || share.n > share.d) throw new Error('moveUsers: the share is between 0 and 1');
  const moved = roundHalfAway(fraction(share.n * from.users, share.d));
  const fromPerUser = fraction(from.costMinor, from.users);
  const toPerUser = fraction(to.costMinor, to.users);
  const diff = fraction(
    toPerUser.n * fromPerUser.d - fromPerUser.n * toPerUser.d,
    toPerUser.d * fromPerUser.d,
  );
  return { moved, fromPerUser, toPerUser, changeMinor: fraction(diff.n * moved, diff.d) };
}
