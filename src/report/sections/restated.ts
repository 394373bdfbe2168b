/**
 * Comparable history across the 2027 reform (mart_trend_restated): the sector-dependent key figures of the
 * report's municipality in each period on two bases side by side — as registered and on the 2027 division of
 * tasks — with the change from the previous period on each basis. The section is omitted when no
 * `division_2027` figure differs from its registered one (nothing moves between sectors): the trend section
 * already shows those figures. docs/reform-2027.md, "Comparable history"; docs/report.md.
 */
import { tr } from '../../i18n.js';
import { municipalityName } from '../../labels/municipalities.js';
import type { PublishedRow } from '../../publish/index.js';
import { num, pct } from '../format.js';
import { valueLabel } from '../labels.js';
import {
  gridTable,
  HIDDEN,
  indicatorValue,
  msg,
  rowsOf,
  say,
  section,
  type GridCell,
  type ReportData,
} from '../kit.js';

const MART = 'mart_trend_restated';
const BASES = ['registered', 'division_2027'] as const;
/** mart_trend_restated's indicators, in the order of the key figures. */
const INDICATORS = ['persons', 'cost', 'cost_per_person', 'cost_per_inhabitant', 'regional_cost'];
const FIGURES = ['persons', 'amount_minor', 'value'];

/** Whether a restated row differs from its registered one (a hidden restated row hides a difference). */
function differs(registered: PublishedRow | undefined, restated: PublishedRow | undefined): boolean {
  if (!restated) return false;
  if (!registered || restated.hidden || registered.hidden) return restated.hidden !== registered?.hidden;
  return FIGURES.some((c) => String(restated.cells[c] ?? '') !== String(registered.cells[c] ?? ''));
}

/** A figure of a basis; a hidden row shows the suppression mark (kit.ts, `indicatorValue`). */
function figure(d: ReportData, r: PublishedRow | undefined): GridCell {
  return { text: indicatorValue(d, r), hidden: !!r?.hidden };
}

/** The change from the previous period on the row's basis, in per cent; hidden like the row's figure. */
function change(d: ReportData, r: PublishedRow | undefined): GridCell {
  const share = r?.hidden ? null : num(r?.cells.change_share);
  return r?.hidden ? figure(d, r) : { text: share === null ? '–' : pct(share, d.lang, 1) };
}

export function restated(d: ReportData): string {
  const rows = rowsOf(d, MART, {}, { period: false, municipality: true });
  const of = (ind: string, p: string | undefined, basis: string) =>
    rows.find((r) => r.cells.indicator === ind && r.cells.period === p && r.cells.basis === basis);
  const periods = d.periods.filter((p) => rows.some((r) => r.cells.period === p));
  const indicators = INDICATORS.filter((ind) => rows.some((r) => r.cells.indicator === ind));
  const moved = indicators.some((ind) =>
    periods.some((p) => differs(of(ind, p, 'registered'), of(ind, p, 'division_2027'))),
  );
  if (!moved) return '';
  const m = municipalityName(d.municipality);
  const title = tr(msg('restated.title'), d.lang, { m });
  const [registered, division] = BASES.map((b) => valueLabel(b, d.lang));
  // the basis follows a comma: "Ændring, som registreret", not "Ændring, Som registreret"
  const changeOn = (b: string) =>
    tr(msg('restated.change'), d.lang, { b: b.charAt(0).toLocaleLowerCase(d.lang) + b.slice(1) });
  const table = gridTable(
    title,
    tr(msg('word.indicator'), d.lang),
    [tr(msg('restated.period'), d.lang), registered!, changeOn(registered!), division!, changeOn(division!)],
    indicators.flatMap((ind) =>
      periods
        .filter((p) => BASES.some((b) => of(ind, p, b)))
        .map((p) => ({
          head: valueLabel(ind, d.lang),
          cells: [{ text: p }, ...BASES.flatMap((b) => [figure(d, of(ind, p, b)), change(d, of(ind, p, b))])],
        })),
    ),
  );
  const last = periods[periods.length - 1];
  const shareOf = (b: string) => {
    const c = change(d, of('cost', last, b));
    return c.hidden || c.text === '–' ? HIDDEN : c.text;
  };
  const reading = say(msg('restated.reading'), d.lang, {
    p0: periods[periods.length - 2] ?? '',
    p1: last ?? '',
    a: shareOf('registered'),
    b: shareOf('division_2027'),
  });
  return section('restated', title, reading, '', table);
}
