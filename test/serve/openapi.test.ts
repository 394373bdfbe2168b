/**
 * The OpenAPI document describes every mart's rows from the header of its model (sql/analysis/<mart>.sql):
 * each declared column with its JSON type and a description made of its label, kind and unit.
 */
import { describe, expect, it } from 'vitest';
import { analysisModels } from '../../src/analysis/models.js';
import { MART_TABLES } from '../../src/publish/index.js';
import type { Catalog, TableInfo } from '../../src/serve/catalog.js';
import { openApi } from '../../src/serve/openapi.js';

type Schema = {
  properties: Record<string, { type: string | string[]; description: string; 'x-kind': string }>;
};

function catalog(tables: TableInfo[]): Catalog {
  return {
    tables: new Map(tables.map((t) => [t.name, t])),
    source: 'wh.duckdb',
    loadedAt: '2026-01-01T00:00:00Z',
    threshold: 5,
  };
}

describe('the OpenAPI document describes the marts from their model headers', () => {
  it('every column of every published mart appears with a type and a description', () => {
    const doc = openApi(catalog([]), '0.0.0') as { components: { schemas: Record<string, Schema> } };
    const missing: string[] = [];
    for (const mart of MART_TABLES)
      for (const c of mart.columns) {
        const p = doc.components.schemas[mart.mart]?.properties[c.name];
        if (!p || !p.description.startsWith(`${c.label.en}: `) || p['x-kind'] !== c.kind)
          missing.push(`${mart.mart}.${c.name}`);
      }
    expect(MART_TABLES.length).toBeGreaterThan(10);
    expect(missing).toEqual([]);
    // and nothing but the declared columns (and the suppression marks)
    for (const m of analysisModels().filter((x) => x.header))
      expect(Object.keys(doc.components.schemas[m.table]!.properties)).toEqual([
        ...m.header!.columns.map((c) => c.name),
        '_hidden',
        '_reason',
      ]);
  });

  it("takes a column's type from the snapshot, else from its kind, and states the unit", () => {
    const headline = MART_TABLES.find((m) => m.mart === 'mart_headline')!;
    const columns = headline.columns.map((c) => ({
      name: c.name,
      type: c.kind === 'key' ? 'VARCHAR' : c.kind === 'share' ? 'DECIMAL(18,4)' : 'BIGINT',
      kind: 'number' as const,
      filterable: c.kind === 'key',
    }));
    const info: TableInfo = { name: 'mart_headline', columns, rows: 1, hiddenCells: 0, values: {} };
    const doc = openApi(catalog([info]), '0.0.0') as {
      paths: Record<string, unknown>;
      components: { schemas: Record<string, Schema> };
    };
    const props = doc.components.schemas.mart_headline!.properties;
    const persons = headline.columns.find((c) => c.kind === 'persons')!.name;
    expect(props[persons]!.type).toEqual(['integer', 'null']); // a hidden cell is null
    const key = headline.columns.find((c) => c.kind === 'key')!.name;
    expect(props[key]!.type).toBe('string'); // a key is never hidden
    // the snapshot's marts get a path of their own whose rows follow the mart's schema
    expect(JSON.stringify(doc.paths['/api/tables/mart_headline'])).toContain(
      '#/components/schemas/mart_headline',
    );
    expect(doc.paths['/api/tables/mart_lorenz']).toBeUndefined(); // not in this snapshot
    // without the snapshot, money is an integer of minor units and a share a number
    const bare = openApi(catalog([]), '0.0.0') as { components: { schemas: Record<string, Schema> } };
    const money = MART_TABLES.flatMap((m) => m.columns.map((c) => ({ m: m.mart, c }))).find(
      (x) => x.c.kind === 'money',
    )!;
    const p = bare.components.schemas[money.m]!.properties[money.c.name]!;
    expect(p.type).toEqual(['integer', 'null']);
    expect(p.description).toContain('minor units');
  });
});
