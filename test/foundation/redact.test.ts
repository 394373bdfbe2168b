import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/workspace.js';
import { configTemplate } from '../../src/config/template.js';
import { ID_SHAPE, mayBeId, redactIds } from '../../src/core/redact.js';
import { UserError } from '../../src/errors.js';

const base = configTemplate({ country: 'DK', municipality: '851', year: 2024, name: 'Test' });

describe('ids never reach a message', () => {
  it('redacts CPR, eCPR, personnummer and any run of six or more digits, and keeps short numbers', () => {
    expect(redactIds('"010140-3300"')).toBe('"(…)"');
    expect(redactIds('x 0101403300 y')).toBe('x (…) y');
    expect(redactIds('19400101-3308 and 400101+3308')).toBe('(…) and (…)');
    expect(redactIds('010140-4AB3')).toBe('(…)');
    expect(redactIds('threshold 2, year 2024, code 12345')).toBe('threshold 2, year 2024, code 12345');
    expect(mayBeId('010140-3300')).toBe(true);
    expect(mayBeId('Timer')).toBe(false);
    // a CPR read from a number column lost its leading zero: 010140-3300 → 10140330 0 → 9 digits
    expect(ID_SHAPE.test('101403300')).toBe(true);
    expect(redactIds('row 101403300')).toBe('row (…)');
    expect(ID_SHAPE.test('12345678')).toBe(false);
  });

  it('a config value shaped like an id is not echoed in the config error (it was: the value verbatim)', () => {
    let err: UserError | undefined;
    try {
      parseConfig(base.replace('threshold: 5', 'threshold: "010140-3300"'), 'tvaerblik.yaml', 'en');
    } catch (e) {
      if (e instanceof UserError) err = e;
    }
    expect(err?.location.key).toBe('suppression.threshold');
    const all = `${err!.message} ${err!.location.hint ?? ''} ${err!.describe('da')}`;
    expect(all).not.toMatch(/010140|3300/);
  });
});
