import { describe, expect, it } from 'vitest';
import { described } from '../../src/ingest/checks.js';

describe('check descriptions from the catalogue (locales/ingest-texts)', () => {
  it('fill the rate of hours per week or per month, as the inline texts said before', () => {
    expect(described('volume_rate_max_hours', () => ({ rate: 'week' }))).toEqual({
      da: 'Højst 168 timer pr. uge i en rate',
      sv: 'Högst 168 timmar per vecka i en takt',
      en: 'At most 168 hours a week in a rate',
    });
    expect(described('volume_rate_max_hours', () => ({ rate: 'month' })).en).toBe(
      'At most 730.5 hours a month in a rate',
    );
    expect(described('volume_rate_max_hours', () => ({ rate: 'month' })).da).toBe(
      'Højst 730,5 timer pr. måned i en rate',
    );
  });

  it('name the field in each language and the period as written', () => {
    const d = described('within_period', () => ({ period: '2024' }));
    expect(d.sv).toBe('Datumen överlappar perioden 2024');
    expect(described('required', (lang) => ({ field: `F-${lang}` })).da).toBe('F-da er udfyldt');
  });
});
