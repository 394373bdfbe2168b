/**
 * `tvaerblik report`: the HTML report and the Excel workbook, written under the workspace's reports/
 * folder, both from the marts after suppression (src/suppression) — never from the raw tables.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { analysisConfig, defaultOverlapGroups, type ChosenGroupConfig } from '../analysis/config.js';
import { cataloguePath, loadCatalogue } from '../catalogue/catalogue.js';
import type { Output } from '../core/effects.js';
import { text, userError } from '../core/messages.js';
import { kronerToMinor } from '../core/money.js';
import { workspaceCatalogue } from '../core/paths.js';
import type { Workspace } from '../config/workspace.js';
import type { Engine } from '../engine/engine.js';
import { tr, type Lang, type Text } from '../i18n.js';
import { existsSync } from 'node:fs';
import { writeWorkbook } from './excel.js';
import { renderHtml } from './html.js';
import { publishMarts } from '../publish/index.js';

export interface ReportOptions {
  lang?: Lang;
  /** the period the report is about (default: the last in the config) */
  period?: string;
  /** the municipality the report is about (default: the first in the config) */
  municipality?: string;
  /** the date printed on the report (default: today) */
  generated?: string;
}

export interface ReportSummary {
  html: string;
  excel: string;
  lang: Lang;
  period: string;
  municipality: string;
  tables: number;
  hidden_small: number;
  hidden_secondary: number;
  seconds: number;
}

/**
 * Write reports/tvaerblik-<municipality>-<period>-<lang>.html and .xlsx.
 * @example await writeReport(ws, engine, out, { lang: 'en' })
 */
export async function writeReport(
  ws: Workspace,
  engine: Engine,
  out: Output,
  options: ReportOptions = {},
): Promise<ReportSummary> {
  const started = Date.now();
  const lang = options.lang ?? out.lang;
  const cfg = analysisConfig(ws);
  const period = options.period ?? ws.config.periods[ws.config.periods.length - 1]!.id;
  const municipality = options.municipality ?? ws.config.municipalities[0]!;
  if (!ws.config.periods.some((p) => p.id === period))
    throw userError(
      'report.period',
      { period, periods: ws.config.periods.map((p) => p.id).join(', ') },
      { key: '--period' },
    );
  const marts = await engine.all(
    `SELECT table_name FROM information_schema.tables WHERE table_name = 'mart_headline'`,
  );
  if (marts.length === 0)
    throw userError('report.no_analyses', {}, { file: ws.resolve(ws.config.warehouse) });
  const threshold = ws.config.suppression.threshold;
  const published = await publishMarts(engine, threshold);
  const groups: ChosenGroupConfig[] = cfg.overlap_groups ?? defaultOverlapGroups(ws.config.country);
  const groupLabels: Record<string, Text> = {};
  for (const g of groups) if (g.label) groupLabels[g.id] = g.label;
  for (const r of cfg.results) if (r.label) groupLabels[r.id] = r.label;

  const html = renderHtml({
    lang,
    name: ws.config.name,
    currency: ws.config.currency,
    period,
    periods: ws.config.periods.map((p) => p.id),
    municipality,
    municipalities: ws.config.municipalities,
    threshold,
    heavyThresholdMinor: kronerToMinor(cfg.heavy_threshold),
    heavyAges: cfg.heavy_ages ?? [cfg.headline.age_from, cfg.headline.age_to],
    headline: cfg.headline,
    overlapFamilies: cfg.overlap_families,
    groupLabels,
    serviceNames: serviceNames(ws),
    generated: options.generated ?? new Date().toISOString().slice(0, 10),
    published,
  });
  const dir = ws.resolve('reports');
  mkdirSync(dir, { recursive: true });
  const base = path.join(dir, `tvaerblik-${municipality}-${period}-${lang}`);
  writeFileSync(`${base}.html`, html);
  const tables = await writeWorkbook(`${base}.xlsx`, published, {
    lang,
    threshold,
    title: `${tr(text('report.section.title'), lang)}: ${ws.config.name}`,
  });
  let small = 0;
  let secondary = 0;
  for (const t of published.values())
    for (const r of t.rows) {
      if (r.hidden === 'small') small++;
      else if (r.hidden === 'secondary') secondary++;
    }
  return {
    html: `${base}.html`,
    excel: `${base}.xlsx`,
    lang,
    period,
    municipality,
    tables,
    hidden_small: small,
    hidden_secondary: secondary,
    seconds: (Date.now() - started) / 1000,
  };
}

/** Catalogue code → its name in three languages (the newest version's name). */
function serviceNames(ws: Workspace): Record<string, Text> {
  const ref = workspaceCatalogue(ws);
  if (!existsSync(cataloguePath(ref))) return {};
  const names: Record<string, Text> = {};
  const services = [...loadCatalogue(ref).services].sort((a, b) => a.valid_from.localeCompare(b.valid_from));
  for (const s of services) names[s.code] = s.name;
  return names;
}
