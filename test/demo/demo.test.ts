import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { AnalysisConfigSchema } from '../../src/analysis/config.js';
import { parseConfig } from '../../src/config/workspace.js';
import { CalibrationRecorder, type Calibration } from '../../src/demo/calibration.js';
import { generateDemo, type DemoSummary } from '../../src/demo/generate.js';
import { createContext } from '../../src/demo/context.js';
import { generatePerson } from '../../src/demo/person.js';
import { profileFor } from '../../src/demo/profile.js';
import { loadTargets, missedTargets, numberMetrics } from '../../src/demo/targets.js';
import { openDuckDB } from '../../src/engine/duckdb.js';
import { parsePersonId } from '../../src/ids/person-id.js';
import { runCli } from '../helpers/cli.js';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'tvaerblik-demo-'));

function hashTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const f of readdirSync(d).sort()) {
      const p = path.join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else out[path.relative(dir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

/** Column names a source's config refers to. */
function configColumns(columns: Record<string, unknown>): string[] {
  return Object.values(columns)
    .map((m) => (typeof m === 'string' ? m : (m as { column?: string }).column))
    .filter((c): c is string => typeof c === 'string');
}

function calibrate(country: 'DK' | 'SE', persons: number, seed = 2024): Calibration {
  const ctx = createContext(profileFor(country), seed, 2024);
  const rec = new CalibrationRecorder(ctx.p0);
  for (let i = 0; i < persons; i++) rec.add(generatePerson(ctx, i));
  return rec.result();
}

describe('demo calibration, DK default size (generator records)', () => {
  let c: Calibration;
  const targets = () => loadTargets('DK', numberMetrics(c));
  beforeAll(() => {
    const t = loadTargets('DK');
    c = calibrate('DK', t.persons, t.seed);
  }, 120_000);

  it('meets every calibration target of tools/demo/data/calibration-dk.yaml (Aalborg figures)', () => {
    const t = targets();
    expect(t.persons).toBe(217_000);
    expect(t.targets.length).toBeGreaterThanOrEqual(13);
    expect(missedTargets(c, t.targets)).toEqual([]);
  });

  it('lets disability target groups dominate the top 2 %', () => {
    const tg = c.targetGroupsTop2;
    const disability =
      (tg.physical_disability ?? 0) + (tg.acquired_brain_injury ?? 0) + (tg.developmental_disability ?? 0);
    expect(disability / c.top2Persons).toBeGreaterThan(0.8);
  });

  it('has a growing share of mental illness as the cost interval falls', () => {
    const m = c.mentalIllnessShareByInterval;
    expect(m['>=1000000']!).toBeLessThan(m['250000-500000']!);
    expect(m['250000-500000']!).toBeLessThan(m['0-50000']!);
  });

  it('the regionally expensive are older than the adults on average', () => {
    expect(c.regionalExpensiveMeanAge).toBeGreaterThan(c.adultMeanAge + 3);
  });

  it('gives a 1/10 sample the same shares (scaling is proportional)', () => {
    const s = calibrate('DK', 21_700);
    expect(s.adultUsers / s.adults18to64).toBeCloseTo(c.adultUsers / c.adults18to64, 2);
    expect(Math.abs(s.adultCostMio * 10 - c.adultCostMio) / c.adultCostMio).toBeLessThan(0.1);
    expect(Math.abs(s.bottom78Share - c.bottom78Share)).toBeLessThan(0.03);
  });
});

describe('demo calibration, SE', () => {
  it('has cost per inhabitant rising steeply above 80 and ytterfall in ordinary housing', () => {
    const c = calibrate('SE', 40_000);
    const a = c.costPerInhabitantByAge;
    expect(a['80-84']!).toBeGreaterThan(2 * a['70-74']!);
    expect(a['90+']!).toBeGreaterThan(a['85-89']!);
    expect(a['85-89']!).toBeGreaterThan(a['80-84']!);
    // the most expensive case lives in ordinary housing and costs several times the dearest special-housing place
    expect(c.maxCostByArchetype.home_care!).toBeGreaterThan(2 * c.maxCostByArchetype.special_housing!);
  });
});

describe('demo workspace DK (small)', () => {
  let dir: string;
  let summary: DemoSummary;
  beforeAll(async () => {
    dir = tmp();
    summary = await generateDemo({ country: 'DK', persons: 4000, seed: 11, out: path.join(dir, 'a') });
  }, 120_000);

  it('writes a tvaerblik.yaml that validates, with a source for every extract', () => {
    const config = parseConfig(readFileSync(path.join(summary.dir, 'tvaerblik.yaml'), 'utf8'));
    expect(config.country).toBe('DK');
    expect(AnalysisConfigSchema.safeParse(config.analysis).success).toBe(true);
    expect(config.sources.map((s) => s.target).sort()).toEqual(
      [
        'gp_contact',
        'hospital_contact',
        'ledger',
        'person_attribute',
        'person_attribute',
        'person_attribute',
        'population',
        'residence',
        'service',
        'service',
        'service',
      ].sort(),
    );
    for (const s of config.sources) expect(existsSync(path.join(summary.dir, s.file))).toBe(true);
    for (const s of config.sources)
      if (s.codes) expect(existsSync(path.join(summary.dir, s.codes))).toBe(true);
    expect(existsSync(path.join(summary.dir, config.costing!.translation_table!))).toBe(true);
    expect(readFileSync(path.join(summary.dir, 'secrets', 'pseudonym.key'), 'utf8').trim()).toMatch(
      /^[0-9a-f]{64}$/,
    );
  });

  it('writes every extract so that it parses with the columns its config names', async () => {
    const config = parseConfig(readFileSync(path.join(summary.dir, 'tvaerblik.yaml'), 'utf8'));
    for (const s of config.sources) {
      const file = path.join(summary.dir, s.file);
      const wanted = configColumns(s.columns);
      let header: string[];
      let first: string[];
      if (s.format === 'excel') {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(file);
        const ws = wb.getWorksheet(s.excel!.sheet!)!;
        expect(ws, s.id).toBeDefined();
        header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
        first = (ws.getRow(2).values as unknown[])
          .slice(1)
          .map((v) => (v instanceof Date ? 'date' : String(v)));
        // dates are real Excel date cells
        const dateCol = header.indexOf(s.target === 'service' ? 'Startdato' : 'Fra') + 1;
        expect(ws.getRow(2).getCell(dateCol).value).toBeInstanceOf(Date);
      } else {
        const bytes = readFileSync(file);
        const text =
          s.csv!.encoding === 'windows-1252' ? iconv.decode(bytes, 'win1252') : bytes.toString('utf8');
        const lines = text.split(/\r?\n/);
        header = lines[0]!.split(s.csv!.delimiter);
        first = lines[1]!.split(s.csv!.delimiter);
        expect(first.length, s.id).toBe(header.length);
      }
      for (const c of wanted) expect(header, `${s.id}: ${c}`).toContain(c);
    }
  });

  it('writes Danish legacy formats in the family & employment extract', () => {
    const text = iconv.decode(
      readFileSync(path.join(summary.dir, 'extracts/fb-ydelser-2024.csv')),
      'win1252',
    );
    expect(text).toContain('Beløb kr.');
    expect(text).toMatch(/;\d{2}-\d{2}-2024;/);
    expect(text).toMatch(/;\d{1,3}(\.\d{3})*,\d{2};/);
    expect(
      readFileSync(path.join(summary.dir, 'extracts/fb-ydelser-2024.csv')).includes(Buffer.from('ø', 'utf8')),
    ).toBe(false);
  });

  it('issues unique valid-format CPR numbers, some failing modulus 11 on purpose', () => {
    const text = readFileSync(path.join(summary.dir, 'extracts/cpr-bopael.csv'), 'utf8');
    const ids = text
      .split('\n')
      .slice(1)
      .filter(Boolean)
      .map((l) => l.split(';')[0]!);
    expect(new Set(ids).size).toBe(ids.length);
    let mod11 = 0;
    for (const id of ids) {
      const r = parsePersonId(id, 'DK');
      expect(r.ok).toBe(true);
      if (r.ok && r.warnings.includes('cpr_mod11_fail')) mod11++;
    }
    expect(mod11).toBeGreaterThan(0);
  });

  it('exports the planted flaws at rows that hold them', () => {
    const kinds = summary.flaws.map((f) => f.kind);
    expect(kinds.filter((k) => k === 'unmapped_code').length).toBeGreaterThanOrEqual(8);
    for (const k of ['end_before_start', 'volume_over_24h_per_day', 'duplicate_row'] as const)
      expect(kinds).toContain(k);
    const sk = readFileSync(path.join(summary.dir, 'extracts/sundhed-kultur-2024.csv'), 'utf8').split('\n');
    const dup = summary.flaws.find((f) => f.kind === 'duplicate_row')!;
    expect(sk[dup.row]).toBe(sk[dup.row - 1]);
    for (const f of summary.flaws.filter(
      (x) => x.kind === 'unmapped_code' && x.source === 'sundhed_kultur',
    )) {
      expect(sk[f.row]!.split(',')[1]).toBe(f.localCode);
    }
    const fb = iconv
      .decode(readFileSync(path.join(summary.dir, 'extracts/fb-ydelser-2024.csv')), 'win1252')
      .split('\r\n');
    const ebs = summary.flaws.find((f) => f.kind === 'end_before_start')!;
    const [, , , from, to] = fb[ebs.row]!.split(';');
    const iso = (d: string) => d.split('-').reverse().join('-');
    expect(iso(to!) < iso(from!)).toBe(true);
  });

  it('plants two KMF invoice deviations in the hospital extract', () => {
    expect(summary.kmfDeviations).toHaveLength(2);
    const lines = readFileSync(
      path.join(summary.dir, 'extracts/region-sygehuskontakter-2024.csv'),
      'utf8',
    ).split('\n');
    for (const d of summary.kmfDeviations) {
      const cells = lines[d.row]!.split(';');
      expect(cells[1]).toBe(d.contactId);
      expect(Math.round(Number(cells[14]) * 100)).toBe(d.invoicedMinor);
      expect(d.invoicedMinor).toBe(2 * d.rateTableMinor);
    }
  });

  it('translates every local code it uses (except the planted ones) to a catalogue code in catalogues/dk.yaml', () => {
    const catalogue = readFileSync(path.resolve('catalogues/dk.yaml'), 'utf8');
    for (const s of profileFor('DK').services)
      expect(catalogue, s.catalogue).toContain(`code: ${s.catalogue}\n`);
  });

  it('gives byte-identical files for the same seed and different ones for another seed', async () => {
    const again = await generateDemo({ country: 'DK', persons: 4000, seed: 11, out: path.join(dir, 'b') });
    expect(hashTree(again.dir)).toEqual(hashTree(summary.dir));
    const other = await generateDemo({ country: 'DK', persons: 4000, seed: 12, out: path.join(dir, 'c') });
    expect(hashTree(other.dir)['extracts/cpr-bopael.csv']).not.toBe(
      hashTree(summary.dir)['extracts/cpr-bopael.csv'],
    );
  }, 120_000);

  it('refuses to write into a folder that has content', async () => {
    await expect(generateDemo({ country: 'DK', persons: 1000, out: summary.dir })).rejects.toThrow(
      /not empty/,
    );
  });
});

describe('demo workspace, large-size path (Parquet instead of Excel)', () => {
  it('writes the elderly & disability extract as Parquet, deterministically, and names it in the config', async () => {
    const dir = tmp();
    const a = await generateDemo({
      country: 'DK',
      persons: 2000,
      seed: 5,
      out: path.join(dir, 'a'),
      parquetAbove: 1000,
    });
    const b = await generateDemo({
      country: 'DK',
      persons: 2000,
      seed: 5,
      out: path.join(dir, 'b'),
      parquetAbove: 1000,
    });
    expect(hashTree(a.dir)).toEqual(hashTree(b.dir));
    const config = parseConfig(readFileSync(path.join(a.dir, 'tvaerblik.yaml'), 'utf8'));
    const ah = config.sources.find((s) => s.id === 'aeldre_handicap')!;
    expect(ah.format).toBe('parquet');
    const engine = await openDuckDB({ file: ':memory:' });
    try {
      const rows = await engine.all(`SELECT * FROM read_parquet('${path.join(a.dir, ah.file)}') LIMIT 1`);
      for (const c of configColumns(ah.columns)) expect(Object.keys(rows[0]!)).toContain(c);
    } finally {
      await engine.close();
    }
  }, 120_000);
});

describe('demo workspace SE (small)', () => {
  it('writes personnummer with Luhn digits, a few samordningsnummer, and a config that validates', async () => {
    const s = await generateDemo({ country: 'SE', persons: 6000, seed: 3, out: path.join(tmp(), 'se') });
    const config = parseConfig(readFileSync(path.join(s.dir, 'tvaerblik.yaml'), 'utf8'));
    expect(config.country).toBe('SE');
    expect(config.municipalities).toEqual(['1980']);
    const ids = readFileSync(path.join(s.dir, 'extracts/folkbokforing.csv'), 'utf8')
      .split('\n')
      .slice(1)
      .filter(Boolean)
      .map((l) => l.split(';')[0]!);
    const schemes = new Set<string>();
    for (const id of ids) {
      const r = parsePersonId(id, 'SE');
      expect(r.ok).toBe(true);
      if (r.ok) schemes.add(r.scheme);
    }
    expect(schemes).toEqual(new Set(['personnummer', 'samordningsnummer']));
    // KPB unit costs in the published ranges (SKL): home care 300–460 SEK per granted hour, special housing ≈1,800 a day.
    expect(s.unitCosts['SOL-HT-BEV']).toBeGreaterThanOrEqual(300);
    expect(s.unitCosts['SOL-HT-BEV']).toBeLessThanOrEqual(460);
    expect(s.unitCosts['SOL-SABO']).toBeCloseTo(1800, -2);
  }, 120_000);
});

describe('demo through the real import and costing', () => {
  it('imports every extract, finds the planted flaws, and costing reproduces the generator’s unit costs', async () => {
    const { openWorkspace } = await import('../../src/config/workspace.js');
    const { createOutput } = await import('../../src/cli/output.js');
    const { createSchema } = await import('../../src/model/warehouse.js');
    const { importSources } = await import('../../src/ingest/index.js');
    const { runCosting } = await import('../../src/costing/index.js');
    const summary = await generateDemo({
      country: 'DK',
      persons: 3000,
      seed: 21,
      out: path.join(tmp(), 'imp'),
    });
    const ws = openWorkspace(summary.dir);
    const engine = await openDuckDB({ file: ':memory:' });
    const out = createOutput({ json: true, lang: 'en', stdout: () => {}, stderr: () => {} });
    try {
      await createSchema(engine);
      const imported = await importSources(ws, engine, out);
      expect(imported.stopped).toBe(false);
      for (const s of imported.sources) {
        expect(s.status, s.source).toBe('loaded');
        expect(s.rows_rejected, s.source).toBe(0);
      }
      const violated = async (source: string, check: string) =>
        Number(
          (
            await engine.one(
              `SELECT coalesce(sum(rows_violated), 0) AS n FROM dq_result WHERE source_id = $s AND check_id = $c`,
              { s: source, c: check },
            )
          ).n,
        );
      for (const source of ['aeldre_handicap', 'fb_ydelser', 'sundhed_kultur']) {
        const planted = summary.flaws.filter((f) => f.kind === 'unmapped_code' && f.source === source).length;
        expect(await violated(source, 'local_code_mapped'), source).toBe(planted);
      }
      expect(await violated('fb_ydelser', 'end_not_before_start')).toBe(1);
      expect(await violated('aeldre_handicap', 'hours_per_day_max_24')).toBe(1);
      expect(await violated('sundhed_kultur', 'no_duplicates')).toBeGreaterThanOrEqual(1);

      const costing = await runCosting(ws, engine, out);
      expect(costing.warnings).toEqual([]);
      expect(costing.attributedOutsideLedgerMinor).toBe(0n);
      // Kpb unit costs come back exactly as the generator priced them (no pools on these codes' units).
      const unit = async (code: string) =>
        (
          await engine.one(
            `SELECT unit_cost_minor AS u FROM cost_unit WHERE catalogue_code = $c ORDER BY volume DESC LIMIT 1`,
            { c: code },
          )
        ).u;
      expect(Number(await unit('SEL-104'))).toBeCloseTo(69_000, 0);
      expect(Number(await unit('BL-30'))).toBeCloseTo(340_000, 0);
      // Person-level municipal cost within 2 % of the generator's own total.
      const own = Number(
        (await engine.one(`SELECT sum(cost_minor) AS c FROM cost_person WHERE method <> 'kmf'`)).c,
      );
      const generated = summary.calibration.totalMunicipalMinor;
      expect(Math.abs(own - generated) / generated).toBeLessThan(0.02);
    } finally {
      await engine.close();
    }
  }, 180_000);
});

describe('tvaerblik demo (CLI)', () => {
  it('writes a workspace and prints the summary as JSON', async () => {
    const out = path.join(tmp(), 'cli');
    const r = await runCli(['demo', '--persons', '1000', '--seed', '3', '--out', out, '--json']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as DemoSummary;
    expect(s.persons).toBe(1000);
    expect(s.seed).toBe(3);
    expect(existsSync(path.join(out, 'tvaerblik.yaml'))).toBe(true);
    // the summary never carries a person id
    expect(r.stdout).not.toMatch(/\b\d{6}-\d{4}\b/);
  }, 60_000);

  it('refuses a size out of range and an unknown country with a usage error naming the option', async () => {
    const a = await runCli(['demo', '--persons', '12', '--out', path.join(tmp(), 'x'), '--json']);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('--persons');
    const b = await runCli(['demo', '--country', 'NO', '--out', path.join(tmp(), 'y'), '--json']);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('--country');
  });
});
