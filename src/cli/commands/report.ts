import { t, texts } from '../../core/messages.js';
import { warnIfCostStale } from '../../costing/freshness.js';
import { parseLang, tr, type Text } from '../../i18n.js';
import { openWarehouse } from '../../model/warehouse.js';
import { writeReport } from '../../report/index.js';
import type { RegisterCommand } from '../context.js';

const T: Record<string, Text> = texts('cli.report', ['html', 'excel', 'hidden']);

/** `tvaerblik report [--lang da|sv|en]`: the HTML report and Excel workbook under reports/. */
export const registerReport: RegisterCommand = (program, ctx) => {
  program
    .command('report')
    .description(ctx.help('report.about'))
    .option('--report-lang <lang>', ctx.help('report.opt.report_lang'))
    .option('--period <id>', ctx.help('report.opt.period'))
    .option('--municipality <code>', ctx.help('report.opt.municipality'))
    .action(async (opts: { reportLang?: string; period?: string; municipality?: string }, cmd) => {
      const out = ctx.output(cmd);
      const ws = ctx.workspace(cmd);
      const engine = await openWarehouse(ws, { readOnly: true });
      try {
        await warnIfCostStale(ws, engine, out);
        const progress = out.progress(t(out.lang, 'cli.report.progress'), 1, () => engine.progress?.());
        const summary = await writeReport(ws, engine, out, {
          lang: opts.reportLang ? parseLang(opts.reportLang) : out.lang,
          period: opts.period,
          municipality: opts.municipality,
        });
        progress.tick();
        progress.stop();
        const [file, where] = [t(out.lang, 'cli.report.file'), t(out.lang, 'cli.report.path')];
        out.table([
          { [file]: tr(T.html!, out.lang), [where]: summary.html },
          { [file]: tr(T.excel!, out.lang), [where]: summary.excel },
        ]);
        out.info(
          tr(T.hidden!, out.lang, {
            s: summary.hidden_small,
            x: summary.hidden_secondary,
            t: ws.config.suppression.threshold,
            n: summary.tables,
            sec: summary.seconds.toFixed(1),
          }),
        );
        out.result(summary);
      } finally {
        await engine.close();
      }
    });
};
