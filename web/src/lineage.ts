/**
 * "Where does this number come from?": a figure's lineage trail (GET /api/lineage/{table}, docs/lineage.md)
 * in a modal dialog — the model that computed it, the source extracts (file, checksum, rows used, import
 * time), the rules and the suppression applied — with the trail as a JSON download. The trail holds only
 * aggregates and file facts; nothing in it names a person, and this shows nothing else.
 */
import { fetchLineage, type DataRow, type Lineage, type Meta } from './api.js';
import { h } from './dom.js';
import { downloadText } from './download.js';
import { formatDate, formatNumber, t, tx, valueLabel, type UiKey } from './i18n.js';
import { fillAsync, labelsOf } from './state.js';

/** The key columns of a row (period, municipality, indicator …) that pick out its figure in the lineage API. */
export function rowKeys(meta: Meta, table: string, row: DataRow): Record<string, string> {
  const cols = meta.tables.find((x) => x.name === table)?.columns ?? [];
  const keys: Record<string, string> = {};
  for (const c of cols) {
    const v = row[c.name];
    if (c.filterable && v !== null && v !== undefined && !row._hidden?.includes(c.name))
      keys[c.name] = String(v);
  }
  return keys;
}

/**
 * The key columns a panel's filters pin to one value (several values, or none, leave the column open):
 * a panel's numbers traced together, e.g. { period: '2024', municipality: '851' }.
 */
export function filterKeys(
  meta: Meta,
  table: string,
  filters: Record<string, string | string[]>,
): Record<string, string> {
  const cols = meta.tables.find((x) => x.name === table)?.columns ?? [];
  const keys: Record<string, string> = {};
  for (const [k, v] of Object.entries(filters)) {
    const one = Array.isArray(v) ? (v.length === 1 ? v[0] : undefined) : v;
    if (one && cols.some((c) => c.name === k && c.filterable)) keys[k] = one;
  }
  return keys;
}

/** The figure's keys in words: "Kommune: Aalborg · Periode: 2024 · Nøgletal: Udgift". */
function keysInWords(meta: Meta, table: string, keys: Record<string, string>): string {
  const labels = labelsOf(meta, table);
  return Object.entries(keys)
    .map(([k, v]) => `${labels.get(k) ? tx(labels.get(k)!) : k}: ${valueLabel(v, k)}`)
    .join(' · ');
}

const STAGES: Record<string, UiKey> = {
  analysis: 'stage_analysis',
  costing: 'stage_costing',
  trajectories: 'stage_trajectories',
  ingest: 'stage_ingest',
};

/** A table's name in words where the dashboard knows it (a served table), else its code. */
function tableName(meta: Meta, name: string): HTMLElement {
  const served = meta.tables.find((x) => x.name === name);
  return served ? h('span', {}, `${tx(served.title)} `, h('code', {}, name)) : h('code', {}, name);
}

function list(items: HTMLElement[]): HTMLElement {
  return h('ul', { class: 'lineage-list' }, ...items.map((i) => h('li', {}, i)));
}

/** The trail in words and tables. */
export function lineageView(trail: Lineage, meta: Meta, title: string): HTMLElement[] {
  const out: HTMLElement[] = [];
  const stage = STAGES[trail.model.stage];
  out.push(
    h('h3', {}, t('lineageModel')),
    h(
      'p',
      {},
      t('lineageStage', { stage: stage ? t(stage) : trail.model.stage, table: tx(trail.title) }),
      ' ',
      h('code', {}, trail.table),
    ),
    list(trail.model.files.map((f) => h('code', {}, f))),
  );
  if (trail.reads.length)
    out.push(h('h4', {}, t('lineageReads')), list(trail.reads.map((r) => tableName(meta, r))));
  // the steps further down (those it reads directly are listed above)
  const further = trail.upstream.filter((u) => !trail.reads.includes(u));
  if (further.length)
    out.push(h('h4', {}, t('lineageUpstream')), list(further.map((r) => tableName(meta, r))));

  out.push(h('h3', {}, t('lineageSources')));
  if (trail.sources.length === 0) out.push(h('p', { class: 'note' }, t('lineageNoSources')));
  else {
    const caption = `${t('lineageSources')}: ${title}`;
    const head = (
      [
        ['lineageFile', false],
        ['lineageHash', false],
        ['lineageSourceTable', false],
        ['period', false],
        ['lineageRowsLoaded', true],
        ['lineageRowsUsed', true],
        ['lineageFileRows', false],
        ['lineageImportedAt', false],
      ] as [UiKey, boolean][]
    ).map(([k, num]) => h('th', { scope: 'col', class: num ? 'num' : null }, t(k)));
    const rows = trail.sources.map((s) =>
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, s.file),
        h('td', {}, h('code', { class: 'hash' }, s.fileHash)),
        h('td', {}, h('code', {}, s.table)),
        h('td', {}, s.period ?? '–'),
        h('td', { class: 'num' }, formatNumber(s.rowsLoaded)),
        h(
          'td',
          { class: s.rowsUsed === null ? 'num hidden-cell' : 'num' },
          s.rowsUsed === null ? t('lineageWithheld') : formatNumber(s.rowsUsed),
        ),
        // the file's row numbers ("2-4,6"); none where the table keeps none or the figure is hidden
        h('td', { class: 'file-rows' }, s.rows ?? '–'),
        h('td', {}, formatDate(s.importedAt.replace('T', ' ').slice(0, 16))),
      ),
    );
    out.push(
      h(
        'div',
        { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': caption },
        h(
          'table',
          {},
          h('caption', {}, caption),
          h('thead', {}, h('tr', {}, ...head)),
          h('tbody', {}, ...rows),
        ),
      ),
    );
    if (trail.sources.some((s) => s.rowsUsed === null))
      out.push(h('p', { class: 'note' }, t('lineageWithheldNote')));
  }

  out.push(h('h3', {}, t('lineageRules')));
  const r = trail.rules;
  const rules: HTMLElement[] = [];
  if (r.costRun)
    rules.push(
      h(
        'span',
        {},
        t('lineageCostRun', {
          time: formatDate(r.costRun.runAt.replace('T', ' ').slice(0, 16)),
          status: r.costRun.status,
        }),
      ),
    );
  if (r.catalogue)
    rules.push(
      h('span', {}, t('lineageCatalogue', { id: r.catalogue.id, version: r.catalogue.version ?? '' })),
    );
  for (const f of r.files)
    rules.push(
      h(
        'span',
        {},
        `${t(f.role === 'translation_table' ? 'lineageTranslation' : 'lineagePriceList')}: ${f.file} `,
        h('code', { class: 'hash' }, f.sha256),
      ),
    );
  for (const p of r.pools)
    rules.push(
      h('span', {}, t('lineagePool', { id: p.id, kind: valueLabel(p.kind), key: valueLabel(p.key) })),
    );
  if (r.configHash)
    rules.push(h('span', {}, `${t('lineageConfig')}: `, h('code', { class: 'hash' }, r.configHash)));
  if (!r.costRun && r.files.length === 0 && r.pools.length === 0)
    rules.unshift(h('span', {}, t('lineageNoRules')));
  out.push(list(rules));

  const s = trail.suppression;
  out.push(
    h('h3', {}, t('lineageSuppression')),
    h(
      'p',
      {},
      t('lineageSuppressionText', {
        threshold: s.threshold,
        rows: formatNumber(s.rows),
        hidden: formatNumber(s.hiddenCells),
        small: formatNumber(s.small),
        secondary: formatNumber(s.secondary),
      }),
    ),
  );
  if (s.selected) out.push(h('p', { class: 'lineage-selected' }, t('lineageSelected', s.selected)));
  out.push(h('p', { class: 'note' }, t('lineageNoPerson')));
  return out;
}

/**
 * Open the trail of one figure: `table` narrowed to the row `keys`, `figure` its name as the reader saw
 * it ("Udgift: 12.345 kr."). A modal dialog: Escape or the close button closes it, and focus goes back
 * to the button that opened it.
 */
export function openLineage(meta: Meta, table: string, keys: Record<string, string>, figure: string): void {
  const opener = document.activeElement as HTMLElement | null;
  document.getElementById('lineage')?.remove();
  const body = h('div', { class: 'lineage-body', 'aria-live': 'polite' });
  const close = h(
    'button',
    { type: 'button', class: 'lineage-close', onclick: () => dialog.close() },
    t('closeDrill'),
  );
  const dialog = h(
    'dialog',
    { id: 'lineage', class: 'lineage', 'aria-labelledby': 'lineage-title' },
    h(
      'div',
      { class: 'lineage-head' },
      h('h2', { id: 'lineage-title' }, t('lineageTitle', { figure })),
      close,
    ),
    h('p', { class: 'lineage-figure' }, keysInWords(meta, table, keys)),
    body,
  );
  dialog.addEventListener('close', () => {
    dialog.remove();
    opener?.focus();
  });
  document.body.append(dialog);
  dialog.showModal();
  close.focus();
  fillAsync(body, async () => {
    const trail = await fetchLineage(table, keys);
    const name = ['tvaerblik-lineage', table, ...Object.values(keys)]
      .join('-')
      .replace(/[^\p{L}\p{N}_.-]+/gu, '_');
    return [
      ...lineageView(trail, meta, figure),
      h(
        'div',
        { class: 'downloads' },
        h(
          'button',
          {
            type: 'button',
            onclick: () => downloadText(`${JSON.stringify(trail, null, 2)}\n`, `${name}.json`),
          },
          t('lineageDownload'),
        ),
      ),
    ];
  });
}
