/**
 * The PostgreSQL side of the bench comparison (docs/performance.md, "PostgreSQL comparison"): the same
 * column mapping (contract A, src/ingest/transform.ts) and the same cost floor (floor.ts) written in
 * PostgreSQL 15 SQL. Only SQL text is built here; postgres.ts runs it.
 *
 * The mapping covers what the demos use: plain columns, constants, `values`, date and timestamp
 * `format`s, money in kr or øre, decimal and thousands separators, and `scale`. Parquet is read from the
 * CSV DuckDB converts it to first (postgres.ts). A source with `expr`, `rate` or `where`, an opaque id
 * scheme or a format PostgreSQL cannot COPY (JSON, UTF-16) is refused with the reason: the comparison
 * then reports that stage as failed rather than guess.
 */
import type { ColumnMap, Config, SourceConfig, TargetTable } from '../config/schema.js';
import { TARGET_EXTRA, TARGET_FIELDS, type FieldSpec, type FieldType } from '../ingest/fields.js';
import { defaultFor } from '../ingest/transform.js';

export const pgLit = (s: string): string => `'${s.replace(/'/g, "''")}'`;
export const pgIdent = (s: string): string => `"${s.replace(/"/g, '""')}"`;

const PG_TYPE: Record<FieldType, string> = {
  id: 'text',
  text: 'text',
  enum: 'text',
  date: 'date',
  timestamp: 'timestamp',
  decimal: 'numeric(18,4)',
  money: 'bigint',
  bool: 'boolean',
  int: 'integer',
};

const EXTRA_TYPE: Record<string, string> = {
  import_id: 'integer',
  row_no: 'bigint',
  person_key: 'bigint',
  source_id: 'text',
  period: 'text',
  sector: 'text',
};

/** The fields of a target stored in its table (the id and the person's own fields go elsewhere). */
export function storedFields(target: TargetTable): FieldSpec[] {
  return TARGET_FIELDS[target].filter((s) => s.type !== 'id' && s.name !== 'death_date' && !s.person);
}

/** CREATE TABLE for every target table and `person`, typed as the warehouse's columns. */
export function pgTargetTables(): string {
  const tables = (Object.keys(TARGET_FIELDS) as TargetTable[]).map((t) => {
    const cols = [
      ...TARGET_EXTRA[t].map((c) => `${pgIdent(c)} ${EXTRA_TYPE[c]}`),
      ...storedFields(t).map((s) => `${pgIdent(s.column ?? s.name)} ${PG_TYPE[s.type]}`),
    ];
    return `CREATE TABLE ${pgIdent(t)} (${cols.join(', ')})`;
  });
  return [
    ...tables,
    'CREATE TABLE person (person_key bigint PRIMARY KEY, pseudonym text NOT NULL UNIQUE, birth_year smallint, birth_month smallint, sex text, scheme text)',
  ].join(';\n');
}

/** The indexes and statistics costing needs once the rows are in (built after the load: cheaper than during). */
export const PG_AFTER_LOAD = [
  'CREATE INDEX service_cost ON service (period, municipality, catalogue_code)',
  'CREATE INDEX service_person ON service (person_key)',
  'CREATE INDEX ledger_period ON ledger (period, municipality)',
  'ANALYZE service',
  'ANALYZE ledger',
  'ANALYZE person',
];

/** PostgreSQL's name of a CSV encoding of the config, or null when COPY cannot read it. */
export function pgEncoding(encoding: string | undefined): string | null {
  switch ((encoding ?? 'utf-8').toLowerCase()) {
    case 'utf-8':
      return 'UTF8';
    case 'windows-1252':
      return 'WIN1252';
    case 'latin1':
      return 'LATIN1';
    default:
      return null;
  }
}

/** Why the comparison cannot run a source as the import does, or null when it can. */
export function unsupported(source: SourceConfig): string | null {
  if (source.format !== 'csv' && source.format !== 'excel' && source.format !== 'parquet')
    return `source ${source.id}: ${source.format} is not read by COPY`;
  if (source.format === 'csv' && !pgEncoding(source.csv?.encoding))
    return `source ${source.id}: encoding ${source.csv?.encoding} is not read by COPY`;
  if (source.format === 'csv' && (source.csv?.header_row ?? 1) !== 1)
    return `source ${source.id}: header_row ${source.csv?.header_row} (COPY skips one header line)`;
  if (source.where !== undefined) return `source ${source.id}: where: is not ported`;
  if (source.person_id_scheme === 'opaque') return `source ${source.id}: opaque ids are not ported`;
  for (const [name, m] of Object.entries(source.columns)) {
    if (typeof m === 'object' && (m.expr !== undefined || m.rate !== undefined))
      return `source ${source.id}: columns.${name} uses ${m.expr !== undefined ? 'expr' : 'rate'}, not ported`;
  }
  return null;
}

/** COPY of one CSV file into a table of text columns (server-side: the server reads the file). */
export function pgCopyCsv(table: string, columns: number, file: string, source: SourceConfig): string {
  const csv = source.csv;
  const options = [
    'FORMAT csv',
    'HEADER true',
    `DELIMITER ${pgLit(csv?.delimiter ?? ',')}`,
    `QUOTE ${pgLit(csv?.quote ?? '"')}`,
    `ENCODING ${pgLit(pgEncoding(csv?.encoding) ?? 'UTF8')}`,
  ];
  const list = Array.from({ length: columns }, (_, i) => rawColumn(i)).join(', ');
  return `COPY ${table} (${list}) FROM ${pgLit(file)} WITH (${options.join(', ')})`;
}

const NUMBER = `'^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?$'`;
const ISO_DATE = `'^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'`;
const ISO_TIME = `'^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$'`;

/** Rewrites of a date pattern to ISO text (a text that does not match is left as it is: the ISO fallback). */
const DATE_REWRITE: Record<string, [string, string]> = {
  'dd-mm-yyyy': ['([0-9]{2})-([0-9]{2})-([0-9]{4})', '\\3-\\2-\\1'],
  'dd.mm.yyyy': ['([0-9]{2})[.]([0-9]{2})[.]([0-9]{4})', '\\3-\\2-\\1'],
  'dd/mm/yyyy': ['([0-9]{2})/([0-9]{2})/([0-9]{4})', '\\3-\\2-\\1'],
  yyyymmdd: ['([0-9]{4})([0-9]{2})([0-9]{2})', '\\1-\\2-\\3'],
  'yyyy-mm-dd': ['([0-9]{4}-[0-9]{2}-[0-9]{2})', '\\1'],
};

/**
 * ISO text of a date (or 'YYYY-MM-DD HH:MM[:SS]' of a timestamp) from a trimmed cell: as transform.ts,
 * the pattern first, else the ISO form; an Excel serial number when the format is `excel`.
 */
function isoText(v: string, format: string | undefined, timestamp: boolean): string {
  const [d, t] = (format ?? '').trim().split(/\s+/, 2);
  if (d === 'excel')
    return `(CASE WHEN ${v} ~ '^[0-9]{1,6}([.][0-9]+)?$' THEN to_char(DATE '1899-12-30' + floor(${v}::numeric)::integer, 'YYYY-MM-DD') ELSE ${v} END)`;
  const rw = d ? DATE_REWRITE[d] : undefined;
  if (d && !rw) throw new Error(`date format "${format}" is not ported`);
  if (t !== undefined && t !== 'HH:MM' && t !== 'HH:MM:SS')
    throw new Error(`time format "${t}" is not ported`);
  if (!rw) return `replace(${v}, 'T', ' ')`;
  const time = timestamp || t ? '( [0-9]{2}:[0-9]{2}(:[0-9]{2})?)?' : '';
  // the time is the group after the date's own groups
  const group = (rw[0].match(/\(/g) ?? []).length + 1;
  return `regexp_replace(${v}, ${pgLit(`^${rw[0]}${time}$`)}, ${pgLit(`${rw[1]}${time ? `\\${group}` : ''}`)})`;
}

/**
 * A date (or timestamp) from its ISO text `iso` (a column of the inner level, so it may be named often):
 * NULL unless it is a real calendar date, as DuckDB's try_strptime.
 */
function isoToDate(iso: string, timestamp: boolean): string {
  const day = `substr(${iso}, 1, 10)`;
  const y = `substr(${iso}, 1, 4)::integer`;
  const leap = `((${y} % 4 = 0 AND ${y} % 100 <> 0) OR ${y} % 400 = 0)`;
  const last = `(CASE substr(${iso}, 6, 2) WHEN '02' THEN CASE WHEN ${leap} THEN '29' ELSE '28' END WHEN '04' THEN '30' WHEN '06' THEN '30' WHEN '09' THEN '30' WHEN '11' THEN '30' ELSE '31' END)`;
  const valid = `CASE WHEN substr(${iso}, 9, 2) <= ${last} THEN ${day}::date END`;
  const timePart = `substr(${iso}, 12)`;
  const shape = timestamp
    ? `${day} ~ ${ISO_DATE} AND (length(${iso}) = 10 OR (substr(${iso}, 11, 1) = ' ' AND ${timePart} ~ ${ISO_TIME}))`
    : `${day} ~ ${ISO_DATE} AND (length(${iso}) = 10 OR substr(${iso}, 11, 1) = ' ')`;
  const value = timestamp ? `CASE WHEN (${valid}) IS NOT NULL THEN ${iso}::timestamp END` : `(${valid})`;
  return `(CASE WHEN ${shape} THEN ${value} END)`;
}

/** The raw table's column of the file's i-th column (0-based): c1, c2, … (headers may repeat or be empty). */
export const rawColumn = (i: number): string => `c${i + 1}`;

export interface PgStaging {
  /** INSERT … SELECT from the raw table into the target table: typed, mapped, the person joined */
  insert: string;
  /** SQL of the trimmed raw person id over the raw table (alias s), or null */
  personId: string | null;
}

/**
 * One source's staging as PostgreSQL SQL over its raw table (text columns c1… in the file's order,
 * plus __row): three levels — trimmed, mapped texts; typed values; the insert of the rows kept — with
 * an optimisation fence (OFFSET 0) between them so each cell is converted once.
 */
export function pgStaging(
  source: SourceConfig,
  header: string[],
  config: Config,
  raw: string,
  importId: number,
  /** columns holding binary floating-point numbers (a converted Parquet DOUBLE): money is rounded */
  binary: ReadonlySet<string> = new Set(),
): PgStaging {
  const why = unsupported(source);
  if (why) throw new Error(why);
  const col = (name: string): string => {
    let i = header.indexOf(name);
    if (i < 0) i = header.findIndex((h) => h.trim().toLowerCase() === name.trim().toLowerCase());
    if (i < 0) throw new Error(`source ${source.id}: no column "${name}" in the file`);
    return `s.${rawColumn(i)}`;
  };
  const excel = source.format === 'excel';
  const decimal = excel ? '.' : (source.csv?.decimal ?? '.');
  const thousands = excel ? '' : (source.csv?.thousands ?? '');
  const numText = (v: string) => {
    let n = v;
    if (thousands === ' ') n = `replace(replace(${n}, ' ', ''), chr(160), '')`;
    if (decimal === ',') n = `replace(replace(${n}, '.', ''), ',', '.')`;
    else if (thousands === ',') n = `replace(${n}, ',', '')`;
    return n;
  };
  const txt = (sql: string) => `NULLIF(btrim(${sql}), '')`;
  const texts: string[] = ['s.__row'];
  const typed: string[] = ['t.__row'];
  const required: string[] = [];
  const stored = new Map<string, string>();
  let personId: string | null = null;
  for (const spec of TARGET_FIELDS[source.target]) {
    const map: ColumnMap | undefined = source.columns[spec.name];
    const m = typeof map === 'string' ? { column: map } : map;
    const name = spec.name;
    if (spec.type === 'id') {
      if (m?.column !== undefined) personId = txt(col(m.column));
      continue;
    }
    if (m?.column === undefined && m?.value === undefined) {
      if (spec.person || spec.name === 'death_date') continue;
      stored.set(name, defaultFor(spec, source, config));
      continue;
    }
    let v = m.column !== undefined ? txt(col(m.column)) : pgLit(String(m.value));
    if (m.values && Object.keys(m.values).length)
      v = `(CASE ${v} ${Object.entries(m.values)
        .map(([k, to]) => `WHEN ${pgLit(k)} THEN ${pgLit(String(to))}`)
        .join(' ')} ELSE ${v} END)`;
    const f = `t.${pgIdent(`v_${name}`)}`;
    let value: string;
    switch (spec.type) {
      case 'date':
      case 'timestamp':
        texts.push(`${isoText(v, m.format, spec.type === 'timestamp')} AS ${pgIdent(`v_${name}`)}`);
        value = isoToDate(f, spec.type === 'timestamp');
        break;
      case 'decimal':
      case 'int':
      case 'money':
        texts.push(`${numText(v)} AS ${pgIdent(`v_${name}`)}`);
        value = numberValue(spec, f, m, excel || (m.column !== undefined && binary.has(m.column)));
        break;
      case 'enum':
        texts.push(`${v} AS ${pgIdent(`v_${name}`)}`);
        value = `(CASE lower(${f}) ${spec.values!.map((a) => `WHEN ${pgLit(a.toLowerCase())} THEN ${pgLit(a)}`).join(' ')} END)`;
        break;
      case 'bool':
        texts.push(`${v} AS ${pgIdent(`v_${name}`)}`);
        value = `(CASE WHEN ${f} IS NULL THEN false WHEN lower(${f}) IN ('1','true','ja','j','yes','y','x','sand','t') THEN true WHEN lower(${f}) IN ('0','false','nej','n','no','falsk','f') THEN false END)`;
        break;
      default:
        texts.push(`${v} AS ${pgIdent(`v_${name}`)}`);
        value = f;
    }
    if (spec.person || spec.name === 'death_date') continue;
    typed.push(`${value} AS ${pgIdent(`f_${name}`)}`);
    stored.set(name, `u.${pgIdent(`f_${name}`)}`);
    // a required field that is missing or unreadable rejects the row (checks.ts: *_required, *_format)
    if (spec.required) required.push(`u.${pgIdent(`f_${name}`)} IS NULL`);
  }
  if (personId) {
    texts.push(`${personId} AS __pid`);
    typed.push('t.__pid');
  }
  // Other targets than service need an identified person; a service row without one is kept (KPB).
  if (personId && source.target !== 'service') required.push('m.person_key IS NULL');
  const service = source.target === 'service';
  if (service) {
    const own = stored.get('catalogue_code');
    stored.set('catalogue_code', `coalesce(${own}, c.catalogue_code)`);
  }
  const header0 = excel ? 0 : (source.csv?.header_row ?? 1);
  const extra: Record<string, string> = {
    import_id: String(importId),
    row_no: `u.__row + ${header0}`,
    person_key: personId ? 'm.person_key' : 'NULL',
    source_id: pgLit(source.id),
    period: source.period ? pgLit(source.period) : 'NULL',
    sector: pgLit(source.sector),
  };
  const fields = storedFields(source.target);
  const targetCols = [...TARGET_EXTRA[source.target], ...fields.map((s) => s.column ?? s.name)];
  const values = [
    ...TARGET_EXTRA[source.target].map((c) => extra[c]!),
    ...fields.map((s) => stored.get(s.name) ?? 'NULL'),
  ];
  const joins = [
    personId ? 'LEFT JOIN idmap m ON m.raw = u.__pid' : '',
    service && source.columns.local_code !== undefined
      ? `LEFT JOIN codemap c ON c.local_code = u."f_local_code"`
      : service
        ? 'LEFT JOIN (SELECT NULL::text AS catalogue_code) c ON true'
        : '',
  ].join(' ');
  const insert = `INSERT INTO ${pgIdent(source.target)} (${targetCols.map(pgIdent).join(', ')})
    SELECT ${values.join(', ')}
    FROM (SELECT ${typed.join(', ')} FROM (SELECT ${texts.join(', ')} FROM ${raw} s OFFSET 0) t OFFSET 0) u ${joins}
    ${required.length ? `WHERE NOT (${required.join(' OR ')})` : ''}`;
  return { insert, personId };
}

/** A number of the typed level from its separator-free text `f`, as transform.ts converts it. */
function numberValue(spec: FieldSpec, f: string, m: Exclude<ColumnMap, string>, excel: boolean): string {
  const num = `(CASE WHEN ${f} ~ ${NUMBER} THEN ${f}::numeric END)`;
  const scaled = (n: string) => (m.scale === undefined ? n : `(${n} * ${Number(m.scale)})`);
  if (spec.type === 'int') return `(CASE WHEN ${f} ~ '^[+-]?[0-9]{1,9}$' THEN ${f}::integer END)`;
  if (spec.type === 'decimal') return `${scaled(num)}::numeric(18,4)`;
  const ore = m.money === 'ore';
  // Excel cells and Parquet doubles are binary numbers: rounded to whole minor units. Text is exact: ≤ 2
  // decimals of kr, none of øre.
  if (excel || m.scale !== undefined) return `round(${scaled(num)}${ore ? '' : ' * 100'})::bigint`;
  return ore
    ? `(CASE WHEN ${f} ~ '^-?[0-9]{1,18}$' THEN ${f}::bigint END)`
    : `(CASE WHEN ${f} ~ '^-?[0-9]{1,16}([.][0-9]{1,2})?$' THEN (${f}::numeric(18,2) * 100)::bigint END)`;
}

/**
 * floor.ts's cost floor in PostgreSQL: the same arithmetic in minor units. DuckDB divides a decimal in
 * DOUBLE and rounds half away from zero; so does this (trunc + the half, not round(float8), which rounds
 * half to even). The highest-priority rule per ledger line is DISTINCT ON, rules without a target last
 * (DuckDB's arg_max skips a NULL argument, so such a rule never wins over one with a target); the text comparisons are
 * bytewise (the cluster is initialised with locale C, as DuckDB compares).
 */
export function pgCostFloor(rule: string): string {
  const match = (c: string) =>
    `(coalesce(r.${c}, '') IN ('', '*') OR r.${c} = l.${c}
      OR (r.${c} LIKE '%*' AND starts_with(l.${c}, rtrim(r.${c}, '*')))
      OR (r.${c} LIKE '_%-%_' AND l.${c} BETWEEN split_part(r.${c}, '-', 1) AND split_part(r.${c}, '-', 2)))`;
  const x = 'sum(s.volume)::float8 * max(u.unit_cost_minor)';
  return `CREATE TEMP TABLE pg_floor_cost AS
    WITH matched AS (
      SELECT DISTINCT ON (l.ctid) l.period, l.municipality, l.amount_minor, r.target_type || ':' || r.target AS target
      FROM ledger l JOIN ${rule} r
        ON ${match('account')} AND ${match('activity')} AND ${match('responsibility')}
       AND ${match('project')} AND ${match('counterpart')}
      ORDER BY l.ctid, (r.target_type || ':' || r.target) IS NULL, r.priority::integer DESC
    ), direct AS (
      SELECT period, municipality, substr(target, 14) AS catalogue_code, sum(amount_minor) AS cost_minor
      FROM matched WHERE starts_with(target, 'intervention:') GROUP BY 1, 2, 3
    ), volume AS (
      SELECT period, municipality, catalogue_code, sum(volume) AS volume
      FROM service WHERE person_key IS NOT NULL GROUP BY 1, 2, 3
    ), unit_cost AS (
      SELECT d.period, d.municipality, d.catalogue_code, d.cost_minor::float8 / v.volume::float8 AS unit_cost_minor
      FROM direct d JOIN volume v USING (period, municipality, catalogue_code) WHERE v.volume > 0
    )
    SELECT s.period, s.municipality, s.person_key, s.catalogue_code, sum(s.volume) AS volume,
           coalesce((trunc(${x}) + CASE WHEN abs(${x} - trunc(${x})) >= 0.5 THEN sign(${x}) ELSE 0 END)::bigint,
                    sum(s.amount_minor), 0)::bigint AS cost_minor
    FROM service s LEFT JOIN unit_cost u USING (period, municipality, catalogue_code)
    WHERE s.person_key IS NOT NULL
    GROUP BY 1, 2, 3, 4`;
}
