/**
 * The data-quality findings in the warehouse (dq_result, dq_unmapped_code): stored with the import that
 * produced them, and read back for a source that is unchanged (it keeps the findings of its import).
 */
import type { Engine, Value } from '../engine/engine.js';
import type { CheckResult, UnmappedCode } from './checks.js';

export async function storeDq(
  tx: Engine,
  runId: string,
  importId: number | null,
  checks: CheckResult[],
  unmapped: UnmappedCode[],
): Promise<void> {
  const at = runId.replace('T', ' ').replace('Z', '');
  const rows: Value[][] = checks.map((c) => [
    runId,
    importId,
    c.source_id,
    c.check_id,
    c.kind,
    c.severity,
    c.field,
    c.threshold_pct,
    BigInt(c.rows_checked),
    BigInt(c.rows_violated),
    c.pct_violated,
    c.status,
    c.sample_rows.join(','),
    at,
  ]);
  if (rows.length)
    await tx.append(
      'dq_result',
      [
        'run_id',
        'import_id',
        'source_id',
        'check_id',
        'kind',
        'severity',
        'field',
        'threshold_pct',
        'rows_checked',
        'rows_violated',
        'pct_violated',
        'status',
        'sample_rows',
        'checked_at',
      ],
      rows,
    );
  if (unmapped.length)
    await tx.append(
      'dq_unmapped_code',
      ['run_id', 'source_id', 'local_code', 'rows', 'amount_minor'],
      unmapped.map((u) => [runId, u.source_id, u.local_code, BigInt(u.rows), u.amount_minor]),
    );
}

export async function previousDq(
  engine: Engine,
  importId: number,
): Promise<{ checks: CheckResult[]; unmapped: UnmappedCode[] }> {
  const rows = await engine.all<{
    run_id: string;
    source_id: string;
    check_id: string;
    kind: CheckResult['kind'];
    severity: CheckResult['severity'];
    field: string | null;
    threshold_pct: number;
    rows_checked: bigint;
    rows_violated: bigint;
    pct_violated: number;
    status: CheckResult['status'];
    sample_rows: string | null;
  }>('SELECT * EXCLUDE (import_id, checked_at) FROM dq_result WHERE import_id = $id ORDER BY rowid', {
    id: importId,
  });
  const checks = rows.map((r) => ({
    source_id: r.source_id,
    check_id: r.check_id,
    kind: r.kind,
    severity: r.severity,
    field: r.field,
    threshold_pct: r.threshold_pct,
    rows_checked: Number(r.rows_checked),
    rows_violated: Number(r.rows_violated),
    pct_violated: r.pct_violated,
    status: r.status,
    sample_rows: r.sample_rows ? r.sample_rows.split(',').map(Number) : [],
    description: { da: r.check_id, sv: r.check_id, en: r.check_id },
  }));
  const runId = rows[0]?.run_id;
  const unmapped = runId
    ? (
        await engine.all<{ source_id: string; local_code: string; rows: bigint; amount_minor: bigint }>(
          'SELECT source_id, local_code, rows, amount_minor FROM dq_unmapped_code WHERE run_id = $r AND source_id = $s',
          { r: runId, s: rows[0]!.source_id },
        )
      ).map((u) => ({ ...u, rows: Number(u.rows) }))
    : [];
  return { checks, unmapped };
}
