/**
 * Published tables written by hand for the report's sections: each row's cells as the mart declares
 * them (sql/analysis/<mart>.sql), a hidden row with its value cells absent (null), as publishing
 * leaves them. No database and no suppression run: the tests say which cells are hidden.
 */
import type { Value } from '../../src/engine/engine.js';
import type { Lang } from '../../src/i18n.js';
import { martTable, type PublishedTable } from '../../src/publish/index.js';
import type { ReportData } from '../../src/report/html.js';

export type FixtureRow = Record<string, Value> & { hidden?: 'small' | 'secondary' };

/** A mart's published table from rows of its columns (period 2024 and municipality 851 unless given). */
export function published(mart: string, rows: FixtureRow[], threshold = 5): PublishedTable {
  const def = martTable(mart);
  const persons = Array.isArray(def.persons) ? def.persons : [def.persons];
  return {
    id: mart,
    columns: def.columns.map((c) => ({ name: c.name, kind: c.kind })) as PublishedTable['columns'],
    threshold,
    persons,
    rows: rows.map(({ hidden, ...given }) => {
      const cells: Record<string, Value> = {};
      for (const c of def.columns) {
        const value =
          c.name === 'period'
            ? (given.period ?? '2024')
            : c.name === 'municipality'
              ? (given.municipality ?? '851')
              : given[c.name];
        cells[c.name] = hidden && c.kind !== 'key' && c.kind !== 'bound' ? null : (value ?? null);
      }
      return { cells, hidden: hidden ?? null };
    }),
  };
}

/** The report's data around the given tables: Testby (851), period 2024, threshold 5. */
export function reportData(lang: Lang, tables: PublishedTable[], over: Partial<ReportData> = {}): ReportData {
  return {
    lang,
    name: 'Testby',
    currency: 'DKK',
    period: '2024',
    periods: ['2024'],
    municipality: '851',
    municipalities: ['851'],
    threshold: 5,
    heavyThresholdMinor: 50_000_000n,
    overlapFamilies: [],
    groupLabels: {},
    serviceNames: {},
    generated: '2026-01-01',
    published: new Map(tables.map((t) => [t.id, t])),
    ...over,
  };
}

/** The text of an HTML fragment: tags dropped, entities of the report's escaping undone, spaces folded. */
export function plain(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The reading (first paragraph) of a section's HTML, as text. */
export function readingOf(html: string): string {
  const m = /<p class="reading">([\s\S]*?)<\/p>/.exec(html);
  return m ? plain(m[1]!) : '';
}
