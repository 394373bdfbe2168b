/**
 * Import step 1, staging: read each file of a source (read.ts, excel.ts), map and transform its columns
 * (transform.ts), translate local codes (codes.ts) and swap each raw person id for a small integer
 * (persons.ts) — into TEMP TABLE stg and its view stgv (typed fields, bad-flags, pid; no raw ids).
 */
import path from 'node:path';
import type { Workspace } from '../config/workspace.js';
import type { Engine } from '../engine/engine.js';
import type { Lang } from '../i18n.js';
import { loadCodeTable } from './codes.js';
import type { FieldType } from './fields.js';
import type { PersonIds } from './persons.js';
import type { Plan } from './plan.js';
import { openRelation, readError } from './read.js';
import { buildTransforms, type FieldSql } from './transform.js';

const SQL_TYPE: Record<FieldType, string> = {
  id: 'VARCHAR',
  text: 'VARCHAR',
  enum: 'VARCHAR',
  date: 'DATE',
  timestamp: 'TIMESTAMP',
  decimal: 'DECIMAL(18,4)',
  money: 'BIGINT',
  bool: 'BOOLEAN',
  int: 'INTEGER',
};

export interface StagedRows {
  /** the canonical fields of the source and their SQL (of its last file) */
  fields: Map<string, FieldSql>;
  hasPersonId: boolean;
  /** rows of the files that the source's `where:` left out (0 without a filter) */
  rowsFiltered: number;
}

/** Read every file of a source into TEMP TABLE stg (typed fields, bad-flags, pid; no raw ids). */
export async function stageSource(
  ws: Workspace,
  tx: Engine,
  p: Plan,
  tmpDir: string,
  lang: Lang,
  ids: PersonIds,
  tick: () => void,
): Promise<StagedRows> {
  const { source } = p;
  const isService = source.target === 'service';
  if (isService) await loadCodeTable(ws, tx, source, lang);
  await tx.exec('DROP VIEW IF EXISTS stgv; DROP TABLE IF EXISTS stg');
  let fields: Map<string, FieldSql> | undefined;
  let hasPersonId = false;
  let rowsFiltered = 0;
  for (const [i, file] of p.files.entries()) {
    const display = path.relative(ws.dir, file);
    const rel = await openRelation(tx, source, file, display, tmpDir, lang);
    const t = buildTransforms(rel, source, ws.config, lang);
    fields = t.fields;
    hasPersonId = t.personId !== null;
    try {
      let from = rel.sql;
      let rowExpr = rel.rowExpr;
      if (rel.materialize) {
        const scan = tx.exec(`CREATE OR REPLACE TEMP TABLE raw_src AS SELECT * FROM ${rel.sql}`);
        // a single-byte CSV is fed to DuckDB through a pipe while it scans; the scan's error comes first
        const failed = scan.catch((e: unknown) => (rel.release?.(), Promise.reject(e)));
        const [read, fed] = await Promise.allSettled([failed, rel.feed?.()]);
        if (read.status === 'rejected') throw read.reason;
        if (fed.status === 'rejected') throw fed.reason;
        from = 'raw_src';
        // Rows written inside a transaction get rowids from a high base; they are consecutive from it.
        const base = (await tx.one<{ m: bigint | null }>('SELECT min(rowid) AS m FROM raw_src')).m ?? 0n;
        rowExpr = rowExpr.replace('s.rowid', `(s.rowid - ${base})`);
      }
      if (t.personId)
        await ids.add(tx, from, t.personId, {
          filter: t.where,
          opaque: source.person_id_scheme === 'opaque',
        });
      // Only mapped fields are stored per row; constants (defaults) are added by the view stgv.
      const entries = [...t.fields.entries()].filter(([, f]) => f.mapped);
      // Typed values first, then the bad-flags over them, so no transform is evaluated twice.
      const typed = entries.flatMap(([name, f]) => [
        `CAST(${f.value} AS ${SQL_TYPE[f.spec.type]}) AS "f_${name}"`,
        ...(f.present ? [`coalesce(${f.present}, false) AS "p_${name}"`] : []),
      ]);
      // the rate a volume was computed from, for its plausibility check (checks.ts)
      if (t.rate) typed.push(`CAST(${t.rate.sql} AS DECIMAL(18,4)) AS r_volume`);
      const flags = entries
        .filter(([, f]) => f.present)
        .map(([name]) => `("p_${name}" AND "f_${name}" IS NULL) AS "bad_${name}"`);
      const present = entries.filter(([, f]) => f.present).map(([name]) => `"p_${name}"`);
      const src = `SELECT * ${present.length ? `EXCLUDE (${present.join(', ')})` : ''} ${flags.map((x) => `, ${x}`).join('')}
        FROM (SELECT ${i}::SMALLINT AS __file, CAST(${rowExpr} AS BIGINT) AS __row, ${typed.join(', ')},
          ${t.personId ?? 'NULL::VARCHAR'} AS __pid FROM ${from} s ${t.where ? `WHERE ${t.where}` : ''})`;
      const col = (name: string) =>
        t.fields.get(name)!.mapped ? `src."f_${name}"` : t.fields.get(name)!.value;
      const own = isService
        ? ['catalogue_code', 'unit', 'law_ref'].filter((n) => t.fields.get(n)!.mapped)
        : [];
      const codemapJoin = t.fields.get('local_code')?.mapped
        ? `LEFT JOIN codemap c ON c.local_code = src."f_local_code"`
        : `LEFT JOIN (SELECT NULL::VARCHAR AS catalogue_code) c ON true`;
      // The person is carried as the small integer pid; the 64-character person_key is joined back on insert.
      const select = isService
        ? `SELECT src.* EXCLUDE (__pid${own.map((n) => `, "f_${n}"`).join('')}),
             coalesce(${col('catalogue_code')}, c.catalogue_code) AS "f_catalogue_code",
             coalesce(${col('unit')}, k.unit, 'unknown') AS "f_unit",
             coalesce(${col('law_ref')}, k.law_ref) AS "f_law_ref",
             k.code IS NOT NULL AS known_code, m.pid, m.reason AS id_reason, m.warning AS id_warning
           FROM src LEFT JOIN idmap m ON m.raw = src.__pid
             ${codemapJoin}
             LEFT JOIN cat k ON k.code = coalesce(${col('catalogue_code')}, c.catalogue_code)`
        : `SELECT src.* EXCLUDE (__pid), m.pid, m.reason AS id_reason, m.warning AS id_warning
           FROM src LEFT JOIN idmap m ON m.raw = src.__pid`;
      await tx.exec(
        i === 0
          ? `CREATE TEMP TABLE stg AS WITH src AS (${src}) ${select}`
          : `INSERT INTO stg BY NAME WITH src AS (${src}) ${select}`,
      );
      if (i === 0) {
        const constants = [...t.fields.entries()]
          .filter(
            ([name, f]) => !f.mapped && !(isService && ['catalogue_code', 'unit', 'law_ref'].includes(name)),
          )
          .map(([name, f]) => `CAST(${f.value} AS ${SQL_TYPE[f.spec.type]}) AS "f_${name}"`);
        const falseFlags = [...t.fields.entries()]
          .filter(([, f]) => !f.present)
          .map(([name]) => `false AS "bad_${name}"`);
        await tx.exec(
          `CREATE OR REPLACE TEMP VIEW stgv AS SELECT t.*${[...constants, ...falseFlags].map((x) => `, ${x}`).join('')}
           FROM stg t`,
        );
      }
      // Rows left out by `where:` are counted (never shown), so nothing leaves in silence.
      if (t.where)
        rowsFiltered += Number(
          (await tx.one<{ n: bigint }>(`SELECT count(*) AS n FROM ${from} s WHERE NOT (${t.where})`)).n,
        );
      // The extract's raw cells (ids included) leave as soon as the typed rows exist.
      await tx.exec('DROP TABLE IF EXISTS raw_src');
    } catch (e) {
      throw readError(e, rel, source.id, lang);
    }
    tick();
  }
  return { fields: fields!, hasPersonId, rowsFiltered };
}
