// Generated from the server's declarations by tools/api-types.ts (`npm run build`); do not edit.
// To change a shape, change the server (src/serve, src/publish) and run `npx tsx tools/api-types.ts`.
import type { Text } from './i18n.js';

/** How a column is shown: money in minor units, a person count, a share 0–1, a plain number, text, date. */
export type ColumnKind = 'money' | 'count' | 'share' | 'number' | 'text' | 'date';

export type ChartKind = 'kpi' | 'bar' | 'hbar' | 'stacked' | 'line' | 'lorenz' | 'heatmap' | 'table';

export interface Panel {
  id: string;
  title: Text;
  /** the table shown: the first of its candidates the snapshot has, else null */
  table: string | null;
  chart: ChartKind;
  /** category column (x axis, heat-map rows); the first text column when omitted */
  x?: string;
  /** measure columns; the first measure when omitted */
  y?: string[];
  /** second category (stacked series, heat-map columns) */
  series?: string;
  /** fixed server-side filters for this panel, e.g. one breakdown of a long table */
  where?: Record<string, string>;
  /** rows left out of the chart (they stay in the table), e.g. the total interval */
  exclude?: Record<string, string[]>;
  /** the category label is a money range built from two columns, e.g. "50.000–100.000 kr." */
  range?: { lower: string; upper: string };
  /** a column whose value is added to the category label, e.g. the unit of a unit cost */
  unit?: string;
  /** clicking a category shows the rows of this table for it (groups, never persons) */
  drill?: { table: string; column: string; where?: Record<string, string> };
  /** a short reading of the chart, in plain language */
  reading?: Text;
}

export interface Page {
  id: string;
  title: Text;
  intro: Text;
  panels: Panel[];
}

/** What the dashboard needs to draw itself: workspace facts, filters, tables and pages. */
export interface Meta {
  workspace: { name: string; country: string; currency: string; municipalities: string[] };
  threshold: number;
  loadedAt: string;
  /** standard filter → the values any table has for it */
  filters: Record<string, string[]>;
  tables: {
    name: string;
    /** the table's title in da/sv/en */
    title: Text;
    rows: number;
    hiddenCells: number;
    columns: { name: string; kind: ColumnKind; filterable: boolean; label: Text }[];
  }[];
  pages: Page[];
  /** names of table values in da/sv/en — the same list the report uses, plus the catalogue's service names */
  values: Record<string, Text>;
  /** municipality code → name (a proper noun, the same in every language); only codes with a known name */
  municipalities: Record<string, string>;
}

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

/** A column of a table in /api/meta. */
export type MetaColumn = Meta['tables'][number]['columns'][number];
