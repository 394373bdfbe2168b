import { describe, expect, it } from 'vitest';
import { MART_TABLES } from '../../src/analysis/marts.js';

describe('mart declarations', () => {
  it('judge every published persons column (mart_lorenz showed steps of 1–3 persons when only persons_cum was judged)', () => {
    const undeclared = MART_TABLES.flatMap((m) => {
      const judged = [m.persons].flat();
      return m.columns
        .filter((c) => c.kind === 'persons' && !judged.includes(c.name))
        .map((c) => `${m.mart}.${c.name}`);
    });
    expect(undeclared).toEqual([]);
  });
});
