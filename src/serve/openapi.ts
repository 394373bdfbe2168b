import { STANDARD_FILTERS, type Catalog } from './catalog.js';
import { MAX_LIMIT } from './query.js';

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
              description: 'money columns (kind "money", names ending _minor) are in minor units (øre/öre)',
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
