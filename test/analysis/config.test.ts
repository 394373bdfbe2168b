import { describe, expect, it } from 'vitest';
import { analysisConfig } from '../../src/analysis/config.js';
import type { Workspace } from '../../src/config/workspace.js';
import { UserError } from '../../src/errors.js';

const FILE = '/ws/tvaerblik.yaml';

function refused(analysis: unknown): UserError {
  try {
    analysisConfig({ configPath: FILE, config: { analysis } } as unknown as Workspace);
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('the settings were accepted');
}

describe('analysis settings go through the config check', () => {
  it('a misspelt key names the file, the key path and the key meant, in da, sv and en', () => {
    const e = refused({ benchmark_age_grups: [0, 65] });
    expect(e.location).toMatchObject({ file: FILE, key: 'analysis.benchmark_age_grups' });
    expect(e.describe('da')).toContain('Ukendt nøgle "analysis.benchmark_age_grups"');
    expect(e.describe('da')).toContain('→ mente du "benchmark_age_groups"?');
    expect(e.describe('sv')).toContain('→ menade du "benchmark_age_groups"?');
    expect(e.describe('en')).toContain('→ did you mean "benchmark_age_groups"?');
    expect(e.message).toBe('Unknown key "analysis.benchmark_age_grups" in the config');
  });

  it('a rule across keys keeps its own message and names its key', () => {
    // 60 is no lower bound of the consumption groups (0, 21, 51, 65, 70 …), so it cannot be a benchmark group's
    const e = refused({ benchmark_age_groups: [0, 60] });
    expect(e.location).toMatchObject({ file: FILE, key: 'analysis.benchmark_age_groups' });
    expect(e.describe('en')).toContain('every lower bound must also be one of consumption_age_groups');
  });

  it('valid settings come back with their defaults', () => {
    const c = analysisConfig({ configPath: FILE, config: { analysis: {} } } as unknown as Workspace);
    expect(c.consumption_age_groups.length).toBeGreaterThan(1);
  });
});
