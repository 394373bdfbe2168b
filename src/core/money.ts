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
