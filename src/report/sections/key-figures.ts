/** The key figures: eight cards on top of the report. */
import { tr } from '../../i18n.js';
import type { Text } from '../../i18n.js';
import { heavyLabels } from '../../labels/values.js';
import { escapeHtml as esc, num } from '../format.js';
import { msg, SECTION, rowsOf, v, money, share, type ReportData } from '../kit.js';

export function keyFigures(d: ReportData): string {
  const t = (x: Text, vars: Record<string, string | number> = {}) => tr(x, d.lang, vars);
  const kf = (indicator: string) => rowsOf(d, 'mart_key_figure', { indicator })[0];
  const head = rowsOf(d, 'mart_headline');
  const seg = (s: string) => head.find((r) => r.cells.segment === s);
  const cards: [string, string][] = [
    [t(msg('keyFigures.persons')), v(d, 'mart_key_figure', kf('persons'), 'persons')],
    [t(msg('keyFigures.cost')), money(d, kf('cost'), 'amount_minor')],
    [
      t(msg('keyFigures.top'), {
        p: String(num(seg('top')?.cells.pct) ?? d.headline?.top_pct ?? ''),
        a: String(seg('all')?.cells.age_from ?? d.headline?.age_from ?? ''),
        b: String(seg('all')?.cells.age_to ?? d.headline?.age_to ?? ''),
      }),
      share(d, seg('top'), 'cost_share'),
    ],
    [
      t(msg('keyFigures.bottom'), {
        p: String(num(seg('bottom')?.cells.pct) ?? d.headline?.bottom_pct ?? ''),
        a: String(seg('all')?.cells.age_from ?? d.headline?.age_from ?? ''),
        b: String(seg('all')?.cells.age_to ?? d.headline?.age_to ?? ''),
      }),
      share(d, seg('bottom'), 'cost_share'),
    ],
    [t(msg('keyFigures.gini')), v(d, 'mart_key_figure', kf('gini'), 'value')],
    [
      // the resource-heavy count is of one age range only; the card says which (intervals count all ages)
      heavyLabels(
        d.heavyAges?.[0] ?? num(seg('all')?.cells.age_from) ?? 18,
        d.heavyAges?.[1] ?? num(seg('all')?.cells.age_to) ?? 64,
        Number(d.heavyThresholdMinor / 100n),
      ).heavy_persons![d.lang],
      v(d, 'mart_key_figure', kf('heavy_persons'), 'persons'),
    ],
    [t(msg('keyFigures.multiDepartment')), share(d, kf('multi_department_share'), 'value')],
    [t(msg('keyFigures.perInhabitant')), v(d, 'mart_key_figure', kf('cost_per_inhabitant'), 'amount_minor')],
  ];
  const items = cards
    .map(
      ([k, val]) =>
        `<li class="card"><span class="v">${esc(val)}</span><span class="k">${esc(k)}</span></li>`,
    )
    .join('');
  return `<section aria-labelledby="key"><h2 id="key">${esc(t(SECTION.keyFigures))}</h2><ul class="cards">${items}</ul></section>`;
}
