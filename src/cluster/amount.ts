/**
 * Amounts in kroner as people write them in Danish, Swedish and English spreadsheets and forms:
 * `60000`, `60.000`, `1.234.567,50`, `1 234 567,50`, `1,234,567.50`, `1234,5`, `60.000 kr.` → exact øre.
 * A separator followed by exactly three digits groups thousands (an amount in kroner has at most two
 * decimals, so `60.000` can only be sixty thousand); the last `.` or `,` followed by one or two digits
 * is the decimal separator. Anything else (a stray letter, groups of 2 or 4 digits, `1.5.2025`) is
 * not an amount: undefined, never a guess.
 */

// no /g: a global regex's .test() keeps state between calls
const SPACE = /[\s\u00a0\u202f\u2009]/;

/**
 * Kroner text → øre (negative with a leading `-` or `−`), or undefined when the text is not an amount.
 * @example parseAmountText('1.234.567,50') // 123456750n
 * @example parseAmountText('60.000') // 6000000n
 * @example parseAmountText('1,234,567.50') // 123456750n
 */
export function parseAmountText(input: string): bigint | undefined {
  let s = input
    .trim()
    .replace(/^(kr\.?|dkk|sek)\s*/i, '')
    .replace(/\s*(kr\.?|dkk|sek|,-|\.-)$/i, '');
  let negative = false;
  if (/^[-−]/.test(s)) {
    negative = true;
    s = s.slice(1).trimStart();
  }
  // spaces group thousands only between digit groups ("1 234 567"), never inside a group
  if (SPACE.test(s)) {
    if (!/^\d{1,3}([\s\u00a0\u202f\u2009]\d{3})+([.,]\d{1,2})?$/.test(s)) return undefined;
    s = s.replace(/[\s\u00a0\u202f\u2009]/g, '');
  }
  if (!/^\d[\d.,]*$/.test(s)) return undefined;
  const seps = [...s.matchAll(/[.,]/g)].map((m) => m.index);
  const last = seps[seps.length - 1];
  let whole = s;
  let decimals = '';
  if (last !== undefined) {
    const tail = s.slice(last + 1);
    // "60.000": one separator before three digits groups thousands (kroner have at most two decimals)
    const oneThousandsGroup =
      seps.length === 1 && tail.length === 3 && /^[1-9]\d{0,2}$/.test(s.slice(0, last));
    // the last separator is the decimal one when it stands alone or differs from every other one
    const lastIsDecimal = !oneThousandsGroup && seps.slice(0, -1).every((i) => s[i] !== s[last]);
    if (lastIsDecimal) {
      if (tail.length === 0 || (tail.length > 2 && /[1-9]/.test(tail.slice(2)))) return undefined;
      decimals = tail.slice(0, 2);
      whole = s.slice(0, last);
    }
    if (/[.,]/.test(whole)) {
      if (!/^[1-9]\d{0,2}([.,]\d{3})+$/.test(whole) || new Set(whole.match(/[.,]/g)).size > 1)
        return undefined;
      whole = whole.replace(/[.,]/g, '');
    }
  }
  if (!/^\d+$/.test(whole)) return undefined;
  const ore = BigInt(whole) * 100n + BigInt(decimals.padEnd(2, '0'));
  return negative ? -ore : ore;
}

/**
 * A number (a YAML number or a spreadsheet cell, perhaps a formula's result) → øre. Binary floating
 * point leaves noise such as 209176.00000000003 after `=B2*0.22`; a value within a millionth of a
 * krone of whole øre is that amount, anything further from it has more than two decimals: undefined.
 */
export function amountFromNumber(v: number): bigint | undefined {
  if (!Number.isFinite(v)) return undefined;
  const hundredths = Math.round(v * 100);
  if (!Number.isSafeInteger(hundredths)) return undefined;
  if (Math.abs(v - hundredths / 100) > 1e-6) return undefined;
  return BigInt(hundredths);
}

/** Kroner as a number or text (see above) → øre, or undefined. */
export function parseAmount(v: unknown): bigint | undefined {
  if (typeof v === 'number') return amountFromNumber(v);
  if (typeof v === 'bigint') return v * 100n;
  if (typeof v === 'string') return parseAmountText(v);
  return undefined;
}
