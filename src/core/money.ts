/**
 * Kroner/kronor (major units, as people write them) → øre/öre (bigint minor units), exactly: the digits
 * are read as text, never multiplied as a float (Math.round(kr * 100) is off for large amounts, and
 * rounds 1.005 down).
 */

/** Parse a major-unit amount ("1234.5", "-12,30") into minor units exactly; undefined when not a number or more decimals than allowed. */
export function parseKroner(text: string, maxDecimals = 2): bigint | undefined {
  const m = /^\s*([+-]?)(\d+)(?:[.,](\d*))?\s*$/.exec(text);
  if (!m) return undefined;
  const dec = m[3] ?? '';
  if (dec.length > maxDecimals && /[1-9]/.test(dec.slice(maxDecimals))) return undefined;
  const minor =
    BigInt(m[2]!) * 10n ** BigInt(maxDecimals) +
    BigInt((dec + '0'.repeat(maxDecimals)).slice(0, maxDecimals) || '0');
  return m[1] === '-' ? -minor : minor;
}

/**
 * An amount in kroner from a config (a YAML number or text) → øre, exact to the øre; a third decimal is
 * rounded half away from zero, once.
 * @example kronerToMinor(0.29) // 29n
 * @example kronerToMinor('1234567.89') // 123456789n
 */
export function kronerToMinor(kr: number | string): bigint {
  // String(number) is the shortest text that reads back as the same number: '0.29', not 0.28999…
  const text = typeof kr === 'number' ? String(kr) : kr.trim();
  const m = /^([+-]?)(\d+)(?:[.,](\d*))?$/.exec(text);
  if (!m) throw new RangeError(`not an amount in kroner: ${text}`);
  const dec = (m[3] ?? '').padEnd(3, '0');
  let minor = BigInt(m[2]!) * 100n + BigInt(dec.slice(0, 2));
  if (Number(dec[2]) >= 5) minor += 1n;
  return m[1] === '-' ? -minor : minor;
}

/** Floor division for bigints (rounds towards −∞ also for negative numerators); `b` must be > 0. */
export function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b < 0n ? q - 1n : q;
}

/**
 * Split `total` over `weights` in proportion, exactly: each part is the floor of its share and the
 * leftover units go to the largest remainders; ties go to the lower index, so callers order their
 * items by a stable key first. Weights may be negative (net income) but must add up to more than 0.
 * @example splitLargestRemainder(100n, [1n, 1n, 1n]) // [34n, 33n, 33n]
 */
export function splitLargestRemainder(total: bigint, weights: readonly bigint[]): bigint[] {
  const sum = weights.reduce((a, b) => a + b, 0n);
  if (sum <= 0n) throw new Error('splitLargestRemainder: the weights must add up to more than 0');
  const parts = weights.map((w) => floorDiv(total * w, sum));
  const rema = weights.map((w, i) => total * w - parts[i]! * sum);
  let left = total - parts.reduce((a, b) => a + b, 0n);
  const order = weights
    .map((_, i) => i)
    .sort((i, j) => (rema[j]! > rema[i]! ? 1 : rema[j]! < rema[i]! ? -1 : i - j));
  for (const i of order) {
    if (left <= 0n) break;
    parts[i]! += 1n;
    left -= 1n;
  }
  return parts;
}

/** An exact fraction n / d with d > 0 (money in øre while it flows through the step-down). */
export interface Fraction {
  n: bigint;
  d: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => {
  let x = a < 0n ? -a : a;
  let y = b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
};

/** n / d reduced; d must be > 0. */
export function fraction(n: bigint, d = 1n): Fraction {
  if (d <= 0n) throw new Error('fraction: the denominator must be > 0');
  const g = gcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}

/** The whole number nearest to a fraction, halves away from zero. */
export function roundHalfAway(f: Fraction): bigint {
  const twice = floorDiv(2n * (f.n < 0n ? -f.n : f.n) + f.d, 2n * f.d);
  return f.n < 0n ? -twice : twice;
}

/**
 * A decimal as written ("12.5", "-3", "6,5") as an exact fraction; undefined when it is not one.
 * @example decimalFraction('9833.5') // { n: 19667n, d: 2n }
 */
export function decimalFraction(text: string): Fraction | undefined {
  const m = /^\s*([+-]?)(\d+)(?:[.,](\d+))?\s*$/.exec(text);
  if (!m) return undefined;
  const dec = m[3] ?? '';
  return fraction(BigInt(`${m[1]}${m[2]}${dec}`), 10n ** BigInt(dec.length));
}

export const addFractions = (a: Fraction, b: Fraction): Fraction =>
  a.d === b.d ? fraction(a.n + b.n, a.d) : fraction(a.n * b.d + b.n * a.d, a.d * b.d);

/** a × w / sum, exactly (sum > 0). */
export const scaleFraction = (a: Fraction, w: bigint, sum: bigint): Fraction => fraction(a.n * w, a.d * sum);

/**
 * Round exact parts that add up to the whole number `total` to whole numbers that add up to it too:
 * each part is floored and the units left go to the largest remainders (ties to the lower index).
 * @example roundFractions(1n, [fraction(1n, 3n), fraction(2n, 3n)]) // [0n, 1n]
 */
export function roundFractions(total: bigint, parts: readonly Fraction[]): bigint[] {
  const floors = parts.map((p) => floorDiv(p.n, p.d));
  let left = total - floors.reduce((a, b) => a + b, 0n);
  // remainder of part i is (n mod d) / d in [0, 1): compare r_i / d_i by cross-multiplying
  const rem = parts.map((p, i) => p.n - floors[i]! * p.d);
  if (left < 0n || left > BigInt(parts.length))
    throw new Error(`roundFractions: the parts do not add up to ${total}`);
  const order = parts
    .map((_, i) => i)
    .sort((i, j) => {
      const x = rem[i]! * parts[j]!.d;
      const y = rem[j]! * parts[i]!.d;
      return x > y ? -1 : x < y ? 1 : i - j;
    });
  for (const i of order) {
    if (left <= 0n) break;
    floors[i]! += 1n;
    left -= 1n;
  }
  return floors;
}
