import type { Lineage, Meta, TableData } from './api-types.js';

/** Shapes of the server's answers, generated from its declarations by tools/api-types.ts. */
export type * from './api-types.js';

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
export function tableQuery(
  filters: Record<string, string | string[]>,
  extra: Record<string, string> = {},
): string {
  const p = new URLSearchParams();
  // Several values of one filter travel as repeated keys (?municipality=851&municipality=461): OR within a filter.
  for (const [k, v] of Object.entries({ ...filters, ...extra }))
    for (const one of Array.isArray(v) ? v : [v]) if (one) p.append(k, one);
  const s = p.toString();
  return s ? `?${s}` : '';
}

export function fetchTable(
  table: string,
  filters: Record<string, string | string[]>,
  extra: Record<string, string> = {},
) {
  return getJson<TableData>(`/api/tables/${encodeURIComponent(table)}${tableQuery(filters, extra)}`);
}

/** A figure's lineage: the table's trail narrowed to the rows whose key columns equal `keys` (docs/lineage.md). */
export function fetchLineage(table: string, keys: Record<string, string>) {
  return getJson<Lineage>(`/api/lineage/${encodeURIComponent(table)}${tableQuery(keys)}`);
}
