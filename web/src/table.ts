import type { DataRow, Meta, TableData } from './api.js';
import { h } from './dom.js';
import { formatCell, hiddenWhy, isMeasure } from './format.js';
import type { Text } from './i18n.js';
import { lang, t } from './i18n.js';
import { openLineage, rowKeys } from './lineage.js';

/** A data table with a caption and column headings; measures right-aligned, hidden cells marked. */
export function dataTable(
  data: TableData,
  labels: Map<string, Text>,
  caption: string,
  options: { maxRows?: number; rows?: DataRow[] } = {},
): HTMLElement {
  const rows = (options.rows ?? data.rows).slice(0, options.maxRows ?? 1000);
  const head = h(
    'tr',
    {},
    ...data.columns.map((c) =>
      h(
        'th',
        { scope: 'col', class: isMeasure(c.kind) ? 'num' : null },
        labels.get(c.name)?.[lang()] ?? c.name,
      ),
    ),
  );
  const body = rows.map((r) =>
    h(
      'tr',
      {},
      ...data.columns.map((c) => {
        const hidden = r._hidden?.includes(c.name);
        return h(
          'td',
          {
            class: [isMeasure(c.kind) ? 'num' : '', hidden ? 'hidden-cell' : ''].join(' ').trim() || null,
            title: hidden ? hiddenWhy(r, data.threshold) : null,
          },
          formatCell(r, c.name, c.kind, data.threshold),
        );
      }),
    ),
  );
  return tableBox(caption, head, body);
}

/**
 * A table in its own scroll box (no clipped tables): a labelled region the keyboard reaches, with a
 * caption, a heading row and the body rows.
 */
export function tableBox(caption: string, head: HTMLElement, body: HTMLElement[]): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': caption },
    h('table', {}, h('caption', {}, caption), h('thead', {}, head), h('tbody', {}, ...body)),
  );
}

/**
 * A figure's cell as a button to its row's lineage: `shown` (its value or suppression mark) and, when
 * hidden, the reason for a screen reader and as a tooltip; `spoken` says which figure it is.
 */
export function traceCell(
  meta: Meta,
  data: TableData,
  r: DataRow,
  column: string,
  shown: string,
  spoken: string,
  figure: string,
): HTMLElement {
  const hidden = !!r._hidden?.includes(column);
  const why = hidden ? hiddenWhy(r, data.threshold) : '';
  return h(
    'td',
    { class: hidden ? 'num hidden-cell' : 'num', title: hidden ? why : null },
    h(
      'button',
      {
        type: 'button',
        class: 'link cell-trace',
        'aria-label': `${shown}${hidden ? ` (${why})` : ''} – ${spoken}: ${t('lineageOpen')}`,
        onclick: () => openLineage(meta, data.table, rowKeys(meta, data.table, r), `${figure}: ${shown}`),
      },
      shown,
    ),
  );
}
