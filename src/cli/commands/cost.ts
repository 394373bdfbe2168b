import { texts } from '../../core/messages.js';
import { exportKeyFiguresCsv, runCosting, type CostingSummary } from '../../costing/index.js';
import { checkPurpose, exportFormat, exportPersonCosts } from '../../costing/export.js';
import { T } from '../../costing/messages.js';
import { UserError } from '../../errors.js';
import { formatMoney, tr, type Lang } from '../../i18n.js';
import { openWarehouse } from '../../model/warehouse.js';
import type { Engine } from '../../engine/engine.js';
import type { RegisterCommand } from '../context.js';
import { costingWorkspace } from '../costing-default.js';
import { following, type Output } from '../output.js';
import { publishTable } from '../../publish/index.js';
import { hiddenText } from '../../publish/index.js';

const HEAD: Record<string, Record<Lang, string>> = texts('cli.cost.head', [
  'pool',
  'kind',
  'key',
  'order',
  'amount',
  'code',
  'provider',
  'unit',
  'volume',
  'total',
  'unit_cost',
  'persons',
  'period',
  'municipality',
  'figure',
  'value',
]);
const h = (k: string, lang: Lang) => HEAD[k]![lang];

export const registerCost: RegisterCommand = (program, ctx) => {
  program
    .command('cost')
    .description(ctx.help('cost.about'))
    .option('--key-figures <file>', ctx.help('cost.opt.key_figures'))
    .option('--export-persons <file>', ctx.help('cost.opt.export_persons'))
    .option('--purpose <text>', ctx.help('cost.opt.purpose'))
    .action(async (opts: { keyFigures?: string; exportPersons?: string; purpose?: string }, cmd) => {
      const out = ctx.output(cmd);
      const ws = ctx.workspace(cmd);
      // check the export's arguments before costing runs
      if (opts.purpose !== undefined && !opts.exportPersons)
        throw new UserError(tr(T.purposeNeedsFile, out.lang), { key: '--purpose' });
      if (opts.exportPersons) {
        checkPurpose(opts.purpose, out.lang);
        exportFormat(opts.exportPersons, out.lang);
      }
      const engine = await openWarehouse(ws);
      try {
        const summary = await runCosting(
          await costingWorkspace(ws, engine, out),
          engine,
          following(out, engine),
        );
        if (opts.keyFigures) {
          await exportKeyFiguresCsv(engine, opts.keyFigures);
          out.info(tr(T.keyFigWritten, out.lang, { file: opts.keyFigures }));
        }
        const exported = opts.exportPersons
          ? await exportPersonCosts(ws, engine, opts.exportPersons, opts.purpose!, out.lang)
          : undefined;
        if (exported)
          out.info(
            tr(T.exportWritten, out.lang, {
              file: exported.file,
              rows: exported.rows.toString(),
              log: 'logs/person-exports.jsonl',
            }),
          );
        const threshold = ws.config.suppression.threshold;
        await printSummary(out, engine, summary, threshold);
        out.result({
          ...summary,
          persons: personsText(summary.persons, threshold),
          ...(exported
            ? { personExport: { file: exported.file, format: exported.format, rows: exported.rows } }
            : {}),
        });
      } finally {
        await engine.close();
      }
    });
};

/** The number of citizens costed, or "< 5" when there are fewer than the suppression threshold. */
function personsText(n: bigint, threshold: number): string {
  return n > 0n && n < BigInt(threshold) ? hiddenText('small', threshold) : n.toString();
}

async function printSummary(
  out: Output,
  engine: Engine,
  s: CostingSummary,
  threshold: number,
): Promise<void> {
  const lang = out.lang;
  for (const w of s.warnings) out.warn(w);
  if (out.json) return;
  out.info(tr(T.poolsHeading, lang));
  out.table(
    s.pools.map((p) => ({
      [h('pool', lang)]: p.pool,
      [h('kind', lang)]: p.kind,
      [h('key', lang)]: p.key,
      [h('order', lang)]: p.order,
      [h('amount', lang)]: formatMoney(p.ledgerMinor, lang),
    })),
  );
  out.info(tr(T.unitHeading, lang));
  // the table the API serves, suppressed as it is there (a service used by 1–4 citizens is hidden)
  const shown = await publishTable(engine, 'cost_unit', threshold, [
    'period',
    'municipality',
    'catalogue_code',
    'provider',
  ]);
  const text = (v: unknown, f: (x: never) => string) =>
    typeof v === 'string' && /^(<|x)/.test(v) ? v : f(v as never);
  out.table(
    shown.map((u) => ({
      [h('period', lang)]: u.period,
      [h('municipality', lang)]: u.municipality,
      [h('code', lang)]: u.catalogue_code,
      [h('provider', lang)]: u.provider,
      [h('unit', lang)]: u.unit ?? '',
      [h('volume', lang)]: u.volume ?? '',
      [h('total', lang)]: text(u.total_minor, (x: bigint) => formatMoney(x, lang, 0)),
      [h('unit_cost', lang)]:
        u.unit_cost_minor === null
          ? ''
          : text(u.unit_cost_minor, (x: string) => formatMoney(roundMinor(x), lang)),
      [h('persons', lang)]: u.persons,
    })),
  );
  const figures = await publishTable(engine, 'cost_key_figure', threshold, [
    'period',
    'municipality',
    'key_figure',
    'measure',
  ]);
  if (figures.length > 0) {
    out.info(tr(T.keyFigHeading, lang));
    out.table(
      figures.map((f) => ({
        [h('period', lang)]: f.period,
        [h('municipality', lang)]: f.municipality,
        [h('figure', lang)]: f.key_figure,
        [h('unit', lang)]: f.measure,
        [h('value', lang)]: f.value ?? '',
      })),
    );
  }
  out.info(
    tr(T.done, lang, {
      persons: personsText(s.persons, threshold),
      periods: s.periods.length,
      attributed: formatMoney(s.attributedMinor + s.attributedOutsideLedgerMinor, lang, 0),
      nonattr: formatMoney(s.nonattributableMinor, lang, 0),
      excluded: formatMoney(s.excludedMinor, lang, 0),
      ledger: formatMoney(s.ledgerMinor, lang, 0),
    }),
  );
}

/** A DECIMAL amount of øre as read ("8333.5000") rounded to whole øre, half away from zero, exactly. */
export function roundMinor(decimal: string): bigint {
  const [whole, fraction = ''] = decimal.replace(/^-/, '').split('.');
  const abs = BigInt(whole!) + ((fraction[0] ?? '0') >= '5' ? 1n : 0n);
  return decimal.startsWith('-') ? -abs : abs;
}
