/**
 * The data-quality report of an import or check run, written as JSON, HTML and an Excel sheet under
 * the workspace's reports/ folder. It holds counts, shares and file row numbers only — never an id.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { toJson } from '../core/json.js';
import { formatMoney, tr, type Lang } from '../i18n.js';
import { sheetValue } from '../core/escape.js';
import { dqCheckName } from '../core/dq-names.js';
import { t, texts } from '../core/messages.js';
import type { CheckResult, UnmappedCode } from './checks.js';

export interface SourceSummary {
  source: string;
  target: string;
  period: string | null;
  files: string[];
  status: 'loaded' | 'replaced' | 'unchanged' | 'stopped' | 'checked';
  rows_read: number;
  rows_loaded: number;
  rows_rejected: number;
  /** rows left out by the source's `where:` filter; null for an unchanged source (not read again) */
  rows_filtered: number | null;
  import_id: number | null;
  replaced_import_id: number | null;
}

export interface DqReport {
  run_id: string;
  mode: 'import' | 'check';
  workspace: string;
  stopped: boolean;
  sources: SourceSummary[];
  checks: CheckResult[];
  unmapped: UnmappedCode[];
}

export interface ReportFiles {
  json: string;
  html: string;
  xlsx: string;
}

const T = texts('ingest-texts.report', ['title', 'sources', 'checks', 'unmapped', 'stopped']);

/** The columns of the checks table; each header reads `dq.column.<name>` in the reader's language. */
export const CHECK_COLUMNS = [
  'source_id',
  'check_id',
  'check',
  'kind',
  'severity',
  'field',
  'threshold_pct',
  'rows_checked',
  'rows_violated',
  'pct_violated',
  'status',
  'sample_rows',
  'description',
];

export const SOURCE_COLUMNS = [
  'source',
  'target',
  'period',
  'files',
  'status',
  'rows_read',
  'rows_filtered',
  'rows_loaded',
  'rows_rejected',
  'import_id',
];

const UNMAPPED_COLUMNS = ['source_id', 'local_code', 'rows', 'amount'];

/** A column's header in the reader's language. */
export const columnHeader = (name: string, lang: Lang): string => t(lang, `dq.column.${name}`);

const sourceRows = (report: DqReport) => report.sources.map((s) => ({ ...s, files: s.files.join(', ') }));

/** One line per source whose `where:` left rows out: the count only, never a value. */
const filteredLines = (report: DqReport, lang: Lang) =>
  report.sources
    .filter((s) => (s.rows_filtered ?? 0) > 0)
    .map((s) => t(lang, 'dq.filtered', { source: s.source, rows: s.rows_filtered! }));

export function checkRows(report: DqReport, lang: Lang): Record<string, unknown>[] {
  return report.checks.map((c) => ({
    ...c,
    check: dqCheckName(c.check_id, lang),
    // a duplicate is shown with the row it repeats: "5 (= 2)"
    sample_rows: c.sample_rows
      .map((r, i) => (c.sample_originals ? `${r} (= ${c.sample_originals[i]})` : String(r)))
      .join(', '),
    description: c.description[lang],
  }));
}

export async function writeReports(report: DqReport, dir: string, lang: Lang): Promise<ReportFiles> {
  mkdirSync(dir, { recursive: true });
  const files = {
    json: path.join(dir, 'data-quality.json'),
    html: path.join(dir, 'data-quality.html'),
    xlsx: path.join(dir, 'data-quality.xlsx'),
  };
  writeFileSync(files.json, toJson({ ...report, checks: checkRows(report, lang) }) + '\n');
  writeFileSync(files.html, html(report, lang));
  const wb = new ExcelJS.Workbook();
  const sheet = (name: string, rows: Record<string, unknown>[], cols: string[]) => {
    const ws = wb.addWorksheet(name);
    ws.columns = cols.map((c) => {
      const header = columnHeader(c, lang);
      return { header, key: c, width: Math.max(12, header.length + 2) };
    });
    // cells from the extracts (file names, local codes) may start with "=": the one formula guard
    for (const r of rows) ws.addRow(cols.map((c) => sheetValue(r[c])));
    ws.getRow(1).font = { bold: true };
  };
  sheet(tr(T.checks!, lang), checkRows(report, lang), CHECK_COLUMNS);
  sheet(tr(T.sources!, lang), sourceRows(report), SOURCE_COLUMNS);
  sheet(
    tr(T.unmapped!, lang).slice(0, 31),
    report.unmapped.map((u) => ({ ...u, amount: formatMoney(u.amount_minor, lang) })),
    UNMAPPED_COLUMNS,
  );
  await wb.xlsx.writeFile(files.xlsx);
  return files;
}

const esc = (v: unknown) =>
  String(v ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

function table(rows: Record<string, unknown>[], cols: string[], lang: Lang): string {
  const head = cols.map((c) => `<th scope="col">${esc(columnHeader(c, lang))}</th>`).join('');
  const body = rows
    .map((r) => {
      const cls = r.status === 'fail' ? ` class="fail ${esc(r.severity)}"` : '';
      return `<tr${cls}>${cols.map((c) => `<td>${esc(r[c])}</td>`).join('')}</tr>`;
    })
    .join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function html(report: DqReport, lang: Lang): string {
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${esc(tr(T.title!, lang))} – ${esc(report.workspace)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse;margin-bottom:2rem}
td,th{border:1px solid #bbb;padding:.25rem .5rem;text-align:left}tr.fail.stop{background:#fdd}tr.fail.warn{background:#ffe9b3}
.stopped{color:#900;font-weight:bold}</style></head><body>
<h1>${esc(tr(T.title!, lang))} – ${esc(report.workspace)}</h1>
<p>${esc(report.mode)} · ${esc(report.run_id)}</p>
${report.stopped ? `<p class="stopped">${esc(tr(T.stopped!, lang))}</p>` : ''}
<h2>${esc(tr(T.sources!, lang))}</h2>
${filteredLines(report, lang)
  .map((l) => `<p class="info">${esc(l)}</p>\n`)
  .join('')}${table(sourceRows(report), SOURCE_COLUMNS, lang)}
<h2>${esc(tr(T.checks!, lang))}</h2>
${table(checkRows(report, lang), CHECK_COLUMNS, lang)}
<h2>${esc(tr(T.unmapped!, lang))}</h2>
${table(
  report.unmapped.map((u) => ({ ...u, amount: formatMoney(u.amount_minor, lang) })),
  UNMAPPED_COLUMNS,
  lang,
)}
</body></html>
`;
}
