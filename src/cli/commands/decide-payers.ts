/**
 * `tvaerblik decide payers`: who pays for a target group — the cost of the group's persons per payer (each
 * municipal department, the region by KMF or DRG, general practice) and year of service, read from
 * mart_payer through the one publish path (a cell hidden there stays hidden here). docs/decisions.md,
 * "Who pays for a target group". Wired in by `registerDecidePayers(decide, ctx)` in ./decide.ts.
 */
import path from 'node:path';
import type { Command } from 'commander';
import ExcelJS from 'exceljs';
import { t } from '../../core/messages.js';
import { formatMoney, type Lang } from '../../i18n.js';
import { openWarehouse } from '../../model/warehouse.js';
import { payerRows, type PayerRow } from '../../decisions/payers.js';
import { hiddenText, publishMarts, type PublishedTable } from '../../publish/index.js';
import type { CliContext } from '../context.js';

export { payerRows, type PayerFilter, type PayerRow } from '../../decisions/payers.js';

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
