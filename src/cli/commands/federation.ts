/**
 * Federation and Kolada (docs/federation.md, docs/kolada.md): `export-aggregates` writes one
 * municipality's suppressed aggregates as a bundle; `import-aggregates` checks and stores bundles in a
 * cluster or region workspace; `compare-aggregates` shows their key figures side by side;
 * `kolada-export` writes the KPB key figures as Kolada's JSON and `kolada-compare` sets them beside the
 * values published in Kolada (a file the user saved).
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { t, userError } from '../../core/messages.js';
import { readBundle, readKey } from '../../federation/bundle.js';
import { writeWorkbook, type Sheet } from '../../federation/excel.js';
import { exportAggregates, publishedKeyFigures } from '../../federation/export.js';
import {
  compareImported,
  storeBundle,
  type Comparison,
  type ComparedCell,
} from '../../federation/federate.js';
import {
  compareKolada,
  ownFigures,
  readKoladaFile,
  toKolada,
  type KoladaComparison,
} from '../../federation/kolada.js';
import { formatNumber, type Lang } from '../../i18n.js';
import { municipalityWithCode } from '../../labels/municipalities.js';
import { labelOf, labelWithCode } from '../../labels/values.js';
import { openWarehouse } from '../../model/warehouse.js';
import type { RegisterCommand } from '../context.js';
import type { Output } from '../output.js';

const L = (lang: Lang, key: string, vars: Record<string, string | number> = {}) =>
  t(lang, `federation.cli.${key}`, vars);
const collect = (v: string, prev: string[] = []) => [...prev, v];

export const registerFederation: RegisterCommand = (program, ctx) => {
  program
    .command('export-aggregates')
    .description(ctx.help('export_aggregates.about'))
    .requiredOption('--out <path>', ctx.help('export_aggregates.opt.out'))
    .option('--municipality <code>', ctx.help('export_aggregates.opt.municipality'))
    .option('--period <id>', ctx.help('export_aggregates.opt.period'), collect)
    .option('--format <format>', ctx.help('export_aggregates.opt.format'), 'csv')
    .option('--sign-key <file>', ctx.help('export_aggregates.opt.sign_key'))
    .action(async (opts: ExportOpts, cmd: Command) => {
      const out = ctx.output(cmd);
      const ws = ctx.workspace(cmd);
      if (opts.format !== 'csv' && opts.format !== 'parquet')
        throw userError('federation.export.format', { value: opts.format }, { key: '--format' });
      const manifest = await exportAggregates(ws, {
        out: opts.out,
        municipality: opts.municipality,
        periods: opts.period,
        format: opts.format,
        signKey: opts.signKey ? readKey(opts.signKey, 'sign') : undefined,
      });
      out.info(
        L(out.lang, 'exported', {
          out: opts.out,
          municipality: municipalityWithCode(manifest.municipality),
          files: manifest.files.length,
          threshold: manifest.threshold,
        }),
      );
      out.table(
        manifest.files.map((f) => ({ [L(out.lang, 'h_file')]: f.path, [L(out.lang, 'h_rows')]: f.rows })),
      );
      out.result(manifest);
    });

  program
    .command('import-aggregates')
    .description(ctx.help('import_aggregates.about'))
    .argument('<bundles...>', ctx.help('import_aggregates.arg.bundles'))
    .option('--public-key <file>', ctx.help('import_aggregates.opt.public_key'), collect)
    .action(async (bundles: string[], opts: { publicKey?: string[] }, cmd: Command) => {
      const out = ctx.output(cmd);
      const ws = ctx.workspace(cmd);
      const trust = (opts.publicKey ?? []).map((f) => readKey(f, 'verify'));
      // every bundle is checked before any is stored: one bad bundle stores nothing
      const read = [];
      for (const b of bundles) read.push(await readBundle(b, trust));
      const engine = await openWarehouse(ws);
      try {
        const imported = [];
        for (const b of read) {
          const s = await storeBundle(engine, b);
          imported.push(s);
          if (s.threshold < ws.config.suppression.threshold)
            out.warn(
              L(out.lang, 'lower_threshold', { municipality: s.municipality, threshold: s.threshold }),
            );
          out.info(
            L(out.lang, 'imported', {
              municipality: municipalityWithCode(s.municipality),
              rows: s.tables.reduce((a, x) => a + x.rows, 0),
              signed: s.signed_by ? (s.trusted ? 'trusted' : 'signed') : 'unsigned',
            }),
          );
        }
        const comparison = await compareImported(engine);
        showComparison(out, comparison);
        out.result({ imported, comparison: comparisonJson(comparison) });
      } finally {
        await engine.close();
      }
    });

  program
    .command('compare-aggregates')
    .description(ctx.help('compare_aggregates.about'))
    .option('--period <id>', ctx.help('compare_aggregates.opt.period'), collect)
    .option('--excel <file>', ctx.help('compare_aggregates.opt.excel'))
    .action(async (opts: { period?: string[]; excel?: string }, cmd: Command) => {
      const out = ctx.output(cmd);
      const ws = ctx.workspace(cmd);
      const engine = await openWarehouse(ws);
      try {
        const comparison = await compareImported(engine, opts.period ?? []);
        if (comparison.municipalities.length === 0) throw userError('federation.compare.none', {}, {});
        showComparison(out, comparison);
        if (opts.excel) {
          await writeWorkbook(opts.excel, comparisonSheets(comparison, out.lang));
          out.info(L(out.lang, 'wrote', { file: opts.excel }));
        }
        out.result(comparisonJson(comparison));
      } finally {
        await engine.close();
      }
    });

  program
    .command('kolada-export')
    .description(ctx.help('kolada_export.about'))
    .requiredOption('--out <file>', ctx.help('kolada_export.opt.out'))
    .action(async (opts: { out: string }, cmd: Command) => {
      const out = ctx.output(cmd);
      const ws = ctx.workspace(cmd);
      const own = ownFigures(await publishedKeyFigures(ws), periodEnds(ws.config.periods));
      const doc = toKolada(own);
      mkdirSync(path.dirname(path.resolve(opts.out)), { recursive: true });
      writeFileSync(opts.out, JSON.stringify(doc, null, 2) + '\n');
      out.info(L(out.lang, 'kolada_exported', { file: opts.out, n: doc.count }));
      out.result({ file: opts.out, count: doc.count });
    });

  program
    .command('kolada-compare')
    .description(ctx.help('kolada_compare.about'))
    .argument('<file>', ctx.help('kolada_compare.arg.file'))
    .option('--excel <file>', ctx.help('kolada_compare.opt.excel'))
    .action(async (file: string, opts: { excel?: string }, cmd: Command) => {
      const out = ctx.output(cmd);
      const ws = ctx.workspace(cmd);
      const published = readKoladaFile(file, ws.config.municipalities);
      const own = ownFigures(await publishedKeyFigures(ws), periodEnds(ws.config.periods));
      const rows = compareKolada(own, published, ws.config.municipalities);
      const threshold = ws.config.suppression.threshold;
      const shown = rows.map((r) => koladaRow(r, out.lang, threshold));
      out.table(shown);
      if (opts.excel) {
        await writeWorkbook(opts.excel, [
          {
            title: 'Kolada',
            header: Object.keys(shown[0] ?? koladaRow(emptyRow, out.lang, threshold)),
            rows: shown.map((r) => Object.values(r)),
          },
        ]);
        out.info(L(out.lang, 'wrote', { file: opts.excel }));
      }
      out.result(rows);
    });
};

interface ExportOpts {
  out: string;
  municipality?: string;
  period?: string[];
  format: string;
  signKey?: string;
}

const periodEnds = (periods: { id: string; from: string; to: string }[]) =>
  new Map(periods.map((p) => [p.id, { from: p.from, to: p.to }]));

const emptyRow: KoladaComparison = {
  kpi: '',
  municipality: '',
  period: 0,
  own: null,
  own_suppressed: null,
  published: null,
  status: '',
  difference: null,
  difference_share: null,
};

/** A Kolada comparison row as a person reads it: names, numbers in the reader's language, hidden as "< 5"/"x". */
function koladaRow(r: KoladaComparison, lang: Lang, threshold: number): Record<string, string> {
  const num = (v: string | number | null, d = 2) => (v === null ? '' : formatNumber(Number(v), lang, d));
  return {
    [L(lang, 'h_figure')]: r.kpi ? labelWithCode(r.kpi, lang) : '',
    [L(lang, 'h_municipality')]: r.municipality ? municipalityWithCode(r.municipality) : '',
    [L(lang, 'h_year')]: r.period ? String(r.period) : '',
    [L(lang, 'h_own')]: r.own_suppressed ? hiddenMark(r.own_suppressed, threshold) : num(r.own),
    [L(lang, 'h_published')]: num(r.published),
    [L(lang, 'h_difference')]: num(r.difference),
    [L(lang, 'h_difference_pct')]:
      r.difference_share === null ? '' : `${num(Number(r.difference_share) * 100, 1)} %`,
  };
}

const hiddenMark = (reason: string, threshold: number) => (reason === 'small' ? `< ${threshold}` : 'x');

function cellText(c: ComparedCell | undefined, lang: Lang, threshold: number): string {
  if (!c) return '';
  if (c.suppressed) return hiddenMark(c.suppressed, threshold);
  if (c.value !== null) return formatNumber(Number(c.value), lang, Number.isInteger(Number(c.value)) ? 0 : 2);
  if (c.amount_minor !== null) return formatNumber(Number(c.amount_minor) / 100, lang, 0);
  return '';
}

function comparisonRows(c: Comparison, lang: Lang): Record<string, string>[] {
  return c.figures.map((f) => {
    const row: Record<string, string> = {
      [L(lang, 'h_figure')]: f.source === 'kpb' ? labelWithCode(f.figure, lang) : labelOf(f.figure, lang),
      [L(lang, 'h_period')]: f.period,
    };
    for (const m of c.municipalities)
      row[municipalityWithCode(m)] = cellText(f.municipalities[m], lang, c.thresholds[m] ?? 5);
    return row;
  });
}

function showComparison(out: Output, c: Comparison): void {
  if (out.json) return;
  out.info(L(out.lang, 'compared', { n: c.municipalities.length }));
  out.table(comparisonRows(c, out.lang));
}

/** One sheet per key figure: its periods by municipality. */
function comparisonSheets(c: Comparison, lang: Lang): Sheet[] {
  const byFigure = new Map<string, typeof c.figures>();
  for (const f of c.figures)
    byFigure.set(`${f.source}:${f.figure}`, [...(byFigure.get(`${f.source}:${f.figure}`) ?? []), f]);
  return [...byFigure.values()].map((fs) => ({
    title: fs[0]!.source === 'kpb' ? fs[0]!.figure : labelOf(fs[0]!.figure, lang),
    header: [L(lang, 'h_period'), ...c.municipalities.map(municipalityWithCode)],
    rows: fs.map((f) => [
      f.period,
      ...c.municipalities.map((m) => {
        const cell = f.municipalities[m];
        if (!cell) return null;
        if (cell.suppressed) return hiddenMark(cell.suppressed, c.thresholds[m] ?? 5);
        if (cell.value !== null) return Number(cell.value);
        return cell.amount_minor === null ? null : Number(cell.amount_minor) / 100;
      }),
    ]),
  }));
}

/** The comparison for --json: exact values as text, counts and øre as numbers. */
function comparisonJson(c: Comparison): unknown {
  return {
    municipalities: c.municipalities,
    thresholds: c.thresholds,
    figures: c.figures.map((f) => ({
      ...f,
      municipalities: Object.fromEntries(
        Object.entries(f.municipalities).map(([m, x]) => [
          m,
          {
            value: x.value,
            amount_minor: x.amount_minor === null ? null : Number(x.amount_minor),
            persons: x.persons === null ? null : Number(x.persons),
            suppressed: x.suppressed,
          },
        ]),
      ),
    })),
  };
}
