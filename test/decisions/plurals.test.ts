/**
 * A count in a message agrees with its noun: "1 row", "2 rows" (ICU plural), in every language. The
 * class check: in the catalogues of decisions, lineage and the CLI, a count placeholder followed by a
 * plural noun must be inside a plural (the exceptions are counts that are never 1 or not whole).
 */
import { describe, expect, it } from 'vitest';
import { catalogues, t } from '../../src/core/messages.js';

const NOUNS =
  /\{(\w+)\} (?:[a-z]+ )?(rows|cells|persons|files|checks|tables|users|days|rækker|celler|personer|filer|tabeller|brugere|dage|rader|kontroller|tabeller|dagar)\b/g;
/** {threshold} is at least 2 ("fewer than {threshold} persons"); days are a decimal (30.4375) or a setting; persons/files of the demo are ≥ 1000 / many. */
const NEVER_ONE = new Set(['threshold', 'days', 'persons', 'files']);
const AREAS = ['decisions.', 'lineage.', 'cli.'];

describe('counts agree with their nouns', () => {
  it('every counted noun in the decisions, lineage and CLI messages is a plural', () => {
    const bare: string[] = [];
    for (const [lang, cat] of Object.entries(catalogues())) {
      for (const [key, message] of Object.entries(cat)) {
        if (!AREAS.some((a) => key.startsWith(a)) || key.startsWith('cli.help.')) continue;
        for (const m of message.matchAll(NOUNS))
          if (!NEVER_ONE.has(m[1]!)) bare.push(`${lang} ${key}: ${m[0]}`);
      }
    }
    expect(bare).toEqual([]);
  });

  it('says "1 row too small" and "2 rows", in Swedish "1 rad för liten" and "2 rader för små"', () => {
    const vars = { threshold: 5, cells: 1, rows: 2, small: 1, secondary: 0 };
    expect(t('en', 'lineage.suppression', vars)).toBe(
      'Suppression (threshold 5): 1 hidden cell in 2 rows; 1 row too small, 0 rows hidden to protect others',
    );
    expect(t('sv', 'lineage.suppression', vars)).toBe(
      'Röjandeskydd (gräns 5): 1 dold cell i 2 rader; 1 rad för liten, 0 rader dolda för att skydda andra',
    );
    expect(t('da', 'lineage.suppression', { ...vars, small: 3 })).toContain('3 rækker for små');
  });

  it('the import warning: "1 row … has", "2 rows … have"', () => {
    const vars = { source: 'hjemmepleje', check: 'person_id_valid', pct: 1, threshold: 0 };
    expect(t('en', 'ingest.unidentified.msg', { ...vars, rows: 1 })).toMatch(
      /^1 row of source hjemmepleje has no/,
    );
    expect(t('en', 'ingest.unidentified.msg', { ...vars, rows: 2 })).toMatch(
      /^2 rows of source hjemmepleje have no/,
    );
    expect(t('sv', 'ingest.unidentified_rejected.msg', { ...vars, rows: 1 })).toMatch(
      /^1 rad .* är avvisad \(/,
    );
    expect(t('en', 'cli.report.hidden', { s: 1, t: 5, x: 0, n: 1, sec: '0.1' })).toBe(
      '1 small cell hidden (< 5) and 0 hidden to protect them; 1 table; 0.1 s.',
    );
  });
});
