import { describe, expect, it } from 'vitest';
import {
  DK_MUNICIPALITIES,
  municipalityName,
  municipalityWithCode,
  SE_MUNICIPALITIES,
} from '../../src/labels/municipalities.js';

describe('labels: municipality names', () => {
  it('lists all 98 Danish and 290 Swedish municipalities, with codes of 3 and 4 digits', () => {
    expect(Object.keys(DK_MUNICIPALITIES)).toHaveLength(98);
    expect(Object.keys(SE_MUNICIPALITIES)).toHaveLength(290);
    expect(Object.keys(DK_MUNICIPALITIES).every((c) => /^\d{3}$/.test(c))).toBe(true);
    expect(Object.keys(SE_MUNICIPALITIES).every((c) => /^\d{4}$/.test(c))).toBe(true);
    // no name twice within a country
    expect(new Set(Object.values(DK_MUNICIPALITIES)).size).toBe(98);
    expect(new Set(Object.values(SE_MUNICIPALITIES)).size).toBe(290);
  });

  it('names the demo municipalities and a few others, and shows an unknown code as it is', () => {
    expect(municipalityName('851')).toBe('Aalborg');
    expect(municipalityName('1980')).toBe('Västerås');
    expect(municipalityName('101')).toBe('København');
    expect(municipalityName('461')).toBe('Odense');
    expect(municipalityName('0180')).toBe('Stockholm');
    expect(municipalityName('1480')).toBe('Göteborg');
    expect(municipalityName('999')).toBe('999');
    expect(municipalityWithCode('851')).toBe('Aalborg (851)');
    expect(municipalityWithCode('999')).toBe('999');
  });
});
