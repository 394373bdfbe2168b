/**
 * Exact money helpers: amounts are bigint minor units (øre/öre); shares are split with the
 * largest-remainder method so that the parts always add up to the whole (src/core/money.ts).
 */
export {
  addFractions,
  floorDiv,
  fraction,
  roundFractions,
  scaleFraction,
  splitLargestRemainder,
  type Fraction,
} from '../core/money.js';

/** Parse a major-unit amount ("1234.5", "-12,30") into minor units exactly (one implementation, in core). */
export { parseKroner as parseMajor } from '../core/money.js';

/** Exact decimal string → integer scaled by 10^scale (e.g. "12.5", 4 → 125000n); rounds half away from zero. */
export function scaleDecimal(text: string, scale: number): bigint {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!m) throw new Error(`not a decimal: ${text}`);
  const dec = (m[3] ?? '').padEnd(scale + 1, '0');
  let v = BigInt((m[2] || '0') + dec.slice(0, scale));
  if (Number(dec[scale]) >= 5) v += 1n;
  return m[1] === '-' ? -v : v;
}

/** a / b rounded half away from zero to `decimals` decimals, as an exact decimal string; null when b = 0. */
export function divideToDecimal(a: bigint, b: bigint, decimals: number): string | null {
  if (b === 0n) return null;
  const neg = a < 0n !== b < 0n && a !== 0n;
  const aa = a < 0n ? -a : a;
  const bb = b < 0n ? -b : b;
  const f = 10n ** BigInt(decimals);
  const q = (aa * f * 2n + bb) / (2n * bb);
  const whole = (q / f).toString();
  const frac = decimals > 0 ? '.' + (q % f).toString().padStart(decimals, '0') : '';
  return `${neg && q !== 0n ? '-' : ''}${whole}${frac}`;
}
