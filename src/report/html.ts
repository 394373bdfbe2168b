/**
 * The HTML report: one self-contained file (inline CSS and SVG, no scripts, no external resources).
 * Key figures first, then one section per analysis, in the order below: a heading, a plain-language
 * reading, a chart and the same numbers as a table. Each section has one home in sections/; the ones
 * that are a reading and a table are declared as data (sections/tables.ts). It reads published
 * (suppressed) tables only.
 */
import { type ReportData, withLineage } from './kit.js';
import { renderPage } from './page.js';
import { benchmark } from './sections/benchmark.js';
import { benchmarkTrend } from './sections/benchmark-trend.js';
import { consumption } from './sections/consumption.js';
import { departments } from './sections/departments.js';
import { heavy } from './sections/heavy.js';
import { intervalMix } from './sections/interval-mix.js';
import { intervals } from './sections/intervals.js';
import { keyFigures } from './sections/key-figures.js';
import { lorenz } from './sections/lorenz.js';
import { method } from './sections/method.js';
import { quadrant } from './sections/quadrant.js';
import { restated } from './sections/restated.js';
import { serviceOverlap } from './sections/service-overlap.js';
import { standardised } from './sections/standardised.js';
import { DECLARED, HEADLINE, RESULTS, tableSection, type TableSection } from './sections/tables.js';
import { trend } from './sections/trend.js';
import { unitCosts } from './sections/unit-costs.js';
import { userMix } from './sections/user-mix.js';

export type { ReportData } from './kit.js';

/** A section: its HTML for the report's data, or '' when the data has nothing for it. */
type Section = (d: ReportData) => string;
const table =
  (s: TableSection): Section =>
  (d) =>
    tableSection(d, s);

/** The report's sections, in the order they are read. */
export const SECTIONS: Section[] = [
  keyFigures,
  table(HEADLINE),
  lorenz,
  intervals,
  (d) => intervalMix(d, 'law'),
  (d) => intervalMix(d, 'target_group'),
  heavy,
  departments,
  quadrant,
  serviceOverlap,
  consumption,
  unitCosts,
  userMix,
  table(RESULTS),
  benchmark,
  standardised,
  trend,
  restated,
  benchmarkTrend,
  ...DECLARED.map(table),
  method,
];

/** Build the whole HTML document. */
export function renderHtml(d: ReportData): string {
  return renderPage(
    d,
    SECTIONS.map((s) => withLineage(d, s)).filter((s) => s !== ''),
  );
}
