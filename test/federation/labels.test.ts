/** A key figure's name in the comparison tables names its code once (the Kolada labels already carry it). */
import { describe, expect, it } from 'vitest';
import { labelWithCode } from '../../src/labels/values.js';

describe('a key figure with its code', () => {
  it('does not repeat a code its label already names', () => {
    // was "… (Kolada U21003) (U21003)"
    expect(labelWithCode('U21003', 'da')).toBe(
      'Hjemmehjælp, egen leverandør, kr. pr. visiteret time (Kolada U21003)',
    );
    expect(labelWithCode('U21003', 'sv')).toBe('Kostnad hemtjänst, egen regi, kr/beviljad timme (U21003)');
  });
  it('adds the code to a label without it', () => {
    expect(labelWithCode('KPB-HT-UTF', 'en')).toBe(
      'Home care, own provider, per performed hour (KPB-HT-UTF)',
    );
  });
});
