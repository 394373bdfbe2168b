/**
 * Data-quality checks in the manner of OHDSI's Data Quality Dashboard: a few parameterised SQL
 * predicates over the staged rows, expanded by the field metadata of each target into concrete checks.
 * Every check has a kind, a severity (stop/warn/info) and a threshold: the share of rows (%) allowed
 * to violate it. A stop check over its threshold loads nothing.
 */
import type { SourceConfig, Period } from '../config/schema.js';
import type { Engine } from '../engine/engine.js';
import { dqFieldLabel } from '../core/dq-names.js';
import { t, type MessageVars } from '../core/messages.js';
import type { Lang, Text } from '../i18n.js';
import type { FieldSql } from './transform.js';

const LANGS: readonly Lang[] = ['da', 'sv', 'en'];

/**
 * A check's description from the catalogue (locales/ingest-texts, `ingest-texts.check.<name>`), its
 * placeholders filled in every language: the description is stored and shown as written.
 */
export function described(name: string, vars: (lang: Lang) => MessageVars = () => ({})): Text {
  return Object.fromEntries(LANGS.map((l) => [l, t(l, `ingest-texts.check.${name}`, vars(l))])) as Text;
}

export type CheckKind = 'conformance' | 'completeness' | 'plausibility';
export type Severity = 'stop' | 'warn' | 'info';

export interface CheckDef {
  id: string;
  kind: CheckKind;
  severity: Severity;
  /** % of rows allowed to violate the check */
  threshold: number;
  field: string | null;
  /** SQL predicate over a staged row (table alias t) that is true for a violating row */
  predicate: string;
  /** violating rows are not loaded */
  rejects: boolean;
  /** the severity can never be raised to stop (e.g. the post-2007 CPR modulus 11 warning) */
  neverStop?: boolean;
  /** a custom count (duplicates): SQL returning (n BIGINT), run after `setupSql` */
  countSql?: string;
  /** statements run before `countSql` (duplicates: the one grouping pass into TEMP TABLE dupg) */
  setupSql?: string;
  /** a custom sample query returning (__row) and, for duplicates, (orig): the row it repeats */
  sampleSql?: string;
  /** a finding of rows without an identified person: over its threshold, the import exits non-zero */
  unidentified?: boolean;
  description: Text;
}

export interface CheckResult {
  source_id: string;
  check_id: string;
  kind: CheckKind;
  severity: Severity;
  field: string | null;
  threshold_pct: number;
  rows_checked: number;
  rows_violated: number;
  pct_violated: number;
  /** pass: none violated; within: violated up to the threshold; fail: above it */
  status: 'pass' | 'within' | 'fail';
  /** file row numbers of up to 5 violating rows (never ids) */
  sample_rows: number[];
  /** for duplicates: the row each sample row repeats (same order as sample_rows) */
  sample_originals?: number[];
  description: Text;
}

export interface UnmappedCode {
  source_id: string;
  local_code: string;
  rows: number;
  amount_minor: bigint;
}

const DT = (f: string) => `t."f_${f}"`;

/** The row number's bits of a row's place in its source (file × 2^40 + row; see the duplicates check). */
const ROW_BITS = 2 ** 40 - 1;

/** Field types whose `_format` check stops by default. */
export const NUMERIC_FIELD: readonly string[] = ['decimal', 'money', 'int'];

/** The checks of one source, expanded from its target's fields and the mapping. */
export function checksFor(
  source: SourceConfig,
  fields: Map<string, FieldSql>,
  hasPersonId: boolean,
  period: Period | undefined,
): CheckDef[] {
  const checks: CheckDef[] = [];
  const add = (c: CheckDef) => checks.push(c);
  // A service row without an identified person still counts for the unit cost (KPB): it is loaded with no
  // person and its cost reported as non-attributable. Other targets need a person, so the row is rejected.
  const needsPerson = source.target !== 'service';
  if (hasPersonId) {
    add({
      id: 'person_id_present',
      kind: 'completeness',
      severity: 'warn',
      threshold: 0,
      field: 'person_id',
      predicate: 't.pid IS NULL',
      rejects: needsPerson,
      unidentified: true,
      description: described('person_id_present'),
    });
    add({
      id: 'person_id_valid',
      kind: 'conformance',
      severity: 'warn',
      threshold: 0,
      field: 'person_id',
      // the few ids that could not be read, looked up by pid (persons.ts): no join of the whole id map
      predicate: 't.pid IN (SELECT pid FROM idmap WHERE reason IS NOT NULL)',
      rejects: needsPerson,
      unidentified: true,
      description: described('person_id_valid'),
    });
    add({
      id: 'person_id_cpr_mod11',
      kind: 'conformance',
      severity: 'info',
      threshold: 100,
      field: 'person_id',
      predicate: `t.pid IN (SELECT pid FROM idmap WHERE warning = 'cpr_mod11_fail')`,
      rejects: false,
      neverStop: true,
      description: described('person_id_cpr_mod11'),
    });
  }
  for (const [name, f] of fields) {
    if (f.spec.type === 'id') continue;
    // An unreadable number (`45#6,0`) would silently become an empty volume or amount: a row error by default.
    const numeric = NUMERIC_FIELD.includes(f.spec.type);
    if (f.mapped && f.present !== null)
      add({
        id: `${name}_format`,
        kind: 'conformance',
        severity: f.spec.required || numeric ? 'stop' : 'warn',
        threshold: f.spec.required && !numeric ? 5 : 0,
        field: name,
        predicate: `t."bad_${name}"`,
        rejects: Boolean(f.spec.required),
        description: described('format', (lang) => ({ field: dqFieldLabel(name, lang) })),
      });
    if (f.spec.required)
      add({
        id: `${name}_required`,
        kind: 'completeness',
        severity: 'stop',
        threshold: 5,
        field: name,
        predicate: `${DT(name)} IS NULL AND NOT t."bad_${name}"`,
        rejects: true,
        description: described('required', (lang) => ({ field: dqFieldLabel(name, lang) })),
      });
  }
  const has = (n: string) => fields.has(n) && fields.get(n)!.mapped;
  if (source.target === 'service') {
    add({
      id: 'catalogue_code_known',
      kind: 'conformance',
      severity: 'warn',
      threshold: 0,
      field: 'catalogue_code',
      predicate: `${DT('catalogue_code')} IS NOT NULL AND NOT t.known_code`,
      rejects: false,
      description: described('catalogue_code_known'),
    });
    if (has('local_code'))
      add({
        id: 'local_code_mapped',
        kind: 'completeness',
        severity: 'warn',
        threshold: 0,
        field: 'local_code',
        predicate: `${DT('local_code')} IS NOT NULL AND ${DT('catalogue_code')} IS NULL`,
        rejects: false,
        description: described('local_code_mapped'),
      });
    add({
      id: 'catalogue_code_present',
      kind: 'completeness',
      severity: 'warn',
      threshold: 0,
      field: 'catalogue_code',
      predicate: `${DT('local_code')} IS NULL AND ${DT('catalogue_code')} IS NULL`,
      rejects: false,
      description: described('catalogue_code_present'),
    });
    if (has('volume')) {
      add({
        id: 'volume_not_negative',
        kind: 'plausibility',
        severity: 'warn',
        threshold: 0,
        field: 'volume',
        predicate: `${DT('volume')} < 0`,
        rejects: false,
        description: described('volume_not_negative'),
      });
      const vm = source.columns.volume;
      const rate = typeof vm === 'object' ? vm.rate : undefined;
      // A week has 168 hours, a month (365.25 / 12 days) 730.5: more in a rate of hours is impossible.
      if (rate)
        add({
          id: 'volume_rate_max_hours',
          kind: 'plausibility',
          severity: 'stop',
          threshold: 0,
          field: 'volume',
          predicate: `${DT('unit')} LIKE 'hour%' AND t.r_volume > ${rate === 'week' ? 168 : 730.5}`,
          rejects: false,
          description: described('volume_rate_max_hours', () => ({ rate })),
        });
      add({
        id: 'hours_per_day_max_24',
        kind: 'plausibility',
        severity: 'warn',
        threshold: 0,
        field: 'volume',
        predicate:
          // spans ending before they start are the end_not_before_start check's finding, not this one's
          `${DT('unit')} LIKE 'hour%' AND coalesce(${DT('end_date')}, ${DT('start_date')}) >= ${DT('start_date')} AND ${DT('volume')} > 24 * ` +
          `(date_diff('day', ${DT('start_date')}, coalesce(${DT('end_date')}, ${DT('start_date')})) + 1)`,
        rejects: false,
        description: described('hours_per_day_max_24'),
      });
    }
  }
  const spans: Record<string, [string, string]> = {
    service: ['start_date', 'end_date'],
    residence: ['from_date', 'to_date'],
    person_attribute: ['from_date', 'to_date'],
    hospital_contact: ['admit_time', 'discharge_time'],
  };
  const span = spans[source.target];
  if (span && has(span[1]))
    add({
      id: 'end_not_before_start',
      kind: 'plausibility',
      severity: 'warn',
      threshold: 0,
      field: span[1],
      predicate: `${DT(span[1])} < ${DT(span[0])}`,
      rejects: false,
      description: described('end_not_before_start'),
    });
  const dated: Record<string, [string, string | null]> = {
    service: ['start_date', 'end_date'],
    hospital_contact: ['admit_time', 'discharge_time'],
    gp_contact: ['contact_date', null],
  };
  const d = dated[source.target];
  if (period && d) {
    const end = d[1] && has(d[1]) ? `coalesce(${DT(d[1])}, ${DT(d[0])})` : DT(d[0]);
    add({
      id: 'within_period',
      kind: 'plausibility',
      severity: 'warn',
      threshold: 0,
      field: d[0],
      predicate: `CAST(${DT(d[0])} AS DATE) > DATE '${period.to}' OR CAST(${end} AS DATE) < DATE '${period.from}'`,
      rejects: false,
      description: described('within_period', () => ({ period: period.id })),
    });
  }
  if (source.target === 'population' && has('count'))
    add({
      id: 'count_not_negative',
      kind: 'plausibility',
      severity: 'warn',
      threshold: 0,
      field: 'count',
      predicate: `${DT('count')} < 0`,
      rejects: false,
      description: described('count_not_negative'),
    });
  if (hasPersonId && source.target !== 'residence')
    add({
      id: 'person_has_residence',
      kind: 'completeness',
      severity: 'info',
      threshold: 100,
      field: 'person_id',
      // the persons of the import without residence, each looked up once (persons.ts, markWithoutResidence)
      predicate: `t.pid IN (SELECT pid FROM nores)`,
      rejects: false,
      description: described('person_has_residence'),
    });
  // Duplicates: rows equal on every field and the person; counted beyond the first of each group.
  const keys = [...fields.entries()]
    .filter(([, f]) => f.mapped && f.spec.type !== 'id')
    .map(([n]) => `"f_${n}"`);
  if (hasPersonId) keys.push('pid');
  if (keys.length) {
    // Grouped by a 64-bit hash of the row, not the values: bounded memory on 10 million rows.
    // Identical fee lines on one day are ordinary in GP data (repeated consultations); elsewhere suspicious.
    const gp = source.target === 'gp_contact';
    // A row's place in the source, file first: file × 2^40 + row (a file has fewer than 2^40 rows).
    const hashed = `SELECT hash(${keys.join(', ')}) AS h, (__file::BIGINT << 40) + __row AS pos, __row FROM stgv`;
    // One grouping pass keeps the groups of more than one row, with the place of each group's first row
    // (in file order); the count and the sample read that small table.
    const grouped = `CREATE OR REPLACE TEMP TABLE dupg AS
      SELECT h, count(*) AS n, min(pos) AS first_pos FROM (${hashed}) GROUP BY h HAVING count(*) > 1`;
    // The sample names each duplicate (every row of a group after its first) and the row it repeats.
    const repeats = `SELECT x.__row, g.first_pos & ${ROW_BITS} AS orig
      FROM (${hashed}) x JOIN dupg g ON g.h = x.h WHERE x.pos <> g.first_pos`;
    add({
      id: 'no_duplicates',
      kind: 'plausibility',
      severity: gp ? 'info' : 'warn',
      threshold: gp ? 1 : 0,
      field: null,
      predicate: 'false',
      rejects: false,
      setupSql: grouped,
      countSql: 'SELECT coalesce(sum(n - 1), 0) AS n FROM dupg',
      sampleSql: `SELECT __row, orig FROM (${repeats}) ORDER BY __row, orig LIMIT 5`,
      description: described('no_duplicates'),
    });
  }
  return applyOverrides(checks, source);
}

/** A source may set severity and threshold per check id under `checks:`. */
function applyOverrides(checks: CheckDef[], source: SourceConfig): CheckDef[] {
  const o = source.checks ?? {};
  return checks.map((c) => {
    const x = o[c.id];
    if (!x) return c;
    const severity = x.severity === 'stop' && c.neverStop ? c.severity : (x.severity ?? c.severity);
    return { ...c, severity, threshold: x.threshold ?? c.threshold };
  });
}

/**
 * Run the checks over the staged rows (view stgv). One pass counts the rows, the violations of every plain
 * check and the rows not loaded (rejectPredicate); each predicate is evaluated once per row, in a
 * projection. Only a violated check has its sample (first five rows) looked up: taking the samples in the
 * same pass (`min(__row, 5)`) cost more than these few queries where a check is violated by most rows.
 * The duplicates check groups the rows once more (its own `setupSql`).
 */
export async function runChecks(
  engine: Engine,
  source: SourceConfig,
  checks: CheckDef[],
): Promise<{ results: CheckResult[]; total: number; rejected: number }> {
  const plain = checks.filter((c) => !c.countSql);
  const counts = new Map<string, number>();
  const flags = plain.map((c, i) => `coalesce((${c.predicate}), false) AS v${i}`);
  const rejects = plain.flatMap((c, i) => (c.rejects ? [`v${i}`] : []));
  const row = await engine.one(
    `SELECT count(*) AS total, count(*) FILTER (WHERE ${rejects.length ? rejects.join(' OR ') : 'false'}) AS rejected
       ${plain.map((_, i) => `, count(*) FILTER (WHERE v${i}) AS c${i}`).join('')}
     FROM (SELECT __row${flags.map((f) => `, ${f}`).join('')} FROM stgv t)`,
  );
  const total = Number(row.total);
  plain.forEach((c, i) => counts.set(c.id, Number(row[`c${i}`])));
  try {
    for (const c of checks.filter((x) => x.countSql)) {
      if (c.setupSql) await engine.exec(c.setupSql);
      counts.set(c.id, Number((await engine.one<{ n: bigint }>(c.countSql!)).n));
    }
    const results: CheckResult[] = [];
    for (const c of checks) {
      const violated = counts.get(c.id) ?? 0;
      const pct = total === 0 ? 0 : Math.round((violated / total) * 100 * 1000) / 1000;
      let sample: number[] = [];
      let originals: number[] | undefined;
      if (violated > 0) {
        const sql =
          c.sampleSql ??
          `SELECT __row FROM stgv t WHERE coalesce((${c.predicate}), false) ORDER BY __row LIMIT 5`;
        const rows = await engine.all<{ __row: bigint; orig?: bigint }>(sql);
        sample = rows.map((r) => Number(r.__row));
        if (rows.some((r) => r.orig !== undefined)) originals = rows.map((r) => Number(r.orig));
      }
      results.push({
        source_id: source.id,
        check_id: c.id,
        kind: c.kind,
        severity: c.severity,
        field: c.field,
        threshold_pct: c.threshold,
        rows_checked: total,
        rows_violated: violated,
        pct_violated: pct,
        status: violated === 0 ? 'pass' : pct <= c.threshold ? 'within' : 'fail',
        sample_rows: sample,
        ...(originals ? { sample_originals: originals } : {}),
        description: c.description,
      });
    }
    return { results, total, rejected: Number(row.rejected) };
  } finally {
    // After a failed statement the transaction is aborted: a second error here would hide the first.
    if (checks.some((c) => c.setupSql)) await engine.exec('DROP TABLE IF EXISTS dupg').catch(() => {});
  }
}

/** Local codes not in the translation table, with row counts and amounts. */
export async function unmappedCodes(
  engine: Engine,
  source: SourceConfig,
  hasAmount: boolean,
): Promise<UnmappedCode[]> {
  const rows = await engine.all<{ code: string; n: bigint; amount: bigint | null }>(
    `SELECT "f_local_code" AS code, count(*) AS n, ${hasAmount ? 'sum("f_amount")' : '0'}::BIGINT AS amount
     FROM stgv WHERE "f_local_code" IS NOT NULL AND "f_catalogue_code" IS NULL GROUP BY 1 ORDER BY n DESC, code`,
  );
  return rows.map((r) => ({
    source_id: source.id,
    local_code: r.code,
    rows: Number(r.n),
    amount_minor: BigInt(r.amount ?? 0n),
  }));
}

/** The SQL predicate for rows that are not loaded. */
export function rejectPredicate(checks: CheckDef[]): string {
  const r = checks.filter((c) => c.rejects && !c.countSql).map((c) => `coalesce((${c.predicate}), false)`);
  return r.length ? r.join(' OR ') : 'false';
}
