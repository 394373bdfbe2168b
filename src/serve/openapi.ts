import { analysisModels, type ModelHeader } from '../analysis/models.js';
import { STANDARD_FILTERS, type Catalog, type ColumnKind } from './catalog.js';
import { MAX_LIMIT } from './query.js';

type HeaderColumn = ModelHeader['columns'][number];

/** A cell of the JSON answer of /api/tables/{table}: DECIMAL and BIGINT as numbers, a hidden cell null. */
export type Cell = string | number | boolean | null;
/** A row of that answer: the hidden cells named in "_hidden", and why ("< 5": small, "x": secondary). */
export type DataRow = Record<string, Cell> & { _hidden?: string[]; _reason?: 'small' | 'secondary' };

/** The JSON answer of /api/tables/{table} (TableResult in the OpenAPI document). */
export interface TableData {
  table: string;
  columns: { name: string; kind: ColumnKind; filterable: boolean }[];
  rows: DataRow[];
  total: number;
  threshold: number;
  ignored: string[];
}

/** What a column of each declared kind holds (sql/analysis/*.sql headers; src/analysis/models.ts). */
const KIND_TEXT: Record<HeaderColumn['kind'], string> = {
  key: 'a dimension value (never hidden)',
  bound: 'a configured limit (never hidden)',
  persons: 'a number of persons',
  count: 'a count of persons or events',
  money: 'an amount in minor units (øre/öre)',
  mean: 'a mean amount in minor units (øre/öre)',
  share: 'a share from 0 to 1',
  number: 'a number',
  decimal: 'an amount in minor units (øre/öre), with fractions',
};

/** The JSON type of a column: from its SQL type when the snapshot has the table, else from its kind. */
function jsonType(kind: HeaderColumn['kind'], sqlType: string | undefined): string {
  const t = sqlType?.toUpperCase();
  if (t === 'BOOLEAN') return 'boolean';
  if (t === 'VARCHAR' || t === 'DATE' || t?.startsWith('TIMESTAMP')) return 'string';
  if (t && /^(U?(BIG|SMALL|TINY|HUGE)?INT(EGER)?\d*)$/.test(t)) return 'integer';
  if (t && /^(DECIMAL|NUMERIC|DOUBLE|FLOAT|REAL)/.test(t)) return 'number';
  if (kind === 'key') return 'string';
  if (kind === 'persons' || kind === 'count' || kind === 'money') return 'integer';
  return 'number';
}

/**
 * A row schema for every mart, from the header of its model (sql/analysis/<mart>.sql): each column's
 * name, JSON type, description (label, kind and unit) and its label in the three languages. A hidden
 * cell is null, except a key's.
 */
export function martRowSchemas(catalog?: Catalog): Record<string, Record<string, unknown>> {
  const schemas: Record<string, Record<string, unknown>> = {};
  for (const m of analysisModels()) {
    if (!m.header) continue;
    const served = catalog?.tables.get(m.table)?.columns;
    const properties = Object.fromEntries(
      m.header.columns.map((c) => {
        const type = jsonType(c.kind, served?.find((s) => s.name === c.name)?.type);
        return [
          c.name,
          {
            type: c.kind === 'key' ? type : [type, 'null'],
            description: `${c.label.en}: ${KIND_TEXT[c.kind]}${c.unit ? ` (${c.unit})` : ''}`,
            'x-kind': c.kind,
            'x-label': c.label,
          },
        ];
      }),
    );
    schemas[m.table] = {
      type: 'object',
      title: m.header.title.en,
      description: `One row of ${m.table} (declared in sql/analysis/${m.file}). "_hidden" names the cells suppression hid.`,
      properties: {
        ...properties,
        _hidden: { type: 'array', items: { type: 'string' } },
        _reason: { enum: ['small', 'secondary'] },
      },
      required: m.header.columns.filter((c) => c.kind === 'key').map((c) => c.name),
    };
  }
  return schemas;
}

/** The OpenAPI 3.1 description of the API, listing the tables of the current snapshot. */
export function openApi(catalog: Catalog, version: string): Record<string, unknown> {
  const tableNames = [...catalog.tables.keys()].sort();
  const error = { $ref: '#/components/responses/Error' };
  const tableParams = [
    { name: 'table', in: 'path', required: true, schema: { type: 'string', enum: tableNames } },
    ...Object.keys(STANDARD_FILTERS).map((name) => ({
      name,
      in: 'query',
      required: false,
      description: `Keep rows whose ${STANDARD_FILTERS[name]!.join(' / ')} is one of the values (repeat the parameter for several). Ignored by tables without the column.`,
      schema: { type: 'array', items: { type: 'string' } },
      style: 'form',
      explode: true,
    })),
    {
      name: 'sort',
      in: 'query',
      description: 'a column name; prefix "-" for descending',
      schema: { type: 'string' },
    },
    {
      name: 'limit',
      in: 'query',
      schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: 10000 },
    },
    { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, default: 0 } },
    {
      name: 'lang',
      in: 'query',
      description: 'language of headings in downloads (and of CSV separators: da/sv use ";" and decimal ",")',
      schema: { type: 'string', enum: ['da', 'sv', 'en'], default: 'da' },
    },
  ];
  const marts = martRowSchemas(catalog);
  const martPaths = Object.fromEntries(
    Object.keys(marts)
      .filter((mart) => catalog.tables.has(mart))
      .sort()
      .map((mart) => [
        `/api/tables/${mart}`,
        {
          get: {
            summary: `Rows of ${mart}, filtered: ${String(marts[mart]!.title)}`,
            parameters: tableParams.filter((p) => p.name !== 'table'),
            responses: {
              '200': {
                description: 'rows',
                content: {
                  'application/json': {
                    schema: {
                      allOf: [
                        { $ref: '#/components/schemas/TableResult' },
                        {
                          type: 'object',
                          properties: {
                            rows: { type: 'array', items: { $ref: `#/components/schemas/${mart}` } },
                          },
                        },
                      ],
                    },
                  },
                },
              },
              '400': error,
            },
          },
        },
      ]),
  );
  return {
    openapi: '3.1.0',
    info: {
      title: 'Tværblik API',
      version,
      description:
        'Read-only access to the analysis results of one workspace. Every table has passed the suppression ' +
        `function: cells with fewer than ${catalog.threshold} persons (and cells that would reveal them) are null ` +
        'and named in the row\'s "_hidden" list. No endpoint returns person-level rows. Any other filterable ' +
        'column of a table may be used as a filter parameter by its name. A request whose Host header is not ' +
        "localhost, 127.0.0.1, [::1] or the bound address with the server's port, or a name given with " +
        '--allow-host, is refused with 403 (DNS rebinding).',
    },
    servers: [{ url: '/' }],
    paths: {
      '/api/health': {
        get: { summary: 'Liveness and snapshot time', responses: { '200': { description: 'ok' } } },
      },
      '/api/meta': {
        get: {
          summary: 'Workspace facts, filter values, tables with their columns, and dashboard pages',
          responses: { '200': { description: 'the metadata' } },
        },
      },
      '/api/tables': {
        get: { summary: 'The served tables', responses: { '200': { description: 'table names and sizes' } } },
      },
      '/api/tables/{table}': {
        get: {
          summary: 'Rows of a table, filtered',
          parameters: tableParams,
          responses: {
            '200': {
              description: 'rows',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/TableResult' } } },
            },
            '400': error,
            '404': error,
          },
        },
      },
      ...martPaths,
      '/api/lineage/{table}': {
        get: {
          summary:
            "Where a published table's figures come from: the model, the source extracts (file name, sha256, " +
            'rows used, import time), the rules (costing run, catalogue, translation table, price lists, pools, ' +
            'config hash) and the suppression applied; other query parameters (column=value) narrow it to one ' +
            "figure's rows. Rows used are null where that row is hidden. No person key or row value.",
          parameters: [{ name: 'table', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'the lineage (docs/lineage.md)' }, '400': error, '404': error },
        },
      },
      '/api/tables/{table}.csv': {
        get: {
          summary: 'The same rows as CSV (UTF-8 with BOM); hidden cells read "< threshold"',
          parameters: tableParams,
          responses: {
            '200': { description: 'CSV', content: { 'text/csv': {} } },
            '400': error,
            '404': error,
          },
        },
      },
      '/api/tables/{table}.xlsx': {
        get: {
          summary: 'The same rows as an Excel workbook',
          parameters: tableParams,
          responses: {
            '200': {
              description: 'workbook',
              content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {} },
            },
            '400': error,
            '404': error,
          },
        },
      },
    },
    components: {
      responses: {
        Error: {
          description: 'what was wrong with the request and how to fix it',
          content: {
            'application/json': {
              schema: { type: 'object', properties: { error: { type: 'string' } }, required: ['error'] },
            },
          },
        },
      },
      schemas: {
        ...marts,
        TableResult: {
          type: 'object',
          properties: {
            table: { type: 'string' },
            columns: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  name: { type: 'string' },
                  type: { type: 'string' },
                  kind: { enum: ['money', 'count', 'share', 'number', 'text', 'date'] },
                  filterable: { type: 'boolean' },
                },
              },
            },
            rows: {
              type: 'array',
              description:
                'money columns (kind "money", names ending _minor) are in minor units (øre/öre); a mart\'s rows follow its own schema (components.schemas.<mart>)',
              items: { type: 'object' },
            },
            total: { type: 'integer', description: 'rows matching the filters (before limit/offset)' },
            threshold: { type: 'integer' },
            ignored: { type: 'array', items: { type: 'string' } },
          },
        },
      },
    },
  };
}
