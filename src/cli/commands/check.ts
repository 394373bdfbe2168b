import { userError } from '../../core/messages.js';
import { formatMoney } from '../../i18n.js';
import { importSources } from '../../ingest/index.js';
import { checkRows, columnHeader } from '../../ingest/report.js';
import { openWarehouse } from '../../model/warehouse.js';
import type { RegisterCommand } from '../context.js';
import { incompleteError, printSummary } from './import.js';

export const registerCheck: RegisterCommand = (program, ctx) => {
  program
    .command('check')
    .description(ctx.help('check.about'))
    .argument('[source...]', ctx.help('check.arg.source'))
    .option('--all', ctx.help('check.opt.all'))
    .action(async (sources: string[], opts: { all?: boolean }, cmd) => {
      const out = ctx.output(cmd);
      const ws = ctx.workspace(cmd);
      const engine = await openWarehouse(ws);
      try {
        const summary = await importSources(ws, engine, out, { sources, dryRun: true });
        if (!out.json) {
          // headers in the reader's language (the data-quality report's own); the check id stays, for the config
          const shown = (rows: Record<string, unknown>[], cols: string[]) =>
            out.table(
              rows.map((r) => Object.fromEntries(cols.map((c) => [columnHeader(c, out.lang), r[c]]))),
            );
          const rows = checkRows(summary, out.lang).filter((r) => opts.all || r.status !== 'pass');
          shown(rows, [
            'source_id',
            'check',
            'check_id',
            'severity',
            'rows_violated',
            'pct_violated',
            'threshold_pct',
            'status',
            'sample_rows',
          ]);
          if (summary.unmapped.length)
            shown(
              summary.unmapped.map((u) => ({ ...u, amount: formatMoney(u.amount_minor, out.lang) })),
              ['source_id', 'local_code', 'rows', 'amount'],
            );
        }
        printSummary(out, summary);
        out.result(summary);
        if (summary.stopped) throw userError('cli.check.stop', {}, { file: summary.reports.html }, 3);
        // as `import` would: exit 1 when rows without an identified person exceed their threshold
        const incomplete = incompleteError(out, summary);
        if (incomplete) throw incomplete;
      } finally {
        await engine.close();
      }
    });
};
