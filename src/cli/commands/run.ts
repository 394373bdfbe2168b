import { texts, userError } from '../../core/messages.js';
import type { Command } from 'commander';
import { runAnalyses } from '../../analysis/index.js';
import { runCosting } from '../../costing/index.js';
import { tr, parseLang, type Text } from '../../i18n.js';
import { importSources, type ImportSummary } from '../../ingest/index.js';
import { openWarehouse } from '../../model/warehouse.js';
import { writeReport } from '../../report/index.js';
import { runTrajectories } from '../../trajectories/index.js';
import type { RegisterCommand } from '../context.js';
import { following } from '../output.js';
import { costingWorkspace } from '../costing-default.js';
import { checkSourcesConfigured, incompleteError } from './import.js';

const T: Record<string, Text> = texts('cli.run', ['stage', 'seconds', 'stopped', 'done']);

const STAGE_NAMES: Record<string, Text> = texts('cli.run.stages', [
  'import',
  'cost',
  'trajectories',
  'analyse',
  'report',
]);

/** The stages of `run`, in order; `--until` names the last one to run. */
export const RUN_STAGES = ['import', 'cost', 'trajectories', 'analyse', 'report'] as const;
type Stage = (typeof RUN_STAGES)[number];

/** `tvaerblik run`: the whole job on a workspace — import → cost → trajectories → analyse → report. */
export const registerRun: RegisterCommand = (program, ctx) => {
  program
    .command('run')
    .description(ctx.help('run.about'))
    .option('--report-lang <lang>', ctx.help('run.opt.report_lang'))
    .option('--until <stage>', ctx.help('run.opt.until', { stages: RUN_STAGES.join(', ') }))
    .action(async (opts: { reportLang?: string; until?: string }, cmd: Command) => {
      const out = ctx.output(cmd);
      const until = opts.until ?? 'report';
      if (!(RUN_STAGES as readonly string[]).includes(until))
        throw userError('cli.run.until', { value: until, list: RUN_STAGES.join(', ') }, { key: '--until' });
      const last = RUN_STAGES.indexOf(until as Stage);
      const ws = ctx.workspace(cmd);
      checkSourcesConfigured(ws);
      const engine = await openWarehouse(ws);
      // the bars of the stages follow the warehouse's running statement
      const bars = following(out, engine);
      const stages: { stage: string; seconds: number; summary: unknown }[] = [];
      const timed = async (stage: Stage, fn: () => Promise<unknown>) => {
        const t0 = performance.now();
        const summary = await fn();
        stages.push({ stage, seconds: Math.round(performance.now() - t0) / 1000, summary });
        return summary;
      };
      // a stage runs when it is not after --until
      const wanted = (stage: Stage) => RUN_STAGES.indexOf(stage) <= last;
      try {
        let report: { html?: string } = {};
        const imported = (await timed('import', () => importSources(ws, engine, bars))) as ImportSummary;
        if (wanted('cost')) {
          const costed = await costingWorkspace(ws, engine, out);
          await timed('cost', () => runCosting(costed, engine, bars));
        }
        if (wanted('trajectories')) await timed('trajectories', () => runTrajectories(ws, engine, bars));
        if (wanted('analyse')) await timed('analyse', () => runAnalyses(ws, engine, bars));
        if (wanted('report')) {
          const lang = opts.reportLang ? parseLang(opts.reportLang) : out.lang;
          report = (await timed('report', () => writeReport(ws, engine, bars, { lang }))) as {
            html?: string;
          };
        }
        if (!out.json)
          out.table(
            stages.map((s) => ({
              [tr(T.stage!, out.lang)]: tr(STAGE_NAMES[s.stage]!, out.lang),
              [tr(T.seconds!, out.lang)]: s.seconds,
            })),
          );
        if (report.html) out.info(tr(T.done!, out.lang, { file: report.html }));
        else out.info(tr(T.stopped!, out.lang, { stage: tr(STAGE_NAMES[until]!, out.lang) }));
        out.result({ stages });
        // the whole run completes, but its exit status shows rows without an identified person, as import's does
        const incomplete = incompleteError(out, imported);
        if (incomplete) throw incomplete;
      } finally {
        await engine.close();
      }
    });
};
