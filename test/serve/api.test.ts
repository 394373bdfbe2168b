import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDuckDB } from '../../src/engine/duckdb.js';
import { startServer, type RunningServer } from '../../src/serve/server.js';
import { SECRET_COST_MINOR, writeFixtureWarehouse } from './fixture.js';

let server: RunningServer;
let warehouse: string;
const logged: string[] = [];

beforeAll(async () => {
  warehouse = await writeFixtureWarehouse();
  server = await startServer({
    warehouse,
    config: { name: 'Test', country: 'DK', currency: 'DKK', municipalities: ['851', '461'] },
    threshold: 5,
    port: 0,
    recheckMs: 0,
    log: (l) => logged.push(l),
  });
});
afterAll(async () => server?.close());

async function get(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; type: string; text: string; body: Buffer }> {
  const res = await fetch(new URL(path, server.url), { headers });
  const body = Buffer.from(await res.arrayBuffer());
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    text: body.toString('utf8'),
    body,
  };
}

async function getJson<T = Record<string, unknown>>(path: string): Promise<T> {
  const r = await get(path);
  expect(r.status, r.text).toBe(200);
  return JSON.parse(r.text) as T;
}

interface TableJson {
  rows: Record<string, unknown>[];
  total: number;
  ignored: string[];
  columns: { name: string; kind: string }[];
}

describe('serve: API', () => {
  it('binds to 127.0.0.1 by default and says where', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('serves marts and aggregate tables, never person-level tables', async () => {
    const tables = await getJson<{ name: string }[]>('/api/tables');
    const names = tables.map((t) => t.name).sort();
    expect(names).toEqual([
      'cost_unit',
      'import_log',
      'mart_cost_interval',
      'mart_department_matrix',
      'mart_interval_mix',
      'mart_key_figure',
      'mart_lorenz',
    ]);
    const r = await get('/api/tables/cost_person');
    expect(r.status).toBe(404);
    expect(r.text).not.toContain('a'.repeat(64));
  });

  it('filters rows by period and municipality, and names the kinds of columns', async () => {
    const all = await getJson<TableJson>('/api/tables/mart_cost_interval');
    expect(all.total).toBe(9);
    const one = await getJson<TableJson>('/api/tables/mart_cost_interval?period=2024&municipality=461');
    expect(one.rows.map((r) => r.persons)).toEqual([110, 80, 30]);
    const two = await getJson<TableJson>(
      '/api/tables/mart_cost_interval?municipality=461&municipality=851&period=2023',
    );
    expect(two.rows.map((r) => r.persons)).toEqual([110, 110]);
    const byInterval = await getJson<TableJson>('/api/tables/mart_cost_interval?interval_no=1&period=2024');
    expect(byInterval.rows.map((r) => r.persons)).toEqual([80, 120]);
    expect(Object.fromEntries(all.columns.map((c) => [c.name, c.kind]))).toMatchObject({
      persons: 'count',
      cost_minor: 'money',
      grp: 'text',
      interval_no: 'number',
    });
  });

  it('gives no rows (not an error) for a value another table has', async () => {
    const r = await getJson<TableJson>('/api/tables/mart_lorenz?municipality=461');
    expect(r.total).toBe(0);
  });

  it('ignores a standard filter a table has no column for, and says so', async () => {
    const r = await getJson<TableJson>('/api/tables/mart_lorenz?law=Serviceloven');
    expect(r.ignored).toEqual(['law']);
    expect(r.total).toBe(4);
  });

  it('sorts and pages', async () => {
    const r = await getJson<TableJson>('/api/tables/mart_cost_interval?sort=-persons&limit=2&offset=1');
    expect(r.rows.map((x) => x.persons)).toEqual([120, 110]);
    expect(r.total).toBe(9);
  });

  it('hides a cell of fewer than 5 persons, and one more so it cannot be subtracted, in JSON, CSV and Excel', async () => {
    const rows = (await getJson<TableJson>('/api/tables/mart_cost_interval?municipality=851&period=2024'))
      .rows;
    const byInterval = Object.fromEntries(rows.map((r) => [r.interval_no as number, r]));
    expect(byInterval[3]!.persons).toBeNull();
    expect(byInterval[3]!.cost_minor).toBeNull();
    expect(byInterval[3]!._hidden).toEqual(expect.arrayContaining(['persons', 'cost_minor', 'mean_minor']));
    expect(byInterval[3]!._reason).toBe('small');
    expect(byInterval[2]!._reason).toBe('secondary');
    // the total (interval 0) is published, so another part is hidden too (secondary suppression)
    expect(byInterval[0]!.persons).toBe(162);
    expect(byInterval[2]!._hidden).toEqual(expect.arrayContaining(['persons', 'cost_minor']));
    expect(byInterval[1]!.persons).toBe(120);

    const secret = new RegExp(
      `(^|[^0-9])(${SECRET_COST_MINOR}|${SECRET_COST_MINOR / 100n}[.,]43|4938271|49382[.,]71)([^0-9]|$)`,
    );
    for (const path of [
      '/api/tables/mart_cost_interval',
      '/api/tables/mart_cost_interval.csv?lang=en',
      '/api/tables/mart_cost_interval.csv',
    ]) {
      const r = await get(path);
      expect(r.status).toBe(200);
      expect(r.text).not.toMatch(secret);
      if (!path.includes('.csv')) expect(r.text).not.toMatch(/"persons":2[,}]/);
    }
    const csv = await get('/api/tables/mart_cost_interval.csv');
    // interval bounds are configuration, not data: they stay visible on hidden rows
    expect(csv.text).toContain('2024;851;all;2;50000,00;250000,00;x;x;x;x');
    // "< 5" only in the persons column: a hidden amount never reads as less than 5 kroner
    expect(csv.text).toContain('2024;851;all;3;250000,00;;< 5;x;x;x');

    const x = await get('/api/tables/mart_cost_interval.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.body as unknown as ArrayBuffer);
    const values = wb.worksheets[0]!.getSheetValues().flat().map(String);
    expect(values).toContain('< 5');
    expect(values.some((v) => secret.test(v) || v === '98765.43')).toBe(false);
  });

  it('writes CSV the way the language reads it, money in kroner to the øre', async () => {
    const da = (await get('/api/tables/cost_unit.csv')).text;
    expect(da.charCodeAt(0)).toBe(0xfeff);
    const [head, line] = da.slice(1).trim().split('\r\n');
    expect(head).toContain('Periode;Kommune;Ydelse (katalogkode)');
    expect(line).toBe('2024;851;DK-HOME;hour_granted;1000;300000,00;50000,00;20000,00;370000,00;370,00;50');
    const en = (await get('/api/tables/cost_unit.csv?lang=en')).text;
    expect(en.trim().split('\r\n')[1]).toBe(
      '2024,851,DK-HOME,hour_granted,1000,300000.00,50000.00,20000.00,370000.00,370.00,50',
    );
  });

  it('escapes text cells that a spreadsheet would run as a formula', async () => {
    const csv = (await get('/api/tables/mart_interval_mix.csv')).text;
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    const x = await get('/api/tables/mart_interval_mix.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.body as unknown as ArrayBuffer);
    const cells = wb.worksheets[0]!.getSheetValues().flat().map(String);
    expect(cells).toContain(`'=HYPERLINK("x")`);
    expect(x.type).toContain('spreadsheetml');
  });

  it('answers bad parameters with 400 and a message naming the fix, never a stack trace', async () => {
    const cases: [string, number, RegExp][] = [
      [
        '/api/tables/mart_cost_interval?municipality=999',
        400,
        /Unknown value "999" for "municipality".*Known values: 461, 851/,
      ],
      ['/api/tables/mart_cost_interval?colour=red', 400, /Unknown parameter "colour".*Allowed: period/],
      ['/api/tables/mart_cost_interval?limit=abc', 400, /"limit" must be a whole number/],
      ['/api/tables/mart_cost_interval?limit=0', 400, /"limit" must be a whole number from 1/],
      ['/api/tables/mart_cost_interval?sort=-nope', 400, /Cannot sort by "nope"/],
      ['/api/tables/mart_cost_interval?lang=de', 400, /"lang" must be one of da, sv, en/],
      ["/api/tables/mart_cost_interval?period=2024'%20OR%201=1--", 400, /Unknown value/],
      ['/api/tables/no_such_table', 404, /Unknown table "no_such_table". Known tables: cost_unit/],
      ['/api/nothing', 404, /No such endpoint/],
    ];
    for (const [path, status, message] of cases) {
      const r = await get(path, { 'accept-language': 'en-GB,en;q=0.9' });
      expect(r.status, path).toBe(status);
      const body = JSON.parse(r.text) as { error: string };
      expect(body.error).toMatch(message);
      expect(r.text).not.toMatch(/\bat .*\.(ts|js):\d+/);
    }
    expect(logged).toEqual([]);
  });

  it("answers bad parameters in the reader's language (Danish by default), with 'did you mean'", async () => {
    const cases: [string, Record<string, string>, string][] = [
      // "perod" is one letter from "period", "mart_lorenzz" one from "mart_lorenz": a typo each
      [
        '/api/tables/mart_cost_interval?perod=2024',
        {},
        'Ukendt parameter "perod" til tabellen mart_cost_interval.',
      ],
      ['/api/tables/mart_cost_interval?perod=2024', { 'accept-language': 'sv-SE' }, 'Menade du period?'],
      ['/api/tables/mart_cost_interval?perod=2024', { 'accept-language': 'en' }, 'Did you mean period?'],
      ['/api/tables/mart_cost_interval?perod=2024', {}, 'Mente du period?'],
      ['/api/tables/mart_lorenzz', {}, 'Mente du mart_lorenz?'],
      [
        '/api/tables/mart_cost_interval?lang=dk',
        {},
        '"lang" skal være da, sv eller en, fik "dk" Mente du da?',
      ],
      ['/api/tables/mart_cost_interval?sort=-persns', { 'accept-language': 'en' }, 'Did you mean persons?'],
      ['/api/nothing', {}, 'Der er intet endepunkt på "/api/nothing". Se /api/openapi.json'],
    ];
    for (const [path, headers, message] of cases) {
      const r = await get(path, headers);
      expect((JSON.parse(r.text) as { error: string }).error, path).toContain(message);
    }
  });

  it('refuses to change anything', async () => {
    const res = await fetch(new URL('/api/tables/mart_lorenz', server.url), { method: 'POST', body: '{}' });
    expect(res.status).toBe(405);
  });

  it('describes itself with OpenAPI', async () => {
    const spec = await getJson<{
      openapi: string;
      paths: Record<string, unknown>;
      info: { description: string };
    }>('/api/openapi.json');
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        '/api/tables/{table}',
        '/api/tables/{table}.csv',
        '/api/tables/{table}.xlsx',
        '/api/meta',
      ]),
    );
    expect(spec.info.description).toContain('fewer than 5 persons');
  });

  it('gives the dashboard its pages, with the tables the warehouse has', async () => {
    const meta = await getJson<{
      filters: Record<string, string[]>;
      pages: { id: string; panels: { id: string; table: string | null }[] }[];
    }>('/api/meta');
    expect(meta.filters.municipality).toEqual(['461', '851']);
    expect(meta.filters.period).toEqual(['2023', '2024']);
    const panels = Object.fromEntries(meta.pages.flatMap((p) => p.panels.map((x) => [x.id, x.table])));
    expect(panels.lorenz).toBe('mart_lorenz');
    expect(panels.intervals).toBe('mart_cost_interval');
    expect(panels['unit-costs']).toBe('cost_unit');
    expect(panels.dq).toBeNull();
  });

  it('does not hold the warehouse: a new run can write it, and the server then shows the new results', async () => {
    await getJson('/api/meta'); // cached before the write
    const writer = await openDuckDB({ file: warehouse });
    await writer.exec(`INSERT INTO mart_lorenz VALUES ('2025', '851', 'all', 0, 0, 0, 0, 0, 0)`);
    await writer.close();
    const meta = await getJson<{ filters: Record<string, string[]> }>('/api/meta');
    expect(meta.filters.period).toEqual(['2023', '2024', '2025']);
  });

  it('sends security headers and refuses paths outside the web folders', async () => {
    const res = await fetch(new URL('/api/health', server.url));
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    for (const p of ['/../package.json', '/app/../../package.json', '/%2e%2e/package.json', '/.env']) {
      expect((await get(p)).status, p).toBe(404);
    }
  });
});
