import type { Workspace } from '../../config/workspace.js';
import { text, texts, userError } from '../../core/messages.js';
import { UserError } from '../../errors.js';
import { openWarehouse } from '../../model/warehouse.js';
import { tr, type Lang } from '../../i18n.js';
import { DataQualityStop, importSources, type ImportSummary } from '../../ingest/index.js';
import { ingestError } from '../../ingest/messages.js';
import type { RegisterCommand } from '../context.js';
import type { Output } from '../output.js';

const STATUS: Record<string, Record<Lang, string>> = texts('cli.import.status', [
  'loaded',
  'replaced',
  'unchanged',
  'stopped',
  'checked',
]);

const HEAD: Record<string, Record<Lang, string>> = texts('cli.import.head', [
  'source',
  'status',
  'rows_read',
  'rows_loaded',
  'rows_rejected',
  'rows_filtered',
  'import_id',
]);

/** The per-source summary table of an import or check run. */
export function printSummary(out: Output, s: ImportSummary): void {
  const filtered = s.sources.some((x) => (x.rows_filtered ?? 0) > 0);
  const rows = s.sources.map((x) => ({
    [HEAD.source![out.lang]]: x.source,
    [HEAD.status![out.lang]]: STATUS[x.status]![out.lang],
    [HEAD.rows_read![out.lang]]: x.rows_read,
    [HEAD.rows_loaded![out.lang]]: x.rows_loaded,
    [HEAD.rows_rejected![out.lang]]: x.rows_rejected,
    // rows a `where:` left out, when any were: counted, never silent
    ...(filtered ? { [HEAD.rows_filtered![out.lang]]: x.rows_filtered ?? '' } : {}),
    [HEAD.import_id![out.lang]]: x.import_id ?? '',
  }));
  if (!out.json) out.table(rows);
  const warned = s.checks.filter((c) => c.status === 'fail').length;
  out.info(tr(text('cli.import.dq_over'), out.lang, { n: warned, file: s.reports.html }));
}

function unidentifiedVars(u: ImportSummary['unidentified'][number]): Record<string, string | number> {
  return { rows: u.rows, source: u.source, check: u.check, pct: u.pct, threshold: u.threshold };
}

/** Exit 1: loaded, but rows without an identified person exceed the threshold (default 0 %). */
export function incompleteError(out: Output, s: ImportSummary): UserError | undefined {
  const u = s.unidentified.find((x) => x.status === 'fail' && x.severity === 'warn');
  if (!u) return undefined;
  const e = ingestError(out.lang, u.loaded ? 'unidentified' : 'unidentified_rejected', unidentifiedVars(u));
  return new UserError(e.message, { key: `sources.${u.source}.checks.${u.check}`, hint: e.location.hint }, 1);
}

/** Exit 2: `sources:` is empty (right after `init`) — nothing to import is a setup step left, not "0 rows". */
export function checkSourcesConfigured(ws: Workspace): void {
  if (ws.config.sources.length === 0)
    throw userError(
      'cli.import.no_sources',
      { file: ws.configPath },
      { file: ws.configPath, key: 'sources' },
    );
}

export const registerImport: RegisterCommand = (program, ctx) => {
  program
    .command('import')
    .description(ctx.help('import.about'))
    .argument('[source...]', ctx.help('import.arg.source'))
    .action(async (sources: string[], _opts: unknown, cmd) => {
      const out = ctx.output(cmd);
      const ws = ctx.workspace(cmd);
      checkSourcesConfigured(ws);
      const engine = await openWarehouse(ws);
      try {
        const summary = await importSources(ws, engine, out, { sources });
        printSummary(out, summary);
        out.result(summary);
        const incomplete = incompleteError(out, summary);
        if (incomplete) throw incomplete;
      } catch (e) {
        if (e instanceof DataQualityStop) {
          printSummary(out, e.summary);
          out.result(e.summary);
        }
        throw e;
      } finally {
        await engine.close();
      }
    });
};
