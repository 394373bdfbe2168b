import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openWarehouse } from '../../src/model/warehouse.js';
import { parseConfig } from '../../src/config/workspace.js';
import { configTemplate } from '../../src/config/template.js';
import { didYouMean, editDistance } from '../../src/config/validate.js';
import { UserError } from '../../src/errors.js';
import type { Lang } from '../../src/i18n.js';

const base = configTemplate({ country: 'DK', municipality: '851', year: 2024, name: 'Test' });

function errorOf(text: string, lang: Lang = 'en'): UserError {
  try {
    parseConfig(text, 'tvaerblik.yaml', lang);
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
    expect(e1.location.key).toBe('pseudonymisation.key');
    const e2 = errorOf(base + 'threshhold: 5\n');
    expect(e2.location.key).toBe('threshhold');
    expect(e2.message).toContain('Unknown key "threshhold"');
    expect(e2.location.hint).toContain('"suppression"');
  });

  // memory_limit bounds the warehouse engine's memory, temp_limit its spill to disk
  it.each([
    ['memory_limit', '6GB', '12GiB', 'memory_limt'],
    ['temp_limit', '20GB', '50GiB', 'temp_limt'],
  ] as const)(
    '%s is %s unless set, and a bad size or a misspelt key is named',
    (key, byDefault, set, typo) => {
      expect(parseConfig(base)[key]).toBe(byDefault);
      expect(parseConfig(base + `${key}: ${set}\n`)[key]).toBe(set);
      const bad = errorOf(base + `${key}: lots\n`);
      expect(bad.location.key).toBe(key);
      expect(bad.location.hint).toContain(byDefault);
      expect(errorOf(base + `${typo}: ${byDefault}\n`).location.hint).toContain(`"${key}"`);
    },
  );

  it('opens the warehouse with that memory limit (DuckDB writes 3GB as 2.7 GiB) and spill cap', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tvaerblik-memory-'));
    const config = parseConfig(base + 'memory_limit: 3GB\ntemp_limit: 5GB\n');
    const engine = await openWarehouse({
      dir,
      configPath: path.join(dir, 'tvaerblik.yaml'),
      config,
      resolve: (p) => path.join(dir, p),
    });
    try {
      const m = await engine.one<{ m: string }>(`SELECT current_setting('memory_limit') AS m`);
      expect(m.m).toBe('2.7 GiB');
      // 5GB = 5·10^9 bytes = 4.66 GiB
      const t = await engine.one<{ t: string }>(`SELECT current_setting('max_temp_directory_size') AS t`);
      expect(t.t).toBe('4.6 GiB');
    } finally {
      await engine.close();
      rmSync(dir, { recursive: true, force: true });
    }
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

/**
 * Typos that were silently accepted before (issue 12 part 3): each config below parsed without an error
 * and ran with a default. Each must now name the key path, the valid choices and the likely choice.
 */
const full = `${base.replace('sources: []\n', '')}sources:
  - id: hjemmepleje
    file: extracts/hjemmepleje.csv
    format: csv
    csv: { delimiter: ';', decimal: ',' }
    period: '2024'
    target: service
    municipality: '851'
    columns:
      person_id: CPR
      catalogue_code: Kode
      start_date: { column: Start, format: dd-mm-yyyy }
      volume: Timer
      unit: { value: hour_granted }
      provider: { column: Leverandør, values: { Egen: own, Privat: external } }
      amount: { column: Beløb, money: kr }
    checks:
      volume_not_negative: { severity: stop }
costing:
  translation_table: mappings/tt.csv
  pools:
    - { id: ADM, kind: administration, key: direct_cost, targets: [HUS, SEL-83*] }
    - { id: HUS, kind: premises, key: fixed, order: 1, targets: [SEL-83-PP, SEL-83-PH@external], weights: { SEL-83-PP: 3, SEL-83-PH@external: 1 } }
  methods:
    - { codes: [SEL-83-MAD], method: price, price: 55 }
`;

describe('workspace config: a typo is an error', () => {
  it('accepts the full example (sources, checks, pools, methods)', () => {
    const c = parseConfig(full, 'tvaerblik.yaml', 'en');
    expect(c.sources[0]!.checks).toEqual({ volume_not_negative: { severity: 'stop' } });
    expect(c.costing!.pools.map((p) => p.id)).toEqual(['ADM', 'HUS']);
  });

  it('refuses an unknown key at any depth, with the valid keys and the likely one', () => {
    const csv = errorOf(full.replace("delimiter: ';'", "delimitter: ';'"));
    expect(csv.location.key).toBe('sources.0.csv.delimitter');
    expect(csv.location.hint).toMatch(/^did you mean "delimiter"\? valid keys: "delimiter", "quote"/);
    const map = errorOf(full.replace('{ column: Beløb, money: kr }', '{ colum: Beløb, money: kr }'));
    expect(map.location.key).toBe('sources.0.columns.amount.colum');
    expect(map.location.hint).toContain('did you mean "column"?');
    const pool = errorOf(full.replace('key: fixed, order: 1', 'key: fixed, ordre: 1'));
    expect(pool.location.key).toBe('costing.pools.1.ordre');
    expect(pool.location.hint).toContain('did you mean "order"?');
    const analysis = errorOf(full + 'analysis:\n  heavy_treshold: 300000\n');
    expect(analysis.location.key).toBe('analysis.heavy_treshold');
    expect(analysis.location.hint).toContain('did you mean "heavy_threshold"?');
    const exclusion = errorOf(
      full + 'trajectories:\n  exclusions:\n    - { group: cancer, diagnoses: [DC], diagnosis: [DD] }\n',
    );
    expect(exclusion.location.key).toBe('trajectories.exclusions.0.diagnosis');
    expect(exclusion.location.hint).toContain('did you mean "diagnoses"?');
  });

  it('refuses an unknown key of a record with named keys (trajectories.targets) with "did you mean"', () => {
    const e = errorOf(full + 'trajectories:\n  targets:\n    regional_service_per_citizen: 1\n');
    expect(e.location.key).toBe('trajectories.targets.regional_service_per_citizen');
    expect(e.location.hint).toMatch(/^did you mean "regional_services_per_citizen"\? valid keys: /);
  });

  it('tells to quote a code or id written as a number (YAML reads 851 and 2024 as numbers)', () => {
    const m = errorOf(base.replace("municipalities: ['851']", 'municipalities: [851]'));
    expect(m.location.key).toBe('municipalities.0');
    expect(m.location.hint).toContain("write the value in quotes, e.g. '851'");
    expect(m.location.hint).toContain('0180');
    const p = errorOf(base.replace("- id: '2024'", '- id: 2024'), 'da');
    expect(p.location.key).toBe('periods.0.id');
    expect(p.location.hint).toContain("skriv værdien i anførselstegn, fx '2024'");
    const s = errorOf(full.replace("period: '2024'", 'period: 2024'), 'sv');
    expect(s.location.key).toBe('sources.0.period');
    expect(s.location.hint).toContain("skriv värdet inom citattecken, t.ex. '2024'");
  });

  it('refuses an unknown check id, naming the source’s checks', () => {
    const e = errorOf(full.replace('volume_not_negative:', 'volume_not_negativ:'));
    expect(e.location.key).toBe('sources.0.checks.volume_not_negativ');
    expect(e.message).toBe('Unknown data-quality check "volume_not_negativ" for source "hjemmepleje"');
    expect(e.location.hint).toMatch(
      /^did you mean "volume_not_negative"\? use one of: .*"hours_per_day_max_24"/,
    );
  });

  it('refuses a pool target or weight that names nothing', () => {
    const code = errorOf(full.replace('targets: [HUS, SEL-83*]', 'targets: [HUS, SEL-38*]'));
    expect(code.location.key).toBe('costing.pools.0.targets.1');
    expect(code.message).toContain('"SEL-38*"');
    const pool = errorOf(full.replace('targets: [HUS, SEL-83*]', 'targets: [HUSE, SEL-83*]'));
    expect(pool.location.key).toBe('costing.pools.0.targets.0');
    expect(pool.location.hint).toContain('did you mean "HUS"?');
    const provider = errorOf(full.replace('SEL-83-PH@external]', 'SEL-83-PH@extern]'));
    expect(provider.location.key).toBe('costing.pools.1.targets.1');
    const weight = errorOf(full.replace('SEL-83-PP: 3', 'SEL-83-PQ: 3'));
    expect(weight.location.key).toBe('costing.pools.1.weights.SEL-83-PQ');
    expect(weight.location.hint).toContain('did you mean "SEL-83-PP"?');
    const method = errorOf(full.replace('codes: [SEL-83-MAD]', 'codes: [SEL-83-MADD]'));
    expect(method.location.key).toBe('costing.methods.0.codes.0');
    expect(method.location.hint).toContain('did you mean "SEL-83-MAD"?');
  });

  it('refuses a mapping option on a field that ignores it', () => {
    const values = errorOf(full.replace('person_id: CPR', 'person_id: { column: CPR, values: { x: y } }'));
    expect(values.location.key).toBe('sources.0.columns.person_id.values');
    expect(values.message).toBe('"values" has no effect on the field "person_id" (id)');
    const expr = errorOf(
      full.replace('volume: Timer', "volume: { expr: 'Minutter / 60', values: { x: 1 } }"),
    );
    expect(expr.location.key).toBe('sources.0.columns.volume.values');
    const format = errorOf(full.replace('volume: Timer', 'volume: { column: Timer, format: dd-mm-yyyy }'));
    expect(format.location.key).toBe('sources.0.columns.volume.format');
    expect(format.location.hint).toMatch(/^remove "format"; only start_date, end_date(, \w+)* use it$/);
    const target = errorOf(full.replace('Privat: external', 'Privat: externl'));
    expect(target.location.key).toBe('sources.0.columns.provider.values.Privat');
    expect(target.location.hint).toBe('did you mean "external"? use one of: "own", "external"');
    const unit = errorOf(full.replace('unit: { value: hour_granted }', 'unit: { value: hours_granted }'));
    expect(unit.location.key).toBe('sources.0.columns.unit.value');
    expect(unit.location.hint).toMatch(/^did you mean "hour_granted"\?/);
    const money = errorOf(full.replace('volume: Timer', 'volume: { column: Timer, money: ore }'));
    expect(money.location.key).toBe('sources.0.columns.volume.money');
  });

  it('refuses an unknown field, an unknown period and an undocumented pool kind, with the likely choice', () => {
    const field = errorOf(full.replace('volume: Timer', 'volumen: Timer'));
    expect(field.location.key).toBe('sources.0.columns.volumen');
    expect(field.location.hint).toContain('did you mean "volume"?');
    const period = errorOf(full.replace("period: '2024'", "period: '2042'"));
    expect(period.location.key).toBe('sources.0.period');
    expect(period.location.hint).toBe('did you mean "2024"? use one of: "2024"');
    const kind = errorOf(full.replace('kind: premises', 'kind: premisses'));
    expect(kind.location.key).toBe('costing.pools.1.kind');
    expect(kind.location.hint).toBe(
      'did you mean "premises"? use one of: "administration", "premises", "management", "other"',
    );
  });

  it('speaks Danish by default and Swedish on request', () => {
    const typo = full.replace('volume_not_negative:', 'volume_not_negativ:');
    const da = errorOf(typo, 'da');
    expect(da.message).toBe('Ukendt datakvalitetstjek "volume_not_negativ" for kilden "hjemmepleje"');
    expect(da.location.hint).toMatch(/^mente du "volume_not_negative"\? brug en af:/);
    const sv = errorOf(full.replace('delimiter:', 'delimitter:'), 'sv');
    expect(sv.message).toBe('Okänd nyckel "sources.0.csv.delimitter" i konfigurationen');
    expect(sv.location.hint).toMatch(/^menade du "delimiter"\? giltiga nycklar:/);
  });
});

describe('the init template', () => {
  it.each(['DK', 'SE'] as const)(
    '%s: its commented costing example (no ledger) is a valid config',
    (country) => {
      const t = configTemplate({
        country,
        municipality: country === 'DK' ? '851' : '0180',
        year: 2024,
        name: 'x',
      });
      const on = t.replace(/^# (costing:| {2}methods:| {4}- .*)$/gm, '$1');
      const c = parseConfig(on, 'tvaerblik.yaml', 'en');
      expect(c.costing!.translation_table).toBeUndefined();
      expect(c.costing!.methods.map((m) => m.method)).toEqual(['record_amount', 'price']);
    },
  );
});

describe('did you mean', () => {
  it('suggests a choice within a third of the word, and nothing for a far one', () => {
    expect(didYouMean('volume_not_negativ', ['volume_not_negative', 'no_duplicates'])).toBe(
      'volume_not_negative',
    );
    expect(didYouMean('threshhold', ['threshold'])).toBe('threshold');
    expect(didYouMean('admin', ['administration', 'other'])).toBe('administration');
    expect(didYouMean('NO', ['DK', 'SE'])).toBeUndefined();
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});
