import { writeFileSync } from 'node:fs';
import { formatMoney, tr, type Lang, type Text } from '../../i18n.js';
import { openWarehouse } from '../../model/warehouse.js';
import { timelineSvg } from '../../trajectories/chart.js';
import { parseTrajectoriesConfig } from '../../trajectories/config.js';
import {
  personTimeline,
  reportTrajectories,
  runTrajectories,
  STEPS,
  type Step,
} from '../../trajectories/index.js';
import { msg } from '../../trajectories/messages.js';
import { texts, userError } from '../../core/messages.js';
import type { Value } from '../../engine/engine.js';
import { publishForCli, publishTable } from '../../publish/index.js';
import type { RegisterCommand } from '../context.js';
import { following } from '../output.js';

const SECTOR: Record<'hospital' | 'general_practice' | 'municipal' | 'regional', Text> = texts(
  'cli.trajectories.sector',
  ['hospital', 'general_practice', 'municipal', 'regional'],
);

const HEAD: Record<string, Text> = texts('cli.trajectories.head', [
  'level',
  'group',
  'period',
  'index',
  'readmitted',
  'rate',
  'crude',
  'code',
  'contacts',
  'kmf',
]);
const h = (k: string, lang: Lang) => HEAD[k]![lang];

/** The levels of readmission_rate the command prints (the others are in the report and the API). */
const SHOWN_LEVELS = ['total', 'municipality', 'cluster'];

/** A published cell as a number where it is one (a count, a DECIMAL read as text); "< 5" and "x" stay. */
const shown = (v: Value | undefined): Value | undefined =>
  typeof v === 'bigint' || (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) ? Number(v) : v;

export const registerTrajectories: RegisterCommand = (program, ctx) => {
  program
    .command('trajectories')
    .description(ctx.help('trajectories.about'))
    .option('--until <step>', ctx.help('trajectories.opt.until', { steps: STEPS.join(', ') }))
    .option('--timeline <person_key>', ctx.help('trajectories.opt.timeline'))
    .option('--chart <file.svg>', ctx.help('trajectories.opt.chart'))
    .action(async (opts: { until?: string; timeline?: string; chart?: string }, cmd) => {
      const out = ctx.output(cmd);
      const ws = ctx.workspace(cmd);
      if (opts.until !== undefined && !(STEPS as readonly string[]).includes(opts.until))
        throw userError(
          'cli.trajectories.step',
          { value: String(opts.until), steps: STEPS.join(', ') },
          { key: '--until' },
        );
      if (opts.timeline !== undefined) {
        const engine = await openWarehouse(ws, { readOnly: true });
        try {
          out.warn(tr(msg.timelineAudit, out.lang));
          const events = await personTimeline(engine, opts.timeline);
          if (events.length === 0) out.info(tr(msg.timelineEmpty, out.lang));
          else if (!out.json)
            out.table(events.map((e) => ({ ...e, sector: tr(SECTOR[e.sector], out.lang) })));
          if (opts.chart) {
            const labels = Object.fromEntries(
              Object.entries(SECTOR).map(([k, t]) => [k, tr(t, out.lang)]),
            ) as Record<keyof typeof SECTOR, string>;
            writeFileSync(opts.chart, timelineSvg(events, labels, out.lang));
          }
          out.result({ events });
        } finally {
          await engine.close();
        }
        return;
      }
      const engine = await openWarehouse(ws);
      try {
        const summary = await runTrajectories(ws, engine, following(out, engine), {
          until: opts.until as Step | undefined,
        });
        const cfg = parseTrajectoriesConfig(ws.config.trajectories, ws.configPath);
        reportTrajectories(summary, cfg, out);
        if (!out.json && summary.readmission) {
          // the table the API serves, suppressed as it is there; then the levels shown here
          const rates = (
            await publishTable(engine, 'readmission_rate', ws.config.suppression.threshold, [
              'period',
              'level',
              'grp',
            ])
          ).filter((r) => SHOWN_LEVELS.includes(String(r.level)));
          out.table(
            rates.map((r) => ({
              [h('period', out.lang)]: r.period,
              [h('level', out.lang)]: r.level,
              [h('group', out.lang)]: r.grp,
              [h('index', out.lang)]: shown(r.index_stays),
              [h('readmitted', out.lang)]: shown(r.readmissions),
              [h('rate', out.lang)]: shown(r.rate_pct),
              [h('crude', out.lang)]: shown(r.crude_rate_pct),
            })),
          );
        }
        if (!out.json && summary.kmf && !summary.kmf.skipped)
          out.table(
            publishForCli('kmf_by_code', summary.kmf.by_code, ws.config.suppression.threshold).map((c) => ({
              [h('code', out.lang)]: c.catalogue_code,
              [h('contacts', out.lang)]: c.contacts,
              [h('kmf', out.lang)]:
                typeof c.kmf_minor === 'bigint' ? formatMoney(c.kmf_minor, out.lang) : c.kmf_minor,
            })),
          );
        out.result(summary);
      } finally {
        await engine.close();
      }
    });
};
