/**
 * Import step 2, data quality: run the source's checks (checks.ts) over the staged rows, count what is
 * read and what is rejected, list unmapped local codes and, for a stop failure, find where it was first
 * seen (file, row, source column) so the error can name it.
 */
import path from 'node:path';
import type { SourceConfig } from '../config/schema.js';
import type { Workspace } from '../config/workspace.js';
import type { Engine } from '../engine/engine.js';
import {
  checksFor,
  rejectPredicate,
  runChecks,
  unmappedCodes,
  type CheckResult,
  type UnmappedCode,
} from './checks.js';
import { exprColumns } from './expr.js';
import type { PersonIds } from './persons.js';
import type { Plan } from './plan.js';
import { noRowsFinding } from './read.js';
import type { StagedRows } from './stage.js';

/** Where a stop failure was first seen: the extract file, its row and the source column. */
export interface StopAt {
  file: string | undefined;
  row: number | undefined;
  column: string | undefined;
}

export interface Checked {
  stopAt: StopAt | undefined;
  rowsRead: number;
  rowsRejected: number;
  /** SQL predicate over stgv (alias t): the rows not loaded */
  reject: string;
  checks: CheckResult[];
  unmapped: UnmappedCode[];
}

/** Check the rows staged in stg/stgv. */
export async function checkStaged(
  ws: Workspace,
  tx: Engine,
  p: Plan,
  staged: StagedRows,
  ids: PersonIds,
  tick: () => void,
): Promise<Checked> {
  const { source } = p;
  const { fields, hasPersonId } = staged;
  const defs = checksFor(source, fields, hasPersonId, p.period);
  // persons first seen since the last source are looked up in residence once (person_has_residence)
  if (hasPersonId && source.target !== 'residence') await ids.markWithoutResidence(tx);
  const { results, total, rejected } = await runChecks(tx, source, defs);
  const stop = results.find((c) => c.severity === 'stop' && c.status === 'fail');
  let stopAt: StopAt | undefined;
  if (stop) {
    const def = defs.find((d) => d.id === stop.check_id)!;
    const first = def.countSql
      ? { __file: 0, __row: stop.sample_rows[0] }
      : await tx.one<{ __file: number; __row: bigint }>(
          `SELECT __file, __row FROM stgv t WHERE coalesce((${def.predicate}), false) ORDER BY __file, __row LIMIT 1`,
        );
    const file = p.files[Number(first.__file)];
    stopAt = {
      file: file ? path.relative(ws.dir, file) : undefined,
      row: first.__row === undefined ? undefined : Number(first.__row),
      column: sourceColumn(source, stop.field),
    };
  }
  tick();
  const reject = rejectPredicate(defs);
  const rowsRead = total;
  // A header-only extract must not silently replace loaded rows: a finding, severity stop by default.
  if (rowsRead === 0) results.push(noRowsFinding(source));
  const rowsRejected = rejected;
  // The rows with an unmapped code are local_code_mapped's violations, counted in the checks' pass: when
  // there are none, there is no list to gather (and no pass over the rows for it).
  const unmappedRows = results.find((c) => c.check_id === 'local_code_mapped')?.rows_violated ?? 0;
  const unmapped =
    source.target === 'service' && fields.get('local_code')?.mapped && unmappedRows > 0
      ? await unmappedCodes(tx, source, true)
      : [];
  tick();
  return { stopAt, rowsRead, rowsRejected, reject, checks: results, unmapped };
}

/** The source column(s) a canonical field is read from (never a cell value). */
function sourceColumn(source: SourceConfig, field: string | null): string | undefined {
  const m = field ? source.columns[field] : undefined;
  if (m === undefined) return undefined;
  if (typeof m === 'string') return m;
  if (m.column !== undefined) return m.column;
  return m.expr !== undefined ? exprColumns(m.expr).join(', ') : undefined;
}
