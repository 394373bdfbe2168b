/** Overlaps between departments: the heat map, the 1/2/3+ table and the chosen group. */
import { formatNumber, tr } from '../../i18n.js';
import { heatMap } from '../charts.js';
import { num, pct } from '../format.js';
import {
  msg,
  hiddenCount,
  SECTION,
  rowsOf,
  HIDDEN,
  say,
  share,
  label,
  htmlTable,
  section,
  details,
  type ReportData,
} from '../kit.js';

export function departments(d: ReportData): string {
  const matrix = rowsOf(d, 'mart_department_matrix');
  const counts = rowsOf(d, 'mart_department_count');
  if (matrix.length === 0 && counts.length === 0) return '';
  const depts = [...new Set(matrix.map((r) => String(r.cells.department_a)))].sort();
  const cell = (a: string, b: string) =>
    matrix.find((r) => r.cells.department_a === a && r.cells.department_b === b);
  const title = tr(SECTION.departments, d.lang);
  const chart = depts.length
    ? heatMap({
        title,
        desc: tr(msg('departments.desc'), d.lang),
        rows: depts,
        cols: depts,
        values: depts.map((a) =>
          depts.map((b) => {
            const r = cell(a, b);
            return !r ? 0 : r.hidden ? null : num(r.cells.persons);
          }),
        ),
        format: (x) => formatNumber(x, d.lang, 0),
        hiddenLabel: (i, j) => hiddenCount(d, cell(depts[i]!, depts[j]!)),
      })
    : '';
  const total = counts.find((r) => r.cells.departments === '*');
  const multi = counts.filter((r) => r.cells.departments === '2' || r.cells.departments === '3+');
  const multiN = multi.every((r) => !r.hidden)
    ? multi.reduce((s, r) => s + (num(r.cells.persons) ?? 0), 0)
    : null;
  const totalN = total && !total.hidden ? num(total.cells.persons) : null;
  const groups = rowsOf(d, 'mart_group_overlap');
  const any = groups.find((r) => r.cells.department === '*any*');
  const reading =
    say(msg('departments.reading'), d.lang, {
      s: multiN !== null && totalN ? pct(multiN / totalN, d.lang) : HIDDEN,
    }) +
    (any
      ? ' ' +
        say(msg('departments.group'), d.lang, { s: share(d, any, 'share'), g: label(d, any.cells.group_id) })
      : '');
  const tables =
    htmlTable(
      d,
      'mart_department_count',
      counts,
      ['departments', 'persons', 'cost_minor'],
      tr(msg('departments.count'), d.lang),
    ) +
    (groups.length
      ? htmlTable(
          d,
          'mart_group_overlap',
          groups,
          ['group_id', 'department', 'group_persons', 'persons', 'share'],
          tr(msg('departments.chosenGroup'), d.lang),
        )
      : '') +
    details(
      d,
      htmlTable(
        d,
        'mart_department_matrix',
        matrix,
        ['department_a', 'department_b', 'persons', 'cost_minor'],
        title,
      ),
    );
  return section('departments', title, reading, chart, tables);
}
