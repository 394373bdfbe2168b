import { VALUE_LABELS } from '../labels/values.js';
import { municipalityName } from '../labels/municipalities.js';
import { MART_TABLES } from '../analysis/marts.js';
import type { Config } from '../config/schema.js';
import { LANGS, type Text } from '../i18n.js';
import { STANDARD_FILTERS, TOTAL_VALUES, type Catalog, type ColumnKind } from './catalog.js';
import { standardValues } from './query.js';
import { columnLabel, tableTitle } from '../publish/index.js';
import { PAGES, resolvePanelTable, type PanelSpec } from './pages.js';

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
  pages: {
    id: string;
    title: Text;
    intro: Text;
    panels: (Omit<PanelSpec, 'tables'> & { table: string | null })[];
  }[];
  /** names of table values in da/sv/en — the same list the report uses, plus the catalogue's service names */
  values: Record<string, Text>;
  /** municipality code → name (a proper noun, the same in every language); only codes with a known name */
  municipalities: Record<string, string>;
}

export function buildMeta(
  config: Pick<Config, 'name' | 'country' | 'currency' | 'municipalities'>,
  catalog: Catalog,
  serviceNames: Record<string, Text> = {},
  overrides: Record<string, Text> = {},
): Meta {
  const filters: Record<string, string[]> = {};
  for (const filter of Object.keys(STANDARD_FILTERS)) {
    filters[filter] = standardValues(catalog, filter).filter((v) => !TOTAL_VALUES.includes(v.toLowerCase()));
  }
  const label = (table: string, name: string): Text =>
    MART_TABLES.find((m) => m.mart === table)?.columns.find((c) => c.name === name)?.label ??
    (Object.fromEntries(LANGS.map((l) => [l, columnLabel(name, l)])) as Text);
  return {
    workspace: {
      name: config.name,
      country: config.country,
      currency: config.currency,
      municipalities: config.municipalities,
    },
    threshold: catalog.threshold,
    loadedAt: catalog.loadedAt,
    values: { ...serviceNames, ...VALUE_LABELS, ...overrides },
    municipalities: Object.fromEntries(
      [...new Set([...config.municipalities, ...(filters.municipality ?? [])])]
        .map((c) => [c, municipalityName(c)])
        .filter(([c, n]) => c !== n),
    ),
    filters,
    tables: [...catalog.tables.values()]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((t) => ({
        name: t.name,
        title: tableTitle(t.name),
        rows: t.rows,
        hiddenCells: t.hiddenCells,
        columns: t.columns.map((c) => ({
          name: c.name,
          kind: c.kind,
          filterable: c.filterable,
          label: label(t.name, c.name),
        })),
      })),
    pages: PAGES.map((p) => ({
      id: p.id,
      title: p.title,
      intro: p.intro,
      panels: p.panels.map(({ tables, ...rest }) => ({
        ...rest,
        table: resolvePanelTable({ ...rest, tables }, (n) => catalog.tables.has(n)),
      })),
    })),
  };
}
