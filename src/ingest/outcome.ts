/**
 * What an import hands back: the summary with its reports, the rows without an identified person
 * (never lost in silence), and for a stop failure the exit-3 error naming the file, row and column.
 */
import path from 'node:path';
import type { SourceConfig } from '../config/schema.js';
import type { Workspace } from '../config/workspace.js';
import { UserError } from '../errors.js';
import type { Lang } from '../i18n.js';
import { NUMERIC_FIELD, type CheckResult } from './checks.js';
import { fieldSpec } from './fields.js';
import { ingestError } from './messages.js';
import type { StopAt } from './quality.js';
import type { DqReport, ReportFiles } from './report.js';

export interface ImportSummary extends DqReport {
  reports: ReportFiles;
  /** rows without an identified person (id missing or invalid), per source and check */
  unidentified: Unidentified[];
  /** a finding of unidentified rows is over its threshold: the import exits non-zero (1) */
  incomplete: boolean;
}

export interface Unidentified {
  source: string;
  check: string;
  rows: number;
  pct: number;
  threshold: number;
  status: CheckResult['status'];
  severity: CheckResult['severity'];
  /** loaded without a person (service) or rejected (targets that need a person) */
  loaded: boolean;
}

/** The checks of rows without an identified person (see checks.ts). */
const UNIDENTIFIED_CHECKS = new Set(['person_id_present', 'person_id_valid']);

/** A stop-severity failure: exit code 3, carrying the summary so the CLI can still show the report. */
export class DataQualityStop extends UserError {
  constructor(
    message: string,
    location: ConstructorParameters<typeof UserError>[1],
    readonly summary: ImportSummary,
  ) {
    super(message, location, 3);
  }
}

/** The findings of rows without an identified person, per source and check. */
export function unidentifiedRows(checks: CheckResult[], sources: SourceConfig[]): Unidentified[] {
  return checks
    .filter((c) => UNIDENTIFIED_CHECKS.has(c.check_id) && c.rows_violated > 0)
    .map((c) => ({
      source: c.source_id,
      check: c.check_id,
      rows: c.rows_violated,
      pct: c.pct_violated,
      threshold: c.threshold_pct,
      status: c.status,
      severity: c.severity,
      loaded: sources.find((x) => x.id === c.source_id)?.target === 'service',
    }));
}

/** The exit-3 error of a stop failure, naming the extract file, row and column and the fix. */
export function stopError(
  lang: Lang,
  ws: Workspace,
  stopped: CheckResult,
  at: StopAt | undefined,
  reports: ReportFiles,
  summary: ImportSummary,
): DataQualityStop {
  const report = path.relative(ws.dir, reports.html);
  const source = ws.config.sources.find((s) => s.id === stopped.source_id)!;
  const spec = stopped.field ? fieldSpec(source.target, stopped.field) : undefined;
  const location = { file: at?.file ?? report, row: at?.row ?? stopped.sample_rows[0], column: at?.column };
  const vars = {
    check: stopped.check_id,
    source: stopped.source_id,
    field: stopped.field ?? '',
    n: stopped.rows_violated,
    pct: stopped.pct_violated,
    threshold: stopped.threshold_pct,
    decimal: source.csv?.decimal ?? '.',
    report,
    file: location.file,
    row: location.row ?? '?',
    column: location.column ?? stopped.field ?? '',
  };
  const numberError =
    stopped.check_id === `${stopped.field}_format` && NUMERIC_FIELD.includes(spec?.type ?? '');
  // an extract with no data rows is named as such, at the extract (it has no row or column to name)
  const key = stopped.check_id === 'rows_present' ? 'no_rows' : numberError ? 'bad_number' : 'stop';
  const e = ingestError(lang, key, vars, key === 'no_rows' ? { file: source.file } : location, 3);
  return new DataQualityStop(e.message, e.location, summary);
}
