import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBench } from '../../src/bench/harness.js';
import { formatResult, parseBenchArgs, TIERS, writeResult } from '../../src/bench/main.js';

const STAGES = [
  'generate',
  'floor_read',
  'import',
  'costing',
  'floor_cost',
  'trajectories',
  'analyses',
  'report',
  'api',
];

describe('benchmark harness (smallest size, no timed assertions)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tvaerblik-bench-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs every stage in one process and writes a JSON result with positive timings', async () => {
    const result = await runBench({ tier: 'XS', persons: 1000, dir, apiClients: 4, apiRequests: 40 });
    const file = writeResult(result, path.join(dir, 'results'));
    expect(path.basename(file)).toMatch(/^XS-\d{4}-\d{2}-\d{2}\.json$/);
    const json = JSON.parse(readFileSync(file, 'utf8')) as typeof result;

    expect(json.stages.map((s) => s.stage)).toEqual(STAGES);
    for (const s of json.stages) {
      expect(s.error, `${s.stage} failed`).toBeUndefined();
      expect(s.seconds, s.stage).toBeGreaterThan(0);
      expect(s.rows, s.stage).toBeGreaterThan(0);
      expect(s.peakRssBytes, s.stage).toBeGreaterThan(0);
    }
    // the import reads exactly the rows the bare read counted, and the generator wrote them
    const generated = json.demo.files.reduce((a, f) => a + f.rows, 0);
    expect(json.floors.read!.rows).toBe(generated);
    expect(json.floors.cost!.rows).toBeGreaterThan(0);
    expect(json.floors.costingOverFloor).toBeGreaterThan(0);
    expect(json.api!.uncached.requests).toBe(40);
    expect(json.api!.uncached.errors).toBe(0);
    expect(json.api!.cached.requests).toBe(40);
    expect(json.data.serviceUsers).toBeGreaterThan(0);
    expect(json.machine.cores).toBeGreaterThan(0);
    expect(json.machine.duckdb).toMatch(/^v\d/);
    expect(json.targets.length).toBeGreaterThan(0);
    expect(formatResult(json)).toContain('costing');
  });
});

describe('benchmark arguments', () => {
  it('takes the tier size, lets --persons override it and names a custom size by its persons', () => {
    expect(parseBenchArgs(['--tier', 'm']).persons).toBe(TIERS.M);
    expect(parseBenchArgs(['--tier', 'S', '--persons', '5000'])).toMatchObject({ tier: 'S', persons: 5000 });
    expect(parseBenchArgs(['--persons', '5_000']).tier).toBe('P5000');
    expect(parseBenchArgs(['--tier', 'L']).trajectoryContacts).toBe(5_000_000);
    // a series: its own result name, so it never overwrites the tier's
    expect(
      parseBenchArgs([
        '--tier',
        'L',
        '--country',
        'se',
        '--municipalities',
        '5',
        '--years',
        '3',
        '--api-clients',
        '20',
      ]),
    ).toMatchObject({ tier: 'L-SE5x3', country: 'SE', municipalities: 5, years: 3, apiClients: 20 });
    expect(() => parseBenchArgs(['--country', 'NO'])).toThrow(/DK or SE/);
  });

  it('refuses an unknown tier, option or size', () => {
    expect(() => parseBenchArgs(['--tier', 'XXL'])).toThrow(/Unknown tier/); // XL exists since issue 19
    expect(() => parseBenchArgs(['--fast', '1'])).toThrow(/Unknown option/);
    expect(() => parseBenchArgs(['--persons', '10'])).toThrow(/≥ 1000/);
  });
});
