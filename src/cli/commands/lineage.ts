/**
 * `tvaerblik lineage TABLE [--row col=value …]`: where a published table's figures come from — the
 * model, the tables it reads, the source extracts (file, hash, rows used, import time), the rules and
 * the suppression applied (src/publish/lineage.ts, docs/lineage.md). Reads the warehouse read-only.
 */
import { existsSync } from 'node:fs';
import { t, userError } from '../../core/messages.js';
import { openDuckDB } from '../../engine/duckdb.js';
import { tr } from '../../i18n.js';
import { lineage, type Lineage } from '../../publish/lineage.js';
import type { Output } from '../output.js';
import type { RegisterCommand } from '../context.js';

/** `col=value` pairs into row keys; anything else is a user error. */
export function parseRowKeys(pairs: string[]): Record<string, string> {
  const keys: Record<string, string> = {};
  for (const p of pairs) {
    const m = /^([a-z_][a-z0-9_]*)=(.*)$/.exec(p);
    if (!m) throw userError('lineage.bad_row', { value: p }, { key: '--row' });
    keys[m[1]!] = m[2]!;
  }
  return keys;
}

/** The trail as a reader sees it: a heading, the model, the source extracts as a table, the rules, suppression. */
export function printLineage(trail: Lineage, out: Output): void {
  const L = (k: string, vars = {}) => t(out.lang, `lineage.${k}`, vars);
  out.info(L('heading', { table: trail.table, title: tr(trail.title, out.lang) }));
  out.info(L('model', { stage: trail.model.stage, files: trail.model.files.join(', ') || '—' }));
  out.info(L('reads', { tables: trail.reads.join(', ') || '—' }));
  if (trail.upstream.length) out.info(L('upstream', { tables: trail.upstream.join(', ') }));
  out.info(`\n${L('sources')}`);
  if (trail.sources.length === 0) out.info(L('no_sources'));
  else
    out.table(
      trail.sources.map((s) => ({
        [L('col.file')]: s.file,
        [L('col.table')]: s.table,
        [L('col.hash')]: s.fileHash.slice(0, 16),
        [L('col.rows_loaded')]: s.rowsLoaded,
        [L('col.rows_used')]: s.rowsUsed ?? L('withheld'),
        [L('col.rows')]: s.rows ?? '—',
        [L('col.imported_at')]: s.importedAt,
      })),
    );
  const r = trail.rules;
  const rules = [
    ...(r.costRun
      ? [
          L('cost_run', {
            at: r.costRun.runAt,
            status: r.costRun.status,
            hash: r.costRun.inputsHash.slice(0, 16),
          }),
        ]
      : []),
    ...(r.catalogue ? [L('catalogue', { id: r.catalogue.id, version: r.catalogue.version ?? '—' })] : []),
    ...r.files.map((f) => L('file', { role: f.role, file: f.file, hash: f.sha256.slice(0, 16) })),
    ...r.pools.map((p) => L('pool', p)),
    ...(r.configHash ? [L('config', { hash: r.configHash.slice(0, 16) })] : []),
  ];
  if (rules.length) out.info(`\n${L('rules')}\n${rules.map((l) => `  ${l}`).join('\n')}`);
  const s = trail.suppression;
  out.info(
    `\n${L('suppression', { threshold: s.threshold, cells: s.hiddenCells, rows: s.rows, small: s.small, secondary: s.secondary })}`,
  );
  if (s.selected) out.info(L('selected', s.selected));
}

export const registerLineage: RegisterCommand = (program, ctx) => {
  program
    .command('lineage')
    .description(ctx.help('lineage.about'))
    .argument('<table>', ctx.help('lineage.arg.table'))
    .option('--row <col=value...>', ctx.help('lineage.opt.row'))
    .action(async (table: string, opts: { row?: string[] }, cmd) => {
      const out = ctx.output(cmd);
      const ws = ctx.workspace(cmd);
      const rowKeys = parseRowKeys(opts.row ?? []);
      const file = ws.resolve(ws.config.warehouse);
      if (!existsSync(file)) throw userError('lineage.no_warehouse', { file });
      const engine = await openDuckDB({ file: ':memory:' });
      try {
        await engine.exec(`ATTACH ${engine.dialect.literal(file)} AS wh (READ_ONLY)`);
        const trail = await lineage(engine, table, rowKeys, {
          threshold: ws.config.suppression.threshold,
          ws,
        });
        printLineage(trail, out);
        out.result(trail);
      } finally {
        await engine.close();
      }
    });
};
