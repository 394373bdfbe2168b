import { warnIfCostStale } from '../../costing/freshness.js';
import { parseLang, tr, type Text } from '../../i18n.js';
import { openWarehouse } from '../../model/warehouse.js';
import { writeReport } from '../../report/index.js';
import type { RegisterCommand } from '../context.js';

const T: Record<string, Text> = {
  html: { da: 'Rapport (HTML)', sv: 'Rapport (HTML)', en: 'Report (HTML)' },
  excel: { da: 'Regneark (Excel)', sv: 'Kalkylblad (Excel)', en: 'Workbook (Excel)' },
  hidden: {
    da: '{s} små celler skjult (< {t}) og {x} skjult for at beskytte dem; {n} tabeller; {sec} s.',
    sv: '{s} små celler dolda (< {t}) och {x} dolda för att skydda dem; {n} tabeller; {sec} s.',
    en: '{s} small cells hidden (< {t}) and {x} hidden to protect them; {n} tables; {sec} s.',
  },
};

/** `tvaerblik report [--lang da|sv|en]`: the HTML report and Excel workbook under reports/. */
export const registerReport: RegisterCommand = (program, ctx) => {
  program
    .command('report')
    .description(
      'write the HTML report and the Excel workbook (every table suppressed) to the workspace’s reports/',
    )
    .option('--report-lang <lang>', 'language of the report: da, sv or en (default: --lang, else da)')
    .option('--period <id>', 'the period the report is about (default: the last one)')
    .option('--municipality <code>', 'the municipality the report is about (default: the first one)')
    .action(async (opts: { reportLang?: string; period?: string; municipality?: string }, cmd) => {
      const out = ctx.output(cmd);
      const ws = ctx.workspace(cmd);
      const engine = await openWarehouse(ws, { readOnly: true });
      try {
        await warnIfCostStale(ws, engine, out);
        const progress = out.progress(tr({ da: 'Rapport', sv: 'Rapport', en: 'Report' }, out.lang), 1);
        const summary = await writeReport(ws, engine, out, {
          lang: opts.reportLang ? parseLang(opts.reportLang) : out.lang,
          period: opts.period,
          municipality: opts.municipality,
        });
        progress.tick();
        progress.stop();
        out.table([
          { [tr({ da: 'fil', sv: 'fil', en: 'file' }, out.lang)]: tr(T.html!, out.lang), path: summary.html },
          {
            [tr({ da: 'fil', sv: 'fil', en: 'file' }, out.lang)]: tr(T.excel!, out.lang),
            path: summary.excel,
          },
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
