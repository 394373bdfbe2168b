import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/workspace.js';
import { configTemplate } from '../../src/config/template.js';
import { UserError } from '../../src/errors.js';

const base = configTemplate({ country: 'DK', municipality: '851', year: 2024, name: 'Test' });

function errorOf(text: string): UserError {
  try {
    parseConfig(text, 'tvaerblik.yaml');
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('expected a UserError');
}

describe('workspace config', () => {
  it('parses the template with defaults filled in', () => {
    const c = parseConfig(base);
    expect(c.country).toBe('DK');
    expect(c.currency).toBe('DKK');
    expect(c.municipalities).toEqual(['851']);
    expect(c.periods).toEqual([{ id: '2024', from: '2024-01-01', to: '2024-12-31' }]);
    expect(c.suppression.threshold).toBe(5);
    expect(c.pseudonymisation).toEqual({ key_file: 'secrets/pseudonym.key' });
  });

  it('refuses a small-cell threshold below 3, naming the key, the value and the fix', () => {
    const e = errorOf(base.replace('threshold: 5', 'threshold: 2'));
    expect(e.location.key).toBe('suppression.threshold');
    expect(e.message).toContain('"suppression.threshold": 2');
    expect(e.location.hint).toMatch(/below 3/);
    expect(e.location.file).toBe('tvaerblik.yaml');
  });

  it('names the allowed values for an unknown country', () => {
    const e = errorOf(base.replace('country: DK', 'country: NO'));
    expect(e.location.key).toBe('country');
    expect(e.location.hint).toBe('use one of: "DK", "SE"');
  });

  it('refuses a key in the config itself and unknown top-level keys', () => {
    const e1 = errorOf(base.replace('key_file: secrets/pseudonym.key', 'key: abc'));
    expect(e1.location.key).toBe('pseudonymisation');
    const e2 = errorOf(base + 'threshhold: 5\n');
    expect(e2.location.hint).toContain('threshhold');
  });

  it('refuses a period that ends before it starts and a bad date', () => {
    expect(errorOf(base.replace('to: 2024-12-31', 'to: 2023-12-31')).location.key).toBe('periods.0.to');
    expect(errorOf(base.replace('from: 2024-01-01', 'from: 01-01-2024')).location.key).toBe('periods.0.from');
  });

  it('reports invalid YAML with its line', () => {
    const e = errorOf('country: DK\n  bad: [\n');
    expect(e.message).toMatch(/not valid YAML/);
    expect(e.location.row).toBeGreaterThan(0);
  });
});
