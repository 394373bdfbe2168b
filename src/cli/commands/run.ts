import type { Command } from 'commander';
import { runAnalyses } from '../../analysis/index.js';
import { runCosting } from '../../costing/index.js';
import { tr, parseLang, type Text } from '../../i18n.js';
import { importSources } from '../../ingest/index.js';
import { openWarehouse } from '../../model/warehouse.js';
import { writeReport } from '../../report/index.js';
import { runTrajectories } from '../../trajectories/index.js';
import type { RegisterCommand } from '../context.js';

const T: Record<string, Text> = {
  stage: { da: 'trin', sv: 'steg', en: 'stage' },
  seconds: { da: 'sekunder', sv: 'sekunder', en: 'seconds' },
  skipped: {
    da: 'Ingen costing: i tvaerblik.yaml — omkostningstrinnet springes over.',
    sv: 'Ingen costing: i tvaerblik.yaml — kostnadssteget hoppas över.',
    en: 'No costing: in tvaerblik.yaml — the costing stage is skipped.',
  },
  done: {
    da: 'Færdig. Rapporten ligger i {file}',
    sv: 'Klart. Rapporten finns i {file}',
    en: 'Done. The report is in {file}',
  },
};

const STAGE_NAMES: Record<string, Text> = {
  import: { da: 'indlæsning', sv: 'inläsning', en: 'import' },
  cost: { da: 'omkostninger (KPB)', sv: 'kostnader (KPB)', en: 'costing (KPB)' },
  trajectories: { da: 'forløb og KMF', sv: 'förlopp och KMF', en: 'trajectories and KMF' },
  analyse: { da: 'analyser', sv: 'analyser', en: 'analyses' },
  report: { da: 'rapport', sv: 'rapport', en: 'report' },
};

/** `tvaerblik run`: the whole job on a workspace — import → cost → trajectories → analyse → report. */
export const registerRun: RegisterCommand = (program, ctx) => {
  program
    .command('run')
    .description('run the whole job on a workspace: import → cost → trajectories → analyse → report')
    .option('--report-lang <lang>', 'language of the report (default: --lang)')
    .action(async (opts: { reportLang?: string }, cmd: Command) => {
      const out = ctx.output(cmd);
      const ws = ctx.workspace(cmd);
      const engine = await openWarehouse(ws);
      const stages: { stage: string; seconds: number; summary: unknown }[] = [];
      const timed = async (stage: string, fn: () => Promise<unknown>) => {
        const t0 = performance.now();
        const summary = await fn();
        stages.push({ stage, seconds: Math.round(performance.now() - t0) / 1000, summary });
        return summary;
      };
      try {
        await timed('import', () => importSources(ws, engine, out));
        if (ws.config.costing) await timed('cost', () => runCosting(ws, engine, out));
        else out.warn(tr(T.skipped!, out.lang));
        await timed('trajectories', () => runTrajectories(ws, engine, out));
        await timed('analyse', () => runAnalyses(ws, engine, out));
        const lang = opts.reportLang ? parseLang(opts.reportLang) : out.lang;
        const report = (await timed('report', () => writeReport(ws, engine, out, { lang }))) as {
          html?: string;
        };
        if (!out.json)
          out.table(
            stages.map((s) => ({
              [tr(T.stage!, out.lang)]: tr(STAGE_NAMES[s.stage]!, out.lang),
              [tr(T.seconds!, out.lang)]: s.seconds,
            })),
          );
        if (report.html) out.info(tr(T.done!, out.lang, { file: report.html }));
        out.result({ stages });
      } finally {
        await engine.close();
      }
    });
};
