/**
 * Kolada (docs/kolada.md): the worked example of docs/costing.md, filed under a Swedish municipality
 * code (1280), exports its KPB key figures in the JSON of Kolada's API and is set beside a synthetic
 * file of "published" values (test/federation/fixtures/kolada-kpb.json; made up, not Kolada's figures).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../src/config/workspace.js';
import { UserError } from '../../src/errors.js';
import { publishedKeyFigures } from '../../src/federation/export.js';
import {
  compareKolada,
  ownFigures,
  readKoladaFile,
  toKolada,
  type OwnFigure,
} from '../../src/federation/kolada.js';
import { malmoWorkspace } from './two-bundles.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/kolada-kpb.json', import.meta.url));
let ws: Workspace;
let own: OwnFigure[];

beforeAll(async () => {
  ws = await malmoWorkspace();
  own = ownFigures(await publishedKeyFigures(ws), new Map([['2024', '2024-12-31']]));
}, 60_000);

describe('Kolada', () => {
  it('exports the key figures in the JSON of Kolada’s API, a hidden figure with value null', () => {
    expect(toKolada(own)).toEqual({
      count: 2,
      values: [
        // 1,051,562.50 kr over 2,500 granted hours (docs/costing.md) = 420.625 → 420.63
        {
          kpi: 'U21003',
          municipality: '1280',
          period: 2024,
          values: [{ gender: 'T', count: 1, status: '', value: 420.63 }],
        },
        // three citizens in special housing: below the threshold of 5, hidden
        {
          kpi: 'U23004',
          municipality: '1280',
          period: 2024,
          values: [{ gender: 'T', count: 1, status: '', value: null }],
        },
      ],
    });
  });

  it('sets the own figures beside the published ones, with the difference', () => {
    const rows = compareKolada(own, readKoladaFile(FIXTURE), ws.config.municipalities);
    expect(rows).toEqual([
      // 2023: the workspace has no such period; Kolada's total is missing
      {
        kpi: 'U21003',
        municipality: '1280',
        period: 2023,
        own: null,
        own_suppressed: null,
        published: null,
        status: 'Missing',
        difference: null,
        difference_share: null,
      },
      // 420.63 − 400.50 = 20.13; 20.13 / 400.50 = 0.050262… → 0.0503
      {
        kpi: 'U21003',
        municipality: '1280',
        period: 2024,
        own: '420.63',
        own_suppressed: null,
        published: 400.5,
        status: '',
        difference: '20.13',
        difference_share: '0.0503',
      },
      {
        kpi: 'U23004',
        municipality: '1280',
        period: 2024,
        own: null,
        own_suppressed: 'small',
        published: 2950,
        status: '',
        difference: null,
        difference_share: null,
      },
      // published for the municipality, not computed by the workspace (no LSS in the example)
      {
        kpi: 'U28033',
        municipality: '1280',
        period: 2024,
        own: null,
        own_suppressed: null,
        published: 812345,
        status: '',
        difference: null,
        difference_share: null,
      },
    ]);
    // the other municipality in the file (0180) is not the workspace's and is left out
  });

  it('reads back its own export with no difference', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'tvaerblik-kolada-')), 'own.json');
    writeFileSync(file, JSON.stringify(toKolada(own)));
    const rows = compareKolada(own, readKoladaFile(file), ['1280']);
    expect(rows.find((r) => r.kpi === 'U21003')).toMatchObject({
      difference: '0.00',
      difference_share: '0.0000',
    });
  });

  it('names the file and what is wrong when it is not Kolada’s format', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'tvaerblik-kolada-')), 'bad.json');
    writeFileSync(file, JSON.stringify({ values: [{ kpi: 'U21003', municipality: '1280', values: [] }] }));
    const e = (() => {
      try {
        readKoladaFile(file);
      } catch (x) {
        return x as UserError;
      }
    })()!;
    expect(e).toBeInstanceOf(UserError);
    expect(e.message).toBe(`${file} is not in the format of Kolada's API: values[0] is missing or wrong.`);
    expect(e.location.hint).toMatch(/kpi, municipality, period and values/);
  });

  describe('a file as Kolada and the tools around it deliver it', () => {
    const write = (doc: unknown) => {
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'tvaerblik-kolada-')), 'kolada.json');
      writeFileSync(file, JSON.stringify(doc));
      return file;
    };
    const refusal = (f: () => unknown) => {
      try {
        f();
      } catch (x) {
        return x as UserError;
      }
      throw new Error('expected a refusal');
    };

    it('takes the total of a gender-split figure, a code that lost its zero, a decimal comma and periods on the values', () => {
      const file = write({
        values: [
          {
            kpi: 'U21003',
            municipality: 1280, // a number: still Malmö
            period: 2024,
            values: [
              { gender: 'K', count: 1, status: '', value: 380 },
              { gender: 'M', count: 1, status: '', value: 420 },
              { gender: 'T', count: 1, status: '', value: '400,50' },
            ],
          },
          // the answer by municipality: one data point, a period on each value
          {
            kpi: 'U23004',
            municipality: '580',
            values: [
              { period: 2023, gender: 'T', count: 1, status: '', value: 1500 },
              { period: 2024, gender: 'T', count: 1, status: 'Saknas', value: null },
            ],
          },
        ],
      });
      expect(readKoladaFile(file, ['1280'])).toEqual([
        { kpi: 'U21003', municipality: '1280', period: 2024, value: 400.5, status: '' },
        { kpi: 'U23004', municipality: '0580', period: 2023, value: 1500, status: '' },
        { kpi: 'U23004', municipality: '0580', period: 2024, value: null, status: 'Saknas' },
      ]);
      // own 420.63 − published 400.50 = 20.13 kr, as in the worked example
      const row = compareKolada(own, readKoladaFile(file, ['1280']), ['1280']).find(
        (r) => r.kpi === 'U21003',
      );
      expect(row).toMatchObject({ published: 400.5, difference: '20.13' });
    });

    it('refuses one page of a paged answer, which would show the other pages as not published', () => {
      const file = write({
        count: 1,
        next_page: 'http://api.kolada.se/v2/data/kpi/U21003/year/2024?page=2&per_page=1',
        values: [
          { kpi: 'U21003', municipality: '0180', period: 2024, values: [{ gender: 'T', value: 500 }] },
        ],
      });
      const e = refusal(() => readKoladaFile(file, ['1280']));
      expect(e.message).toContain('is one page of a longer answer from Kolada');
      expect(e.localise!('da').message).toContain('er én side af et længere svar fra Kolada');
    });

    it('refuses a file with no figure for the workspace’s municipalities, naming both', () => {
      const file = write({
        values: [
          { kpi: 'U21003', municipality: '0180', period: 2024, values: [{ gender: 'T', value: 500 }] },
        ],
      });
      const e = refusal(() => readKoladaFile(file, ['1280']));
      expect(e.message).toBe(
        `${file} has no figure for this workspace's municipalities (1280); it has 0180.`,
      );
      expect(e.localise!('sv').message).toContain('har inget värde för arbetsytans kommuner (1280)');
    });
  });

  it('files only calendar-year periods under a Kolada year: a half-year is no annual figure', () => {
    const table = {
      name: 'key_figures',
      columns: [],
      rows: [
        { key_figure: 'U21003', municipality: '1280', period: '2024', value: '420.63', suppressed: null },
        { key_figure: 'U21003', municipality: '1280', period: '2025-H1', value: '431.00', suppressed: null },
        { key_figure: 'U21003', municipality: '1280', period: '2025-H2', value: '440.00', suppressed: null },
        { key_figure: 'U21003', municipality: '1280', period: 'FY2026', value: '450.00', suppressed: null },
      ],
    } as unknown as Parameters<typeof ownFigures>[0];
    const spans = new Map([
      ['2024', { from: '2024-01-01', to: '2024-12-31' }],
      ['2025-H1', { from: '2025-01-01', to: '2025-06-30' }],
      ['2025-H2', { from: '2025-07-01', to: '2025-12-31' }], // ends on 31 December, but is half a year
      ['FY2026', { from: '2026-01-01', to: '2026-12-31' }], // any id, a whole calendar year
    ]);
    expect(ownFigures(table, spans).map((f) => [f.period, f.value])).toEqual([
      [2024, '420.63'],
      [2026, '450.00'],
    ]);
  });
});
