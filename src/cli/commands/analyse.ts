import { texts } from '../../core/messages.js';
import { analysisConfig } from '../../analysis/config.js';
import { runAnalyses } from '../../analysis/index.js';
import { warnIfCostStale } from '../../costing/freshness.js';
import { formatMoney, formatNumber, tr, type Text } from '../../i18n.js';
import { openWarehouse } from '../../model/warehouse.js';
import { publishMarts } from '../../publish/index.js';
import type { RegisterCommand } from '../context.js';
import { following } from '../output.js';

const T: Record<string, Text> = texts('cli.analyse', [
  'mart',
  'rows',
  'headline',
  'group',
  'persons',
  'cost',
  'share',
  'done',
]);

const SEGMENT: Record<string, Text> = texts('cli.analyse.segment', ['all', 'top', 'bottom']);

/** `tvaerblik analyse`: build the marts, then show the headline table (suppressed, like everything shown). */
export const registerAnalyse: RegisterCommand = (program, ctx) => {
  program
    .command('analyse')
    .alias('analyze')
    .description(ctx.help('analyse.about'))
    .action(async (_opts: unknown, cmd) => {
      const out = ctx.output(cmd);
      const ws = ctx.workspace(cmd);
      const engine = await openWarehouse(ws);
      try {
        await warnIfCostStale(ws, engine, out);
        const summary = await runAnalyses(ws, engine, following(out, engine));
        const lang = out.lang;
        if (!out.json) {
          out.table(summary.marts.map((m) => ({ [tr(T.mart!, lang)]: m.mart, [tr(T.rows!, lang)]: m.rows })));
          // the headline as the report shows it: suppressed together with every other mart
          const published = (await publishMarts(engine, ws.config.suppression.threshold)).get(
            'mart_headline',
          )!;
          const period = summary.periods[summary.periods.length - 1];
          const muni = summary.municipalities[0];
          const order = ['all', 'top', 'bottom'];
          const mine = published.rows
            .filter((r) => r.cells.period === period && r.cells.municipality === muni)
            .sort((a, b) => order.indexOf(String(a.cells.segment)) - order.indexOf(String(b.cells.segment)));
          const first = mine[0]?.cells;
          out.info(
            '\n' +
              tr(T.headline!, lang, {
                a: String(first?.age_from ?? ''),
                b: String(first?.age_to ?? ''),
                p: String(period),
                m: String(muni),
              }),
          );
          const hide = (h: string | null, counts = false) =>
            h === 'small' && counts ? `< ${published.threshold}` : 'x';
          // the group's per cent is configuration, shown even when the row's figures are hidden
          const head = analysisConfig(ws).headline;
          const pctOf = (r: (typeof mine)[number]) =>
            r.cells.pct ?? (r.cells.segment === 'top' ? head.top_pct : head.bottom_pct);
          out.table(
            mine.map((r) => ({
              [tr(T.group!, lang)]: tr(SEGMENT[String(r.cells.segment)] ?? SEGMENT.all!, lang, {
                p: String(pctOf(r)),
              }),
              [tr(T.persons!, lang)]: r.hidden
                ? hide(r.hidden, true)
                : formatNumber(Number(r.cells.persons), lang),
              [tr(T.cost!, lang)]: r.hidden
                ? hide(r.hidden)
                : formatMoney(r.cells.cost_minor as bigint, lang, 0),
              [tr(T.share!, lang)]: r.hidden
                ? hide(r.hidden)
                : `${formatNumber(Number(r.cells.cost_share) * 100, lang, 1)} %`,
            })),
          );
          out.info(tr(T.done!, lang, { n: summary.marts.length, s: formatNumber(summary.seconds, lang, 1) }));
        }
        out.result(summary);
      } finally {
        await engine.close();
      }
    });
};
