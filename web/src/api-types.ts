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

export interface SourceExtract {
  importId: number;
  source: string;
  /** the file's name (without its folder) */
  file: string;
  /** sha256 of the file's bytes */
  fileHash: string;
  table: string;
  period: string | null;
  rowsRead: number;
  rowsLoaded: number;
  /** rows of this import the figure rests on (narrowed by the row keys); null where the figure is hidden */
  rowsUsed: number | null;
  /**
   * which rows of the file those are, as ranges of row numbers as the import numbers them (a CSV file's
   * line, the header being line 1; an Excel sheet's row), e.g. "2-4,6"; null where the figure is hidden
   * or the table keeps no row numbers (residence, attributes, population: every row narrowed by the keys)
   */
  rows: string | null;
  importedAt: string;
  /** sha256 of the source's config block at import */
  configHash: string;
}

export interface LineageRules {
  costRun?: { runAt: string; status: string; inputsHash: string };
  catalogue?: { id: string; version?: string };
  /** the translation table and price lists: file name and sha256 of their bytes ('missing' when absent) */
  files: { role: 'translation_table' | 'price_list'; file: string; sha256: string }[];
  pools: { id: string; kind: string; key: string }[];
  /** sha256 of tvaerblik.yaml */
  configHash?: string;
}

export interface LineageSuppression {
  threshold: number;
  rows: number;
  hiddenCells: number;
  /** rows hidden because a persons count is 1 … threshold−1 */
  small: number;
  /** rows hidden to protect another row (a total, a sum across marts) */
  secondary: number;
  /** for the selected rows: how many are shown, small or secondary */
  selected?: { rows: number; shown: number; small: number; secondary: number };
}

export interface Lineage {
  table: string;
  title: Text;
  /** the stage and file(s) that computed it */
  model: { stage: string; files: string[]; columns: { name: string; kind: string }[] };
  /** the tables it reads directly */
  reads: string[];
  /** every model or stage table between it and the sources */
  upstream: string[];
  sources: SourceExtract[];
  rules: LineageRules;
  suppression: LineageSuppression;
}

/** A column of a table in /api/meta. */
export type MetaColumn = Meta['tables'][number]['columns'][number];
