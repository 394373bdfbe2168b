import type { Text } from './i18n.js';

/** Shapes of the server's answers (src/serve/meta.ts and src/serve/server.ts). */
export type ColumnKind = 'money' | 'count' | 'share' | 'number' | 'text' | 'date';
export type ChartKind = 'kpi' | 'bar' | 'hbar' | 'stacked' | 'line' | 'lorenz' | 'heatmap' | 'table';

export interface Panel {
  id: string;
  title: Text;
  table: string | null;
  chart: ChartKind;
  x?: string;
  y?: string[];
  series?: string;
  where?: Record<string, string>;
  exclude?: Record<string, string[]>;
  range?: { lower: string; upper: string };
  unit?: string;
  drill?: { table: string; column: string; where?: Record<string, string> };
  reading?: Text;
}

export interface Page {
  id: string;
  title: Text;
  intro: Text;
  panels: Panel[];
}

export interface MetaColumn {
  name: string;
  kind: ColumnKind;
  filterable: boolean;
  label: Text;
}

export interface Meta {
  workspace: { name: string; country: string; currency: string; municipalities: string[] };
  threshold: number;
  loadedAt: string;
  filters: Record<string, string[]>;
  tables: { name: string; title: Text; rows: number; hiddenCells: number; columns: MetaColumn[] }[];
  pages: Page[];
  values: Record<string, Text>;
  municipalities: Record<string, string>;
}

export type Cell = string | number | boolean | null;
export type DataRow = Record<string, Cell> & { _hidden?: string[]; _reason?: 'small' | 'secondary' };

export interface TableData {
  table: string;
  columns: { name: string; kind: ColumnKind; filterable: boolean }[];
  rows: DataRow[];
  total: number;
  threshold: number;
  ignored: string[];
}

/** A failed request, with the server's own message when it gave one. */
export class RequestError extends Error {}

async function getJson<T>(url: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { Accept: 'application/json' } });
  } catch {
    throw new RequestError('no answer from the server');
  }
  const text = await res.text();
  if (!res.ok) {
    let message = `HTTP ${res.status}`;
    try {
      message = (JSON.parse(text) as { error?: string }).error ?? message;
    } catch {
      /* not JSON: keep the status */
    }
    throw new RequestError(message);
  }
  return JSON.parse(text) as T;
}

export const fetchMeta = () => getJson<Meta>('/api/meta');

/** The query string for a table: filters (only those set) and extra parameters. */
export function tableQuery(filters: Record<string, string>, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filters, ...extra })) if (v) p.append(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
}

export function fetchTable(
  table: string,
  filters: Record<string, string>,
  extra: Record<string, string> = {},
) {
  return getJson<TableData>(`/api/tables/${encodeURIComponent(table)}${tableQuery(filters, extra)}`);
}
