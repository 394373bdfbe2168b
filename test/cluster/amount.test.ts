import { describe, expect, it } from 'vitest';
import { amountFromNumber, parseAmount, parseAmountText } from '../../src/cluster/amount.js';

describe('amounts in kroner as Danish, Swedish and English spreadsheets write them', () => {
  it.each([
    ['60000', 6_000_000n], // 60,000 kr = 6,000,000 øre
    ['60.000', 6_000_000n], // Danish thousands: sixty thousand, never 60 kr
    ['60,000', 6_000_000n], // English thousands
    ['1.234.567,50', 123_456_750n], // 1,234,567 kr + 50 øre
    ['1,234,567.50', 123_456_750n],
    ['1 234 567,50', 123_456_750n], // Swedish spaces
    ['1\u00a0234\u00a0567,50', 123_456_750n], // no-break spaces as Excel writes them
    ['1234,5', 123_450n], // 1,234 kr + 50 øre
    ['1234.50', 123_450n],
    ['1234,500', 123_450n], // three decimals, the third a zero: 1234.50 (1234 cannot be a thousands group)
    ['0,50', 50n],
    ['0.500', 50n], // "0" cannot start a thousands group: 0.50 kr
    ['60.000 kr.', 6_000_000n],
    ['kr. 1.500,25', 150_025n],
    ['2.500,-', 250_000n], // the Danish ",-" for whole kroner
    ['-1.500', -150_000n],
    ['−1.500,25', -150_025n], // the minus sign U+2212
    ['0', 0n],
  ])('%s → %s øre', (text, ore) => {
    expect(parseAmountText(text)).toBe(ore);
  });

  it.each([
    '1.234,567', // the decimal part has a third non-zero digit
    '1.5.2025', // a date
    '1.23.456', // a group of two digits
    '1,234.567.8',
    '12 34',
    'abc',
    '',
    '1.234,56,7',
    '1234,567',
  ])('%s is not an amount', (text) => {
    expect(parseAmountText(text)).toBeUndefined();
  });

  it('a formula result with floating-point noise is the amount to the øre; a real third decimal is refused', () => {
    // 950,800 × 0.22 = 209,176 exactly; in binary floating point it is 209176.00000000003
    expect(amountFromNumber(950800 * 0.22)).toBe(20_917_600n);
    expect(amountFromNumber(0.1 + 0.2)).toBe(30n); // 0.30000000000000004 → 0.30 kr
    expect(amountFromNumber(1.005)).toBeUndefined(); // half an øre is a real third decimal
    expect(amountFromNumber(Number.NaN)).toBeUndefined();
    expect(parseAmount(1234.5)).toBe(123_450n);
    expect(parseAmount(null)).toBeUndefined();
  });
});
