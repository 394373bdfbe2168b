/**
 * `tvaerblik decide payers`: who pays for a target group — the cost of the group's persons per payer (each
 * municipal department, the region by KMF or DRG, general practice) and year of service, read from
 * mart_payer through the one publish path (a cell hidden there stays hidden here). docs/decisions.md,
 * "Who pays for a target group". Wired in by `registerDecidePayers(decide, ctx)` in ./decide.ts.
 */
import path from 'node:path';
import type { Command } from 'commander';
import ExcelJS from 'exceljs';
import { didYouMean } from '../../core/did-you-mean.js';
import { t, userError } from '../../core/messages.js';
import type { Value } from '../../engine/engine.js';
import { formatMoney, type Lang } from '../../i18n.js';
import { openWarehouse } from '../../model/warehouse.js';
import { hiddenText, publishMarts, type Hidden, type PublishedTable } from '../../publish/index.js';
import type { CliContext } from '../context.js';

/** One published row of mart_payer; persons and cost are null where the row is hidden. */
export interface PayerRow {
  period: string;
  municipality: string;
  group: string;
  payer: string;
  basis: string;
  year: number | null;
  persons: bigint | null;
  costMinor: bigint | null;
  hidden: Hidden | null;
}

export interface PayerFilter {
  group: string;
  period?: string;
  municipality?: string;
}

const big = (v: Value | undefined): bigint | null =>
  v === null || v === undefined ? null : typeof v === 'bigint' ? v : BigInt(String(v));

/**
 * The rows of one target group, ordered by period, municipality, year and cost (largest first). A group the
 * table does not have is a user error naming the groups it has (and the nearest one).
 */
export function payerRows(table: PublishedTable | undefined, f: PayerFilter): PayerRow[] {
  // all, heavy and both_high exist in every run, even without persons; the cost intervals as the run made them
  const groups = [
    ...new Set([
      'all',
      'heavy',
      'both_high',
      ...(table?.rows ?? []).map((r) => String(r.cells.target_group)),
    ]),
  ].sort();
  if (!groups.includes(f.group)) {
    const suggestion = didYouMean(f.group, groups);
    throw userError(
      suggestion ? 'decisions.payers.no_group_suggest' : 'decisions.payers.no_group',
      { group: f.group, groups: groups.join(', '), suggestion: suggestion ?? '' },
      { key: '--group' },
    );
  }
  return (table?.rows ?? [])
    .filter(
      (r) =>
        String(r.cells.target_group) === f.group &&
        (f.period === undefined || String(r.cells.period) === f.period) &&
        (f.municipality === undefined || String(r.cells.municipality) === f.municipality),
    )
    .map((r) => ({
      period: String(r.cells.period),
      municipality: String(r.cells.municipality),
      group: f.group,
      payer: String(r.cells.payer),
      basis: String(r.cells.basis),
      year: r.cells.service_year === null ? null : Number(r.cells.service_year),
      persons: r.hidden ? null : big(r.cells.persons),
      costMinor: r.hidden ? null : big(r.cells.cost_minor),
      hidden: r.hidden,
    }))
    .sort(
      (a, b) =>
        a.period.localeCompare(b.period) ||
        a.municipality.localeCompare(b.municipality) ||
        (a.year ?? Infinity) - (b.year ?? Infinity) ||
        Number((b.costMinor ?? -1n) - (a.costMinor ?? -1n)) ||
        a.payer.localeCompare(b.payer),
    );
}

/** The rows as a person reads them: payer and basis named, hidden cells as "< 5" or "x". */
export function shownPayerRows(rows: PayerRow[], lang: Lang, threshold: number): Record<string, string>[] {
  const head = (k: string) => t(lang, `decisions.payers.head.${k}`);
  return rows.map((r) => ({
    [head('period')]: r.period,
    [head('municipality')]: r.municipality,
    [t(lang, 'decisions.head.payer')]: t(lang, 'decisions.payers.payer', { payer: r.payer }),
    [head('basis')]: t(lang, 'decisions.payers.basis', { basis: r.basis }),
    [t(lang, 'decisions.head.year')]: r.year === null ? t(lang, 'decisions.payers.no_year') : String(r.year),
    [head('persons')]: r.hidden ? hiddenText(r.hidden, threshold, 'count') : String(r.persons),
    [t(lang, 'decisions.head.cost')]: r.hidden
      ? hiddenText(r.hidden, threshold)
      : formatMoney(r.costMinor!, lang),
  }));
}

async function writeExcel(file: string, shown: Record<string, string>[], rows: PayerRow[], note: string) {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(rows[0]?.group.slice(0, 31) ?? 'payers');
  const columns = Object.keys(shown[0] ?? {});
  sheet.addRow(columns);
  rows.forEach((r, i) => {
    const s = Object.values(shown[i]!);
    // numbers stay numbers (a hidden cell keeps its "< 5" or "x")
    sheet.addRow([
      ...s.slice(0, 5),
      r.persons === null ? s[5] : Number(r.persons),
      r.costMinor === null ? s[6] : Number(r.costMinor) / 100,
    ]);
  });
  sheet.getRow(1).font = { bold: true };
  sheet.getColumn(7).numFmt = '#,##0.00';
  sheet.addRow([]);
  sheet.addRow([note]);
  await wb.xlsx.writeFile(file);
}

/**
 * Adds `payers` under `tvaerblik decide`.
 * @example registerDecidePayers(decide, ctx) // in registerDecide, after the other subcommands
 */
export function registerDecidePayers(decide: Command, ctx: CliContext): void {
  decide
    .command('payers')
    .description(ctx.help('decide.payers.about'))
    .option('--group <group>', ctx.help('decide.payers.opt.group'))
    .option('--period <id>', ctx.help('decide.payers.opt.period'))
    .option('--municipality <code>', ctx.help('decide.payers.opt.municipality'))
    .option('--excel <file.xlsx>', ctx.help('decide.payers.opt.excel'))
    .action(
      async (
        opts: { group?: string; period?: string; municipality?: string; excel?: string },
        cmd: Command,
      ) => {
        const out = ctx.output(cmd);
        const ws = ctx.workspace(cmd);
        const threshold = ws.config.suppression.threshold;
        const engine = await openWarehouse(ws, { readOnly: true });
        let table: PublishedTable | undefined;
        try {
          table = (await publishMarts(engine, threshold)).get('mart_payer');
        } finally {
          await engine.close();
        }
        const group = opts.group ?? 'all';
        const rows = payerRows(table, { ...opts, group });
        const shown = shownPayerRows(rows, out.lang, threshold);
        const note = t(out.lang, 'decisions.payers.note', { group, threshold });
        out.table(shown);
        out.info(note);
        if (opts.excel) {
          await writeExcel(opts.excel, shown, rows, note);
          out.info(t(out.lang, 'decisions.written', { file: path.basename(opts.excel) }));
        }
        out.result({ group, threshold, rows });
      },
    );
}
