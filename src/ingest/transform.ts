/**
 * Column mapping (contract A) compiled to SQL: one typed expression per canonical field plus a "bad"
 * flag (a value was present but could not be read), so DuckDB does the bulk of the work in one pass.
 */
import type { ColumnMap, Config, SourceConfig } from '../config/schema.js';
import type { Lang } from '../i18n.js';
import { compileCondition, compileExpr, conditionColumns, exprColumns } from './expr.js';
import { TARGET_FIELDS, type FieldSpec } from './fields.js';
import { ingestError } from './messages.js';
import { likelyDelimiter, shownColumn, type Relation } from './read.js';

export interface FieldSql {
  spec: FieldSpec;
  /** typed value (NULL when absent or unreadable) */
  value: string;
  /** SQL true when the cell held something (then a NULL value means it could not be read); null = never bad */
  present: string | null;
  /** whether the field came from the extract (not a default) */
  mapped: boolean;
}

export interface Transforms {
  fields: Map<string, FieldSql>;
  /** trimmed raw person id text, when the target has one and it is mapped */
  personId: string | null;
  /** the source's `where:` row filter as a SQL predicate over the raw row (alias s), or null */
  where: string | null;
  /** a volume given as a rate (`rate:`): the rate per week or month, and its limit in hours */
  rate: { sql: string; maxHours: number; per: 'week' | 'month' } | null;
}

/** Days per rate unit as an exact fraction: a week is 7 days, a month 1461/48 days (365.25 / 12). */
const RATE_DAYS: Record<'week' | 'month', { num: number; den: number; maxHours: number }> = {
  week: { num: 7, den: 1, maxHours: 168 },
  month: { num: 1461, den: 48, maxHours: 730.5 },
};

const NUMERIC =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL.*)$/;
const DATE_TYPES = /^(DATE|TIMESTAMP.*)$/;

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;
const txt = (sql: string) => `NULLIF(trim(CAST(${sql} AS VARCHAR)), '')`;

const DATE_PARTS: Record<string, string> = {
  'dd-mm-yyyy': '%d-%m-%Y',
  'dd.mm.yyyy': '%d.%m.%Y',
  'dd/mm/yyyy': '%d/%m/%Y',
  yyyymmdd: '%Y%m%d',
  'yyyy-mm-dd': '%Y-%m-%d',
};
const TIME_PARTS: Record<string, string> = { 'HH:MM': '%H:%M', 'HH:MM:SS': '%H:%M:%S' };

/**
 * The strptime patterns a cell of a date format is tried with: a format without a time also reads the time
 * many systems append to a date (`31-12-2024 00:00:00`), as ISO cells are read; a date field keeps the day.
 */
function patterns(pat: string): string {
  const all = pat.includes('%H') ? [pat] : [pat, `${pat} %H:%M`, `${pat} %H:%M:%S`, `${pat} %H:%M:%S.%f`];
  return `[${all.map(q).join(', ')}]`;
}

/** Parse a `format` into a strptime pattern, or 'excel'. */
export function datePattern(format: string): string | 'excel' | undefined {
  const [d, t] = format.trim().split(/\s+/, 2);
  if (d === 'excel' && !t) return 'excel';
  const dp = DATE_PARTS[d ?? ''];
  if (!dp) return undefined;
  if (!t) return dp;
  const tp = TIME_PARTS[t];
  return tp ? `${dp} ${tp}` : undefined;
}

export function buildTransforms(rel: Relation, source: SourceConfig, config: Config, lang: Lang): Transforms {
  const specs = TARGET_FIELDS[source.target];
  for (const key of Object.keys(source.columns)) {
    if (!specs.some((s) => s.name === key))
      throw ingestError(
        lang,
        'unknown_field',
        {
          field: key,
          target: source.target,
          fields: specs.map((s) => s.name).join(', '),
          source: source.id,
        },
        { key: `sources.${source.id}.columns.${key}` },
      );
  }
  const mappedColumns = Object.values(source.columns).filter(
    (m) => typeof m === 'string' || m.column !== undefined,
  ).length;
  const typeOf = new Map(rel.columns.map((c) => [c.name, c.type]));

  const resolve = (name: string, field: string): { sql: string; type: string } => {
    let col = rel.columns.find((c) => c.name === name);
    col ??= rel.columns.find((c) => c.name.trim().toLowerCase() === name.trim().toLowerCase());
    if (!col) {
      if (rel.columns.length === 1 && mappedColumns > 1 && rel.delimiter !== undefined)
        throw ingestError(
          lang,
          'wrong_delimiter',
          {
            n: mappedColumns,
            likely: likelyDelimiter(rel.headerLine ?? '', rel.delimiter),
            given: rel.delimiter === '\t' ? '\\t' : rel.delimiter,
            source: source.id,
          },
          { file: rel.file, row: source.csv?.header_row ?? 1 },
        );
      throw ingestError(
        lang,
        'missing_column',
        {
          column: name,
          field,
          present: rel.columns.map((c, i) => shownColumn(c.name, i)).join(', '),
          source: source.id,
        },
        { file: rel.file, row: 1, column: name },
      );
    }
    return { sql: `s.${ident(col.name)}`, type: typeOf.get(col.name) ?? 'VARCHAR' };
  };

  const numText = (v: string): string => {
    // Only the replacements the source's settings call for: each one costs a pass over the text.
    let n = v;
    if (rel.thousands === ' ') n = `replace(replace(${n}, ' ', ''), chr(160), '')`;
    if (rel.decimal === ',') n = `replace(replace(${n}, '.', ''), ',', '.')`;
    else if (rel.thousands === ',') n = `replace(${n}, ',', '')`;
    return n;
  };
  // Arithmetic (expr, scale) is done in DOUBLE: DECIMAL wider than 18 digits is two orders slower.
  const numberOf = (sql: string, type: string): string =>
    NUMERIC.test(type) ? `CAST(${sql} AS DOUBLE)` : `TRY_CAST(${numText(txt(sql))} AS DOUBLE)`;
  const scaled = (n: string, scale: number | undefined) =>
    scale === undefined ? n : `(${n} * ${Number(scale)}::DOUBLE)`;

  let where: string | null = null;
  if (source.where !== undefined) {
    try {
      for (const c of conditionColumns(source.where)) resolve(c, 'where');
      where = compileCondition(source.where, {
        text: (c) => txt(resolve(c, 'where').sql),
        number: (c) => {
          const r = resolve(c, 'where');
          return numberOf(r.sql, r.type);
        },
      });
    } catch (e) {
      if ((e as Error).name === 'UserError') throw e;
      throw ingestError(
        lang,
        'bad_where',
        { source: source.id, detail: (e as Error).message },
        { key: `sources.${source.id}.where` },
      );
    }
  }

  const fields = new Map<string, FieldSql>();
  let personId: string | null = null;
  let rate: Transforms['rate'] = null;
  for (const spec of specs) {
    const map: ColumnMap | undefined = source.columns[spec.name];
    const m = typeof map === 'string' ? { column: map } : map;
    let raw: string | undefined; // SQL of the raw cell
    let rawType = 'VARCHAR';
    let numericExpr: string | undefined;
    if (m?.column !== undefined) {
      const r = resolve(m.column, spec.name);
      raw = r.sql;
      rawType = r.type;
    } else if (m?.value !== undefined) {
      raw = q(String(m.value));
    } else if (m?.expr !== undefined) {
      try {
        for (const c of exprColumns(m.expr)) resolve(c, spec.name);
        numericExpr = compileExpr(m.expr, (c) => {
          const r = resolve(c, spec.name);
          return numberOf(r.sql, r.type);
        });
      } catch (e) {
        if ((e as Error).name === 'UserError') throw e;
        throw ingestError(
          lang,
          'bad_expr',
          { field: spec.name, detail: (e as Error).message },
          {
            key: `sources.${source.id}.columns.${spec.name}`,
          },
        );
      }
    }
    if (raw === undefined && numericExpr === undefined) {
      const d = defaultFor(spec, source, config);
      fields.set(spec.name, { spec, value: d, present: null, mapped: false });
      continue;
    }
    if (m?.rate !== undefined && spec.name !== 'volume')
      throw ingestError(
        lang,
        'rate_needs_dates',
        { source: source.id },
        { key: `sources.${source.id}.columns.${spec.name}.rate` },
      );
    if (spec.type === 'id') {
      // opaque ids live in their own namespace, so one can never meet a CPR number of the same text
      personId = raw
        ? source.person_id_scheme === 'opaque'
          ? `('opaque:' || ${txt(raw)})`
          : txt(raw)
        : null;
      continue;
    }
    // values: map source codes to canonical ones before typing
    let v = raw !== undefined ? txt(raw) : '';
    if (raw !== undefined && m?.values && Object.keys(m.values).length) {
      const cases = Object.entries(m.values)
        .map(([k, to]) => `WHEN ${q(k)} THEN ${q(String(to))}`)
        .join(' ');
      v = `(CASE ${v} ${cases} ELSE ${v} END)`;
      rawType = 'VARCHAR';
    }
    const present = raw !== undefined ? `(${v} IS NOT NULL)` : 'true'; // an expr is always expected to give a value
    let value: string;
    switch (spec.type) {
      case 'text':
        value = v;
        break;
      case 'enum': {
        const cases = spec.values!.map((a) => `WHEN ${q(a.toLowerCase())} THEN ${q(a)}`).join(' ');
        value = `(CASE lower(${v}) ${cases} END)`;
        break;
      }
      case 'bool': {
        const truthy = `('1','true','ja','j','yes','y','x','sand','t')`;
        const falsy = `('0','false','nej','n','no','falsk','f')`;
        value = `(CASE WHEN ${v} IS NULL THEN false WHEN lower(${v}) IN ${truthy} THEN true WHEN lower(${v}) IN ${falsy} THEN false END)`;
        break;
      }
      case 'int':
        value = NUMERIC.test(rawType) ? `TRY_CAST(${raw} AS INTEGER)` : `TRY_CAST(${numText(v)} AS INTEGER)`;
        break;
      case 'date':
      case 'timestamp': {
        const cast = spec.type === 'date' ? 'DATE' : 'TIMESTAMP';
        if (DATE_TYPES.test(rawType)) {
          value = `CAST(${raw} AS ${cast})`;
          break;
        }
        const fmt = m?.format;
        const pat = fmt ? datePattern(fmt) : undefined;
        if (fmt && !pat)
          throw ingestError(
            lang,
            'bad_format',
            { format: fmt, field: spec.name },
            {
              key: `sources.${source.id}.columns.${spec.name}.format`,
            },
          );
        const iso = `TRY_CAST(TRY_CAST(${v} AS TIMESTAMP) AS ${cast})`;
        const excel = `CAST(DATE '1899-12-30' + CAST(floor(TRY_CAST(${v} AS DOUBLE)) AS INTEGER) AS ${cast})`;
        const fromNumber = `CASE WHEN regexp_full_match(${v}, '[0-9]{1,6}(\\.[0-9]+)?') THEN ${excel} END`;
        value =
          pat === 'excel' || (NUMERIC.test(rawType) && !pat)
            ? `coalesce(${fromNumber}, ${iso})`
            : pat
              ? `coalesce(CAST(try_strptime(${v}, ${patterns(pat)}) AS ${cast}), ${iso})`
              : iso;
        break;
      }
      case 'decimal': {
        if (numericExpr !== undefined || m?.scale !== undefined) {
          const n = numericExpr ?? numberOf(NUMERIC.test(rawType) ? raw! : v, rawType);
          value = `TRY_CAST(${scaled(n, m?.scale)} AS DECIMAL(18,4))`;
        } else value = `TRY_CAST(${NUMERIC.test(rawType) ? raw! : numText(v)} AS DECIMAL(18,4))`;
        if (m?.rate !== undefined) {
          const r = rateVolume(value, m.rate, fields, source, config, lang);
          rate = { sql: value, maxHours: RATE_DAYS[m.rate].maxHours, per: m.rate };
          value = r;
        }
        break;
      }
      case 'money': {
        const ore = m?.money === 'ore';
        if (numericExpr !== undefined || NUMERIC.test(rawType) || rel.format === 'excel') {
          // Numbers that are already binary (Excel, Parquet doubles) are rounded to whole minor units.
          const exact =
            numericExpr === undefined && /^(DECIMAL|BIGINT|INTEGER|SMALLINT|TINYINT)/.test(rawType);
          const n = exact ? raw! : (numericExpr ?? numberOf(NUMERIC.test(rawType) ? raw! : v, rawType));
          value = `TRY_CAST(round(${scaled(n, m?.scale)}${ore ? '' : ' * 100'}) AS BIGINT)`;
        } else {
          // Text is converted exactly: at most two decimals for kroner, none for øre.
          const n = numText(v);
          // Bounded digit counts: a longer number would overflow the cast (an internal error), not be unreadable.
          const pattern = ore ? `'-?[0-9]{1,18}'` : `'-?[0-9]{1,16}(\\.[0-9]{1,2})?'`;
          const conv = ore ? `CAST(${n} AS BIGINT)` : `CAST(CAST(${n} AS DECIMAL(18,2)) * 100 AS BIGINT)`;
          value = `(CASE WHEN regexp_full_match(${n}, ${pattern}) THEN ${conv} END)`;
          if (m?.scale !== undefined) value = `TRY_CAST(round(${scaled(value, m.scale)}) AS BIGINT)`;
        }
        break;
      }
      default:
        value = v;
    }
    fields.set(spec.name, { spec, value, present: spec.type === 'text' ? null : present, mapped: true });
  }
  return { fields, personId, where, rate };
}

/**
 * A rate (per week or month) over the row's days, start and end inclusive, as an exact volume: the rate in
 * 1/10,000 units times days times 48 (or 1) over 1461 (or 7) in integers, rounded half away from zero once,
 * to 4 decimals. An open end runs to the end of the source's period; without one the volume is unreadable.
 */
function rateVolume(
  rate: string,
  per: 'week' | 'month',
  fields: Map<string, FieldSql>,
  source: SourceConfig,
  config: Config,
  lang: Lang,
): string {
  const start = fields.get('start_date');
  const end = fields.get('end_date');
  if (!start?.mapped || !end?.mapped)
    throw ingestError(
      lang,
      'rate_needs_dates',
      { source: source.id },
      { key: `sources.${source.id}.columns.volume.rate` },
    );
  const period = config.periods.find((p) => p.id === source.period);
  // an empty end (an open grant) becomes the period's end, for the row too; an unreadable one stays NULL
  if (period)
    end.value = `(CASE WHEN ${end.present ?? 'true'} THEN ${end.value} ELSE DATE ${q(period.to)} END)`;
  const to = end.value;
  const { num, den } = RATE_DAYS[per];
  const n = `(CAST(${rate} * 10000 AS HUGEINT) * (date_diff('day', ${start.value}, ${to}) + 1) * ${den})`;
  const e4 = `(sign(${n}) * ((abs(${n}) * 2 + ${num}) // ${2 * num}))`;
  return `CAST(CAST(${e4} AS DECIMAL(18,0)) * 0.0001 AS DECIMAL(18,4))`;
}

/** The value (SQL text) of a field the source does not map; the PostgreSQL bench uses the same text. */
export function defaultFor(spec: FieldSpec, source: SourceConfig, config: Config): string {
  switch (spec.name) {
    case 'department':
      return source.department !== undefined ? q(source.department) : 'NULL';
    case 'municipality':
      return q(source.municipality ?? config.municipalities[0]!);
    case 'period':
      return source.period !== undefined ? q(source.period) : 'NULL';
    case 'provider':
      return `'own'`;
    case 'provider_type':
      return `'gp'`;
    case 'psychiatric':
      return 'false';
    default:
      return spec.type === 'bool' ? 'false' : 'NULL';
  }
}
