/**
 * The report's lineage footnotes (issue #18): every section that shows a table's figures ends with a
 * footnote naming those tables, each linking to its entry in the appendix "Where do the numbers come
 * from?", which gives the model, what it reads, the source tables and the command printing the full trail.
 */
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.js';
import { plain, published, reportData } from '../report/sections.fixture.js';

const tables = () => [
  published('mart_headline', [
    { segment: 'all', age_from: 18, age_to: 64, persons: 1000n, cost_minor: 12_345_678_900n },
  ]),
  published('mart_lorenz', [
    { grp: 'all', point: 0, person_share: 0, persons_cum: 0n, cost_cum_minor: 0n, cost_share: 0 },
    { grp: 'all', point: 1, person_share: 1, persons_cum: 100n, cost_cum_minor: 100n, cost_share: 1 },
  ]),
  published('mart_concentration', [{ grp: 'all', persons: 100n, cost_minor: 100n, gini: 0.4567 }]),
  published('mart_top_share', [{ grp: 'all', pct: 10, persons: 10n, cost_minor: 60n, share: 0.6 }]),
];

/** The sections of the page's <main>, by their heading's id. */
function sections(html: string): Map<string, string> {
  const main = html.slice(html.indexOf('<main>'), html.indexOf('</main>'));
  const out = new Map<string, string>();
  for (const m of main.matchAll(
    /<section aria-labelledby="([^"]+)">([\s\S]*?)(?=<section aria-labelledby=|$)/g,
  ))
    out.set(m[1]!, m[2]!);
  return out;
}

describe('lineage footnotes in the report', () => {
  it('ends each section with the tables it read, linked to the appendix', () => {
    const html = renderHtml(reportData('da', tables()));
    const s = sections(html);
    expect(s.get('headline')).toContain(
      '<p class="lineage" data-lineage="mart_headline">Kilde: <a href="#lineage-mart_headline">',
    );
    // the Lorenz section reads the curve, the Gini coefficient and the top shares
    const lorenz = /data-lineage="([^"]+)"/.exec(s.get('lorenz')!)![1]!.split(' ');
    expect(lorenz.sort()).toEqual(['mart_concentration', 'mart_lorenz', 'mart_top_share']);
    // every link of a footnote has its entry in the appendix
    const notes = [...html.matchAll(/<p class="lineage"[^>]*>.*?<\/p>/g)].map((m) => m[0]);
    expect(notes.length).toBeGreaterThanOrEqual(2);
    for (const [, target] of notes.flatMap((n) => [...n.matchAll(/href="#([^"]+)"/g)]))
      expect(html).toContain(`<div id="${target}" class="trail">`);
    // the method section shows no table's figures: no footnote
    expect(s.get('method') ?? '').not.toContain('class="lineage"');
  });

  it("gives each table's model, sources and the command for its full trail, in the report's language", () => {
    const da = renderHtml(reportData('da', tables()));
    const entry = plain(/<div id="lineage-mart_headline"[\s\S]*?<\/div>/.exec(da)![0]);
    expect(entry).toContain('sql/analysis/mart_headline.sql');
    expect(entry).toMatch(/Kildetabeller: .*\bservice\b/);
    expect(entry).toContain('tvaerblik lineage mart_headline --row period=2024 --row municipality=851');
    expect(da).toContain('<h2 id="lineage">Hvor kommer tallene fra?</h2>');
    expect(da).toContain('<a href="#lineage">Hvor kommer tallene fra?</a>'); // in the contents
    expect(renderHtml(reportData('sv', tables()))).toContain('Var kommer siffrorna ifrån?');
    expect(renderHtml(reportData('en', tables()))).toContain('Source: <a href="#lineage-mart_headline">');
  });

  it('has no appendix when no section shows a table', () => {
    expect(renderHtml(reportData('en', []))).not.toContain('id="lineage"');
  });
});
