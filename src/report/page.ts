/**
 * The page around the sections: head, styles, title, the suppression note, the contents list (from the
 * sections' headings) and the word that stands for a hidden value in a reading.
 */
import { formatDate, tr, type Text } from '../i18n.js';
import { municipalityWithCode } from '../labels/municipalities.js';
import { escapeHtml as esc } from './format.js';
import { text } from '../core/messages.js';
import { MART_TABLES, tableTitle } from '../publish/index.js';
import { lineageModel } from '../publish/lineage.js';
import { HIDDEN, HIDDEN_WORD, lineageAnchor, msg, SECTION, type ReportData } from './kit.js';

/** The whole HTML document around the rendered sections (empty ones left out before). */
export function renderPage(d: ReportData, rendered: string[]): string {
  const t = (x: Text, vars: Record<string, string | number> = {}) => tr(x, d.lang, vars);
  const appendix = lineageAppendix(d, rendered);
  const sections = appendix ? [...rendered, appendix] : rendered;
  const nav = sections
    .map((s) => /<h2 id="([^"]+)">([^<]+)<\/h2>/.exec(s))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => `<li><a href="#${m[1]}">${m[2]}</a></li>`)
    .join('');
  return `<!doctype html>
<html lang="${d.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(t(SECTION.title))} – ${esc(d.name)} – ${esc(d.period)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${esc(t(SECTION.title))}: ${esc(d.name)}</h1>
<p class="meta">${esc(t(msg('page.meta'), { m: municipalityWithCode(d.municipality), p: d.period, g: formatDate(d.generated, d.lang) }))}</p>
<p class="note">${esc(t(msg('page.note'), { n: d.threshold }))}</p>
<nav aria-label="${esc(t(msg('page.contents')))}"><ol>${nav}</ol></nav>
</header>
<main>
${sections.join('\n').replaceAll(HIDDEN, esc(t(HIDDEN_WORD)))}
</main>
</body>
</html>
`;
}

/**
 * The appendix "Where do the numbers come from?": one entry for each table a section's footnote names
 * (withLineage, kit.ts), in the order they are first read — its model, what it reads, the source tables
 * it rests on, and the command that prints its full trail (files, hashes, rows used, rules, suppression).
 */
function lineageAppendix(d: ReportData, sections: string[]): string {
  const L = (key: string, vars: Record<string, string | number> = {}) =>
    esc(tr(text(`lineage.${key}`), d.lang, vars));
  const tables = [
    ...new Set(
      sections.flatMap((s) => [...s.matchAll(/data-lineage="([^"]+)"/g)].flatMap((m) => m[1]!.split(' '))),
    ),
  ];
  if (tables.length === 0) return '';
  const entries = tables.map((table) => {
    const m = lineageModel(table);
    const keys = MART_TABLES.find((x) => x.mart === table)?.columns.map((c) => c.name) ?? [];
    const rows = [
      ...(keys.includes('period') ? [`--row period=${d.period}`] : []),
      ...(keys.includes('municipality') ? [`--row municipality=${d.municipality}`] : []),
    ];
    return `<div id="${lineageAnchor(table)}" class="trail">
<h3>${esc(tr(tableTitle(table), d.lang))} <code>${esc(table)}</code></h3>
<ul>
<li>${L('model', { stage: m.stage, files: m.files.join(', ') || '—' })}</li>
<li>${L('reads', { tables: m.reads.join(', ') || '—' })}</li>
${m.upstream.length ? `<li>${L('upstream', { tables: m.upstream.join(', ') })}</li>` : ''}
<li>${L('report.sources', { tables: m.sources.join(', ') || '—' })}</li>
<li>${L('report.ask')} <code>${esc(['tvaerblik lineage', table, ...rows].join(' '))}</code></li>
</ul>
</div>`;
  });
  return `<section aria-labelledby="lineage">
<h2 id="lineage">${L('report.heading')}</h2>
<p class="reading">${L('report.intro')}</p>
${entries.join('\n')}
</section>`;
}

const CSS = `
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1b1b; background: #fff; margin: 0; line-height: 1.5; }
header, main { max-width: 980px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 24px; border-bottom: 3px solid #0b4f8a; }
h1 { font-size: 1.8rem; margin: 0 0 4px; color: #0b3d6b; }
h2 { font-size: 1.35rem; margin: 40px 0 8px; color: #0b3d6b; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
h3 { font-size: 1.05rem; margin: 20px 0 6px; }
.meta { color: #444; margin: 0; }
.note { background: #f4f7fa; border-left: 4px solid #0b4f8a; padding: 8px 12px; font-size: 0.92rem; }
nav ol { columns: 2; font-size: 0.92rem; padding-left: 20px; }
a { color: #0b4f8a; }
.reading { font-size: 1.02rem; max-width: 70ch; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 12px; margin: 12px 0; padding: 0; list-style: none; }
.card { border: 1px solid #d0d7de; border-radius: 6px; padding: 12px 14px; background: #fbfcfd; }
.card .v { display: block; font-size: 1.5rem; font-weight: 650; color: #0b3d6b; }
.card .k { display: block; font-size: 0.88rem; color: #3d3d3d; }
figure { margin: 12px 0; }
figure svg { width: 100%; height: auto; max-width: 760px; display: block; }
figcaption { font-size: 0.9rem; color: #3d3d3d; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 0.9rem; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { border-bottom: 1px solid #d0d7de; padding: 4px 10px; text-align: right; }
th:first-child, td:first-child { text-align: left; }
thead th { background: #eef3f8; }
td.hidden { color: #5a5a5a; font-style: italic; }
td.k { text-align: left; }
details summary { cursor: pointer; color: #0b4f8a; }
.lineage { font-size: 0.85rem; color: #3d3d3d; border-top: 1px solid #e3e8ee; padding-top: 4px; }
.trail h3 code, .trail li code { font-size: 0.85rem; background: #f4f7fa; padding: 0 4px; }
@media print { nav { display: none; } h2 { break-before: page; } }
`;
