import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/workspace.js';
import { configTemplate } from '../../src/config/template.js';
import { UserError } from '../../src/errors.js';
import { parseTrajectoriesConfig } from '../../src/trajectories/config.js';

const FILE = '/ws/tvaerblik.yaml';

function refused(raw: unknown): UserError {
  try {
    parseTrajectoriesConfig(raw, FILE);
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('the settings were accepted');
}

describe('trajectories settings: a misspelt key', () => {
  it('names the file, the key path and the key meant, in da, sv and en', () => {
    const e = refused({ readmision_days: 30 });
    expect(e.location).toMatchObject({ file: FILE, key: 'trajectories.readmision_days' });
    const where = `(file: ${FILE}, key: trajectories.readmision_days)`;
    expect(e.describe('da')).toContain('Ukendt nøgle "trajectories.readmision_days" i konfigurationen');
    expect(e.describe('da')).toContain(where);
    expect(e.describe('da')).toContain('→ mente du "readmission_days"?');
    expect(e.describe('sv')).toContain('Okänd nyckel "trajectories.readmision_days"');
    expect(e.describe('sv')).toContain(where);
    expect(e.describe('sv')).toContain('→ menade du "readmission_days"?');
    expect(e.describe('en')).toContain(where);
    expect(e.describe('en')).toContain('→ did you mean "readmission_days"?');
    // English for logs
    expect(e.message).toBe('Unknown key "trajectories.readmision_days" in the config');
  });

  it.each([
    [{ kmf: { rate_tabel: 'kmf-dk' } }, 'trajectories.kmf.rate_tabel', 'rate_table'],
    [{ regional_cost: { basys: 'drg' } }, 'trajectories.regional_cost.basys', 'basis'],
    [{ exclusions: [{ grup: 'cancer', diagnoses: ['DC'] }] }, 'trajectories.exclusions.0.grup', 'group'],
    [{ standardisation: { yaer: 2024 } }, 'trajectories.standardisation.yaer', 'year'],
    // a map with named keys: an indicator or a follow-up kind outside its names
    [
      { targets: { readmission_rate_pc: 5 } },
      'trajectories.targets.readmission_rate_pc',
      'readmission_rate_pct',
    ],
    [{ follow_up_codes: { home_cre: ['83.01'] } }, 'trajectories.follow_up_codes.home_cre', 'home_care'],
  ])('at any depth: %j', (raw, key, meant) => {
    const e = refused(raw);
    expect(e.location.key).toBe(key);
    expect(e.location.file).toBe(FILE);
    expect(e.describe('en')).toContain(`did you mean "${meant}"?`);
    expect(e.describe('da')).toContain(`mente du "${meant}"?`);
  });

  it('says the same as the check of the whole tvaerblik.yaml', () => {
    const yaml = `${configTemplate({ country: 'DK', municipality: '851', year: 2024, name: 'Test' })}\ntrajectories:\n  kmf:\n    rate_tabel: kmf-dk\n`;
    let whole: UserError | undefined;
    try {
      parseConfig(yaml, FILE, 'en');
    } catch (e) {
      whole = e as UserError;
    }
    const alone = refused({ kmf: { rate_tabel: 'kmf-dk' } });
    expect(whole?.describe('en')).toBe(alone.describe('en'));
  });

  it('names the key and the fix of a bad value too', () => {
    const e = refused({ readmission_scope: 'somatc' });
    expect(e.location.key).toBe('trajectories.readmission_scope');
    expect(e.describe('sv')).toContain('menade du "somatic"?');
  });
});
