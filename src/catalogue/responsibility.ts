/**
 * Who is responsible for a service, by date, as SQL: the catalogue's `responsibility:` periods become the
 * table `catalogue_responsibility` (code × period → sector, authority) and the view `service_responsibility`
 * splits each `service` row at the dates its responsible sector changes. A service that moves from the
 * municipality to the region on 2027-01-01 keeps its code; only the sector of its days changes.
 * docs/catalogues.md § "Responsibility" describes the format; docs/reform-2027.md the 2027 reform.
 */
import type { Engine } from '../engine/engine.js';
import type { Catalogue } from './catalogue.js';

/** One row of `catalogue_responsibility`; `valid_to` is inclusive, null = open. */
export interface ResponsibilityRow {
  code: string;
  valid_from: string;
  valid_to: string | null;
  sector: string;
  authority: string;
  verified: boolean;
}

const nextDay = (iso: string) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

/**
 * Every code's periods of responsibility, over all its versions; back-to-back periods with the same sector,
 * authority and verification are joined, so a change of law reference alone does not split a service.
 */
export function responsibilityRows(catalogue: Catalogue): ResponsibilityRow[] {
  const byCode = new Map<string, ResponsibilityRow[]>();
  const periods = catalogue.services
    .flatMap((s) => s.responsibility.map((r) => ({ code: s.code, ...r })))
    .sort((a, b) => a.code.localeCompare(b.code) || a.from.localeCompare(b.from));
  for (const p of periods) {
    const list = byCode.get(p.code) ?? [];
    const last = list.at(-1);
    if (
      last &&
      last.valid_to !== null &&
      nextDay(last.valid_to) === p.from &&
      last.sector === p.sector &&
      last.authority === p.authority &&
      last.verified === p.verified
    ) {
      last.valid_to = p.to;
    } else {
      list.push({
        code: p.code,
        valid_from: p.from,
        valid_to: p.to,
        sector: p.sector,
        authority: p.authority,
        verified: p.verified,
      });
    }
    byCode.set(p.code, list);
  }
  return [...byCode.values()].flat();
}

/**
 * The `service` rows by responsible sector: one row per service row and period of responsibility it
 * overlaps, with the days of that overlap. An open end runs on (9999-12-31) for grants without a volume
 * in days, weeks, months, years or places, as in costing; other rows without an end are one day. A row
 * whose code is not in the catalogue keeps the sector it was registered with (`from_catalogue` false).
 */
const SERVICE_VIEW = `AS
WITH s AS (
  SELECT sv.import_id, sv.row_no, sv.person_key, sv.municipality, sv.catalogue_code, sv.sector AS registered_sector,
         sv.start_date,
         coalesce(sv.end_date, CASE WHEN sv.volume IS NULL AND sv.unit IN ('day', 'week', 'month', 'year', 'place')
                                    THEN DATE '9999-12-31' ELSE sv.start_date END) AS end_date
  FROM service sv
)
SELECT s.import_id, s.row_no, s.person_key, s.municipality, s.catalogue_code, s.registered_sector,
       CASE WHEN r.code IS NULL THEN s.start_date ELSE greatest(s.start_date, r.valid_from) END AS from_date,
       CASE WHEN r.code IS NULL THEN s.end_date
            ELSE least(s.end_date, coalesce(r.valid_to, DATE '9999-12-31')) END AS to_date,
       coalesce(r.sector, s.registered_sector) AS sector, r.authority, coalesce(r.verified, true) AS verified,
       r.code IS NOT NULL AS from_catalogue
FROM s LEFT JOIN catalogue_responsibility r
  ON r.code = s.catalogue_code AND r.valid_from <= s.end_date AND coalesce(r.valid_to, DATE '9999-12-31') >= s.start_date`;

/**
 * Write the temp table `catalogue_responsibility (code, valid_from, valid_to, sector, authority, verified)`
 * and, when the warehouse has a `service` table, the temp view `service_responsibility`. The sector of a
 * code on a day d: `JOIN catalogue_responsibility r ON r.code = x.catalogue_code AND d BETWEEN r.valid_from
 * AND coalesce(r.valid_to, DATE '9999-12-31')`.
 * @example await writeResponsibility(engine, loadCatalogue('dk'))
 */
export async function writeResponsibility(engine: Engine, catalogue: Catalogue): Promise<number> {
  const d = engine.dialect;
  await engine.exec(
    d.render(
      `{{ replace_temp_table(catalogue_responsibility) }} (code VARCHAR, valid_from DATE, valid_to DATE,
         sector VARCHAR, authority VARCHAR, verified BOOLEAN)`,
    ),
  );
  const rows = responsibilityRows(catalogue);
  for (const r of rows)
    await engine.exec(
      `INSERT INTO catalogue_responsibility VALUES ($c, CAST($f AS DATE), CAST($t AS DATE), $s, $a, $v)`,
      { c: r.code, f: r.valid_from, t: r.valid_to, s: r.sector, a: r.authority, v: r.verified },
    );
  const service = await engine.all(
    `SELECT 1 AS x FROM information_schema.tables WHERE table_name = 'service'`,
  );
  if (service.length > 0)
    await engine.exec(d.render(`{{ replace_temp_view(service_responsibility) }} ${SERVICE_VIEW}`));
  return rows.length;
}
