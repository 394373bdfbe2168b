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
import { buildTransforms, type FieldSql, type Transforms } from './transform.js';

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
  /** per file of a CSV read straight into stg: the rowid its first row got, and its row-number SQL */
  const direct = new Map<number, { base: bigint; rowExpr: string }>();
  let view = '';
  for (const [i, file] of p.files.entries()) {
    const display = path.relative(ws.dir, file);
    const rel = await openRelation(tx, source, file, display, tmpDir, lang);
    const t = buildTransforms(rel, source, ws.config, lang);
    fields = t.fields;
    hasPersonId = t.personId !== null;
    try {
      let from = rel.sql;
      let rowExpr = rel.rowExpr;
      // A single-byte CSV is fed to DuckDB through a pipe while it scans; the scan's error comes first.
      const read = async (statement: Promise<void>): Promise<void> => {
        if (!rel.feed) return statement;
        const failed = statement.catch((e: unknown) => (rel.release?.(), Promise.reject(e)));
        const [scan, fed] = await Promise.allSettled([failed, rel.feed()]);
        if (scan.status === 'rejected') throw scan.reason;
        if (fed.status === 'rejected') throw fed.reason;
      };
      const materialize = async () => {
        await read(tx.exec(`CREATE OR REPLACE TEMP TABLE raw_src AS SELECT * FROM ${rel.sql}`));
        from = 'raw_src';
        // Rows written inside a transaction get rowids from a high base; they are consecutive from it.
        const base = (await tx.one<{ m: bigint | null }>('SELECT min(rowid) AS m FROM raw_src')).m ?? 0n;
        rowExpr = rel.rowExpr.replace('s.rowid', `(s.rowid - ${base})`);
      };
      // A CSV without `where:` is parsed once, straight into stg (no copy of its raw cells): stg keeps the
      // file's row order, so a row's number is its rowid in stg, and the raw id column (__raw, TEMP, never
      // read through stgv) gives the distinct ids afterwards. Other relations give their ids first.
      const straight = rel.format === 'csv' && !t.where;
      if (rel.materialize && !straight) await materialize();
      if (t.personId && !straight)
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
        FROM (SELECT ${i}::SMALLINT AS __file, ${straight ? 'NULL::BIGINT' : `CAST(${rowExpr} AS BIGINT)`} AS __row,
          ${typed.join(', ')}, ${t.personId ?? 'NULL::VARCHAR'} AS __pid FROM ${from} s ${t.where ? `WHERE ${t.where}` : ''})`;
      // The person is carried as the BIGINT pid (persons.ts), computed from the raw id in the row itself
      // unless two ids share a hash; the 64-character person_key is joined back on insert. A straight
      // read joins nothing here (a join would reorder the rows): its service lookups are in stgv.
      const lookups = isService && !straight;
      const service = lookups ? serviceLookups(t, 'src') : { columns: [], joins: '', own: [] };
      const keep = ['__pid', ...service.own.map((n) => `"f_${n}"`)].join(', ');
      const select = straight
        ? `SELECT src.* EXCLUDE (__pid), src.__pid AS __raw, ${ids.pidSql('src.__pid')} AS pid FROM src`
        : ids.exact
          ? `SELECT src.* EXCLUDE (${keep})${service.columns.map((c) => `, ${c}`).join('')}, ${ids.pidSql('src.__pid')} AS pid
             FROM src ${service.joins}`
          : `SELECT src.* EXCLUDE (${keep})${service.columns.map((c) => `, ${c}`).join('')}, m.pid
             FROM src LEFT JOIN idmap m ON m.raw = src.__pid ${service.joins}`;
      const stage = tx.exec(
        i === 0
          ? `CREATE TEMP TABLE stg AS WITH src AS (${src}) ${select}`
          : `INSERT INTO stg BY NAME WITH src AS (${src}) ${select}`,
      );
      await (from === rel.sql ? read(stage) : stage);
      if (straight) {
        const base = (
          await tx.one<{ m: bigint | null }>(`SELECT min(rowid) AS m FROM stg WHERE __file = ${i}`)
        ).m;
        direct.set(i, { base: base ?? 0n, rowExpr: rel.rowExpr });
        if (t.personId) {
          await ids.add(tx, 'stg', 's.__raw', {
            filter: `s.__file = ${i}`,
            opaque: source.person_id_scheme === 'opaque',
          });
          // an id whose hash an earlier id has (one in a million at national scale) gets the id map's pid
          if (!ids.exact)
            await tx.exec(
              `UPDATE stg SET pid = m.pid FROM idmap m WHERE m.pid < 0 AND m.raw = stg.__raw AND stg.__file = ${i}`,
            );
        }
      }
      if (i === 0) view = stagedView(t, isService, straight);
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
  // A row read straight from a CSV gets its number from its rowid in stg (the rows of one file are consecutive).
  const rowOf = [...direct].map(
    ([i, d]) => `WHEN ${i} THEN ${d.rowExpr.replace('s.rowid', `(t.rowid - ${d.base})`)}`,
  );
  const row = rowOf.length
    ? `coalesce(t.__row, CAST(CASE t.__file ${rowOf.join(' ')} END AS BIGINT))`
    : 't.__row';
  await tx.exec(`CREATE OR REPLACE TEMP VIEW stgv AS ${view.replace('$ROW', row)}`);
  return { fields: fields!, hasPersonId, rowsFiltered };
}

/** The catalogue code, unit and law reference of a service row from the code table and the catalogue. */
function serviceLookups(t: Transforms, alias: string): { columns: string[]; joins: string; own: string[] } {
  const own = ['catalogue_code', 'unit', 'law_ref'].filter((n) => t.fields.get(n)!.mapped);
  const col = (name: string) => (own.includes(name) ? `${alias}."f_${name}"` : t.fields.get(name)!.value);
  const codemap = t.fields.get('local_code')?.mapped
    ? `LEFT JOIN codemap c ON c.local_code = ${alias}."f_local_code"`
    : `LEFT JOIN (SELECT NULL::VARCHAR AS catalogue_code) c ON true`;
  return {
    columns: [
      `coalesce(${col('catalogue_code')}, c.catalogue_code) AS "f_catalogue_code"`,
      `coalesce(${col('unit')}, k.unit, 'unknown') AS "f_unit"`,
      `coalesce(${col('law_ref')}, k.law_ref) AS "f_law_ref"`,
      'k.code IS NOT NULL AS known_code',
    ],
    joins: `${codemap} LEFT JOIN cat k ON k.code = coalesce(${col('catalogue_code')}, c.catalogue_code)`,
    own,
  };
}

/**
 * The view stgv over stg: the row number ($ROW), the constants (defaults) and false bad-flags of fields
 * not in the extract and, for services read straight from a CSV, the catalogue code, unit and law
 * reference, joined here over the small code tables (in stg the join would reorder the rows).
 */
function stagedView(t: Transforms, isService: boolean, straight: boolean): string {
  const service = isService && straight ? serviceLookups(t, 't') : { columns: [], joins: '', own: [] };
  const constants = [...t.fields.entries()]
    .filter(([name, f]) => !f.mapped && !(isService && ['catalogue_code', 'unit', 'law_ref'].includes(name)))
    .map(([name, f]) => `CAST(${f.value} AS ${SQL_TYPE[f.spec.type]}) AS "f_${name}"`);
  const falseFlags = [...t.fields.entries()]
    .filter(([, f]) => !f.present)
    .map(([name]) => `false AS "bad_${name}"`);
  const exclude = ['__row', ...(straight ? ['__raw'] : []), ...service.own.map((n) => `"f_${n}"`)];
  return `SELECT t.* EXCLUDE (${exclude.join(', ')}), $ROW AS __row${[...service.columns, ...constants, ...falseFlags].map((x) => `, ${x}`).join('')}
    FROM stg t ${service.joins}`;
}
