/**
 * Key figures in Kolada's units (KPB), for benchmarking across municipalities: e.g. U21003 kr per
 * granted home-care hour (own provider), U23004 special housing kr per day, U28033 LSS kr per user.
 */
import { escapeFormula } from '../core/escape.js';
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { CostingConfig } from '../config/schema.js';
import type { Engine } from '../engine/engine.js';
import { divideToDecimal, scaleDecimal } from './money.js';
import { COSTING_ROWS } from './methods.js';
import { matchesCode } from './patterns.js';

export type KeyFigureDef = NonNullable<CostingConfig['key_figures']>[number];

/** The built-in set; a workspace may replace it with costing.key_figures. */
export const DEFAULT_KEY_FIGURES: KeyFigureDef[] = [
  {
    id: 'U21003',
    title: 'KPB - Kostnad hemtjänst, egen regi, kr/beviljad timme',
    families: ['home_care'],
    areas: ['ordinary_housing', 'elderly', 'disability'],
    provider: 'own',
    per: 'hour_granted',
  },
  {
    id: 'KPB-HT-UTF',
    title: 'KPB - Kostnad hemtjänst, egen regi, kr/utförd timme',
    families: ['home_care'],
    areas: ['ordinary_housing', 'elderly', 'disability'],
    provider: 'own',
    per: 'hour_performed',
  },
  {
    id: 'U21005',
    title: 'KPB - Kostnad korttidsboende ordinärt boende, egen regi, kr/dygn',
    families: ['temporary_stay'],
    areas: ['ordinary_housing', 'elderly', 'disability'],
    provider: 'own',
    per: 'day',
  },
  {
    id: 'U23004',
    title: 'KPB - Kostnad särskilt boende, egen regi, kr/dygn',
    families: ['housing'],
    areas: ['special_housing', 'elderly'],
    provider: 'own',
    per: 'day',
  },
  {
    id: 'U28030',
    title: 'KPB - Kostnad gruppboende LSS för vuxna, egen regi, kr/dygn',
    codes: ['LSS-9-9-GB'],
    provider: 'own',
    per: 'day',
  },
  {
    id: 'U28032',
    title: 'KPB - Kostnad servicebostad LSS, egen regi, kr/dygn',
    codes: ['LSS-9-9-SB'],
    provider: 'own',
    per: 'day',
  },
  {
    id: 'U28031',
    title: 'KPB - Kostnad daglig verksamhet LSS, egen regi, kr/dag',
    families: ['day_activity'],
    areas: ['lss'],
    provider: 'own',
    per: 'day',
  },
  {
    id: 'U28096',
    title: 'KPB - Kostnad korttidsvistelse enligt LSS, egen regi, kr/dygn',
    families: ['temporary_stay'],
    areas: ['lss'],
    provider: 'own',
    per: 'day',
  },
  {
    id: 'U28033',
    title: 'KPB - Kostnad insatser inom LSS, kr/brukare',
    areas: ['lss'],
    provider: 'all',
    per: 'user',
  },
];

export interface CodeInfo {
  family: string;
  area: string;
}

/** Codes (with provider filter) a key figure covers. */
export function keyFigureCodes(
  def: KeyFigureDef,
  codes: ReadonlyMap<string, CodeInfo>,
  seen: Iterable<string>,
): string[] {
  const out = new Set<string>();
  for (const code of seen) {
    const info = codes.get(code);
    const byCode = def.codes ? def.codes.some((c) => matchesCode(code, c)) : true;
    const byFamily = def.families ? info !== undefined && def.families.includes(info.family) : true;
    const byArea = def.areas ? info !== undefined && def.areas.includes(info.area) : true;
    if (byCode && byFamily && byArea && (def.codes || def.families || def.areas)) out.add(code);
  }
  return [...out].sort();
}

export interface KeyFigureRow {
  period: string;
  municipality: string;
  key_figure: string;
  title: string;
  measure: string;
  numerator_minor: bigint;
  denominator: string;
  value: string | null;
}

/**
 * Compute the key figures from cost_unit (per unit) and cost_person (per user) into cost_key_figure, in one
 * query (a branch per key figure).
 * @param seen the codes of cost_unit, when the caller has them (else read from cost_unit)
 */
export async function computeKeyFigures(
  engine: Engine,
  defs: readonly KeyFigureDef[],
  codes: ReadonlyMap<string, CodeInfo>,
  seen?: Iterable<string>,
): Promise<KeyFigureRow[]> {
  const seenCodes =
    seen ??
    (await engine.all<{ c: string }>(`SELECT DISTINCT catalogue_code AS c FROM cost_unit`)).map((r) => r.c);
  const used: KeyFigureDef[] = [];
  const branches: string[] = [];
  for (const def of defs) {
    const list = keyFigureCodes(def, codes, seenCodes);
    if (list.length === 0) continue;
    const inList = list.map((c) => engine.dialect.literal(c)).join(', ');
    // cost_person has no provider column: per-user figures cover all providers
    const prov = def.provider === 'all' ? '' : `AND provider = ${engine.dialect.literal(def.provider)}`;
    const i = used.push(def) - 1;
    if (def.per === 'user') {
      branches.push(
        `SELECT ${i} AS i, period, municipality, sum(cost_minor)::BIGINT AS num, count(DISTINCT person_key)::DECIMAL(18,4)::VARCHAR AS den
         FROM cost_person WHERE ${COSTING_ROWS} AND catalogue_code IN (${inList})
         GROUP BY period, municipality`,
      );
    } else {
      const den =
        def.per === 'hour_granted'
          ? 'hours_granted'
          : def.per === 'hour_performed'
            ? 'hours_performed'
            : `CASE WHEN unit = ${engine.dialect.literal(def.per)} THEN volume END`;
      branches.push(
        `SELECT ${i} AS i, period, municipality, sum(total_minor)::BIGINT AS num, coalesce(sum(${den}), 0)::DECIMAL(18,4)::VARCHAR AS den
         FROM cost_unit WHERE catalogue_code IN (${inList}) ${prov}
         GROUP BY period, municipality`,
      );
    }
  }
  if (branches.length === 0) return [];
  const found = await engine.all<{
    i: number;
    period: string;
    municipality: string;
    num: bigint;
    den: string;
  }>(`${branches.join('\nUNION ALL\n')}\nORDER BY i, period, municipality`);
  const rows: KeyFigureRow[] = [];
  for (const f of found) {
    const def = used[f.i]!;
    const den4 = scaleDecimal(f.den, 4);
    if (den4 === 0n) continue;
    rows.push({
      period: f.period,
      municipality: f.municipality,
      key_figure: def.id,
      title: def.title,
      measure: def.per,
      numerator_minor: f.num,
      denominator: f.den,
      // kr per unit = øre × 10^4 / (den × 10^4) / 100
      value: divideToDecimal(f.num * 10000n, den4 * 100n, 2),
    });
  }
  return rows;
}

/** Write cost_key_figure as CSV (UTF-8, `;`, decimal point) for benchmarking tools. */
export async function exportKeyFiguresCsv(engine: Engine, file: string): Promise<number> {
  const rows = await engine.all<Record<string, string | bigint | null>>(
    `SELECT period, municipality, key_figure, title, measure, numerator_minor, denominator::VARCHAR AS denominator,
            value::VARCHAR AS value FROM cost_key_figure ORDER BY period, municipality, key_figure`,
  );
  const cols = [
    'period',
    'municipality',
    'key_figure',
    'title',
    'measure',
    'numerator_minor',
    'denominator',
    'value',
  ];
  const cell = (v: unknown) => {
    // text (titles, codes) through the one formula guard; numbers as they are
    const s =
      v === null || v === undefined
        ? ''
        : typeof v === 'string' && isNaN(Number(v))
          ? escapeFormula(v)
          : String(v);
    return /[;"\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileSync(
    file,
    [cols.join(';'), ...rows.map((r) => cols.map((c) => cell(r[c])).join(';'))].join('\n') + '\n',
  );
  return rows.length;
}
