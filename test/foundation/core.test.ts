import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  decimalFraction,
  fraction,
  kronerToMinor,
  parseKroner,
  roundHalfAway,
} from '../../src/core/money.js';
import { isShippedId, resolveRef, workspaceCatalogue } from '../../src/core/paths.js';

describe('core money: kroner → øre, one exact implementation', () => {
  it('converts config numbers and text exactly, by hand: 0.29 kr = 29 øre, 1,234,567.89 kr = 123,456,789 øre', () => {
    expect(kronerToMinor(0.29)).toBe(29n);
    expect(kronerToMinor('0.29')).toBe(29n);
    expect(kronerToMinor(1234567.89)).toBe(123456789n);
    expect(kronerToMinor('1234567.89')).toBe(123456789n);
    expect(kronerToMinor(50000)).toBe(5000000n);
    expect(kronerToMinor('31029.5')).toBe(3102950n);
    expect(kronerToMinor('-12,30')).toBe(-1230n);
    expect(kronerToMinor(0)).toBe(0n);
  });

  it('gets right what Math.round(kr * 100) got wrong: a large amount and a third decimal of 5', () => {
    // 40,000,000,015,838.02 kr = 4,000,000,001,583,802 øre; the float product rounds to …803
    expect(BigInt(Math.round(40000000015838.02 * 100))).toBe(4000000001583803n);
    expect(kronerToMinor(40000000015838.02)).toBe(4000000001583802n);
    expect(kronerToMinor('40000000015838.02')).toBe(4000000001583802n);
    // 1.005 kr rounds half away from zero to 101 øre; 1.005 * 100 is 100.49999999999999 as a float
    expect(Math.round(1.005 * 100)).toBe(100);
    expect(kronerToMinor(1.005)).toBe(101n);
    expect(kronerToMinor('-1.005')).toBe(-101n);
    expect(kronerToMinor('1.004')).toBe(100n);
  });

  it('refuses what is not an amount', () => {
    expect(() => kronerToMinor('12 kr')).toThrow(/not an amount/);
    expect(() => kronerToMinor(Number.NaN)).toThrow(/not an amount/);
  });

  it('parses price-list text strictly: at most two significant decimals', () => {
    expect(parseKroner('1234.5')).toBe(123450n);
    expect(parseKroner(' -12,30 ')).toBe(-1230n);
    expect(parseKroner('12.300')).toBe(1230n);
    expect(parseKroner('1.005')).toBeUndefined();
    expect(parseKroner('abc')).toBeUndefined();
  });
});

describe('core paths: a catalogue or rate-table reference, one implementation', () => {
  const ws = (catalogue: string) => ({
    config: { catalogue },
    resolve: (p: string) => (path.isAbsolute(p) ? p : path.join('/ws', p)),
  });

  it('keeps a shipped id and resolves a path against the workspace folder', () => {
    expect(isShippedId('dk')).toBe(true);
    expect(isShippedId('kmf-dk')).toBe(true);
    expect(isShippedId('my.yaml')).toBe(false);
    expect(workspaceCatalogue(ws('dk'))).toBe('dk');
    expect(workspaceCatalogue(ws('cat/my.yaml'))).toBe(path.join('/ws', 'cat/my.yaml'));
    expect(workspaceCatalogue(ws('/abs/my.yaml'))).toBe('/abs/my.yaml');
    expect(resolveRef('se', () => 'never')).toBe('se');
  });
});

describe('exact fractions: rounding once and reading decimals', () => {
  it('rounds halves away from zero', () => {
    expect(roundHalfAway(fraction(5n, 2n))).toBe(3n); // 2.5 → 3
    expect(roundHalfAway(fraction(-5n, 2n))).toBe(-3n); // −2.5 → −3
    expect(roundHalfAway(fraction(1_000_000n, 3n))).toBe(333_333n); // 333,333⅓
    expect(roundHalfAway(fraction(2n, 3n))).toBe(1n);
  });

  it('reads a decimal as written, with "." or ",", exactly', () => {
    expect(decimalFraction('9833.5')).toEqual(fraction(19_667n, 2n));
    expect(decimalFraction('6,5')).toEqual(fraction(13n, 2n));
    expect(decimalFraction('-3')).toEqual(fraction(-3n));
    expect(decimalFraction('< 5')).toBeUndefined();
    expect(decimalFraction('x')).toBeUndefined();
  });
});
