-- Prorate service rows over the analysis periods by days and sum them to the cost_person grain.
-- weight = volume × 10^10 in the period (volume × 10^4 × days in period × 10^6 / days of span, floored),
-- computed in BIGINT: q = vol_e4 × days, then ⌊q / span⌋ × 10^6 + ⌊(q mod span) × 10^6 / span⌋.

-- Most rows need no cutting (every visit): they lie inside one period (${fast_rows}: the shape, from volume.ts) and
-- their code is cut neither by a sector change nor by a price that changes inside a period (${fast_codes}). They are summed straight from `service`
-- to the grain below; the views here carry the rest (`fast` false) through the cuts, and every row to year.sql.
{{ replace_temp_view(cost_work_span) }} AS
SELECT s.*, {{ date_diff('day', s_from, s_to) }} + 1 AS span_days,
       CASE WHEN volume IS NOT NULL THEN (volume * 10000)::BIGINT
            WHEN unit IN ('day', 'place') THEN ({{ date_diff('day', s_from, s_to) }} + 1) * 10000
            WHEN unit = 'week' THEN {{ intdiv(({{ date_diff('day', s_from, s_to) }} + 1) * 10000, 7) }}
            WHEN unit = 'month' THEN {{ intdiv(({{ date_diff('day', s_from, s_to) }} + 1) * 480000, 1461) }} -- 365.25 / 12 days
            WHEN unit = 'year' THEN {{ intdiv(({{ date_diff('day', s_from, s_to) }} + 1) * 40000, 1461) }}
            WHEN unit IN ('hour_granted', 'hour_performed', 'hour', 'amount') THEN 0
            ELSE 10000 END AS vol_e4
FROM (
  SELECT {{ rowid(sv) }} AS sid, sv.person_key, sv.municipality, sv.department, sv.sector, sv.catalogue_code, sv.law_ref,
         sv.provider, sv.unit, sv.volume, sv.amount_minor, sv.source_id IN (${ided_sources}) AS ided, sv.start_date AS s_from,
         coalesce(sv.end_date, CASE WHEN sv.volume IS NULL AND sv.unit IN ('day', 'week', 'month', 'year', 'place')
                                    THEN ${last_day} ELSE sv.start_date END) AS s_to,
         coalesce(${fast_rows} AND ${fast_codes}, false) AS fast
  FROM service sv
) AS s;

{{ replace_temp_view(cost_work_piece) }} AS
WITH s AS (
  SELECT sp.*, m.method FROM cost_work_span sp
  JOIN cost_work_method m ON m.catalogue_code = sp.catalogue_code AND m.provider = sp.provider
), v AS (
  SELECT * FROM s WHERE s_to >= s_from
)
-- A code whose responsible sector changes (cost_work_responsibility holds the catalogue's periods of the codes
-- with more than one sector) is cut again at each change and takes the catalogue's sector for its days; every
-- other row keeps its registered sector (docs/costing.md, "Sector by date").
SELECT v.sid, v.person_key, v.municipality, v.department, coalesce(r.sector, v.sector) AS sector, v.catalogue_code,
       v.law_ref, v.provider, v.unit, v.method, v.volume, v.amount_minor, v.ided, v.s_from, v.s_to, v.span_days, v.vol_e4,
       v.fast, p.period,
       greatest(v.s_from, p.from_date, coalesce(r.valid_from, v.s_from)) AS o_from,
       least(v.s_to, p.to_date, coalesce(r.valid_to, v.s_to)) AS o_to
FROM v JOIN cost_work_period p ON p.from_date <= v.s_to AND p.to_date >= v.s_from
LEFT JOIN cost_work_responsibility r ON r.code = v.catalogue_code
 AND r.valid_from <= least(v.s_to, p.to_date) AND coalesce(r.valid_to, DATE '9999-12-31') >= greatest(v.s_from, p.from_date);

-- Whole rows (the span inside one period, the common case) sum exact BIGINT volume; only split rows pay
-- for the HUGEINT proration. Method is a function of (code, provider): joined back after grouping.
-- A piece of a priced row is cut again where its price changes (year.sql reads these pieces too).
{{ replace_temp_view(cost_work_priced) }} AS
SELECT pc.person_key, pc.municipality, pc.department, pc.sector, pc.catalogue_code, pc.law_ref, pc.provider,
       pc.unit, pc.method, pc.volume, pc.amount_minor, pc.ided, pc.s_from, pc.s_to, pc.span_days, pc.vol_e4,
       pc.fast, pc.period,
       CASE WHEN pr.price_minor IS NULL THEN pc.o_from ELSE greatest(pc.o_from, pr.valid_from) END AS o_from,
       CASE WHEN pr.price_minor IS NULL THEN pc.o_to ELSE least(pc.o_to, pr.valid_to) END AS o_to,
       pr.price_minor
FROM cost_work_piece pc LEFT JOIN cost_work_price pr
  ON pc.method = 'price' AND pr.catalogue_code = pc.catalogue_code AND pr.provider = pc.provider
 AND (pr.unit IS NULL OR pr.unit = pc.unit) AND pr.valid_from <= pc.o_to AND pr.valid_to >= pc.o_from;

{{ replace_temp_table(cost_work_volume) }} AS
WITH f0 AS (
  -- the rows that need no cutting, straight from `service` (a row without a volume has an end date here)
  SELECT municipality, person_key, catalogue_code, provider, department, sector, law_ref, unit, volume, amount_minor,
         ${period_of} AS period, source_id,
         CASE WHEN volume IS NULL THEN
           CASE WHEN unit IN ('day', 'place') THEN ({{ date_diff('day', start_date, end_date) }} + 1) * 10000
                WHEN unit = 'week' THEN {{ intdiv(({{ date_diff('day', start_date, end_date) }} + 1) * 10000, 7) }}
                WHEN unit = 'month' THEN {{ intdiv(({{ date_diff('day', start_date, end_date) }} + 1) * 480000, 1461) }}
                WHEN unit = 'year' THEN {{ intdiv(({{ date_diff('day', start_date, end_date) }} + 1) * 40000, 1461) }}
                WHEN unit IN ('hour_granted', 'hour_performed', 'hour', 'amount') THEN 0
                ELSE 10000 END END AS unit_e4
  FROM service WHERE ${fast_rows}
), f AS (
  -- volume × 10^4: the sum of the exact decimals, and by the unit (as above) where a row has none
  SELECT period, municipality, person_key, catalogue_code, provider, department, sector, law_ref, unit,
         sum(volume) AS vol, sum(unit_e4) AS vol_e4, sum(amount_minor) AS amount,
         count(*) - count(amount_minor) AS missing,
         sum(CASE WHEN person_key IS NULL AND source_id IN (${ided_sources})
                  THEN coalesce((volume * 10000)::BIGINT, unit_e4) END) AS w_ided
  FROM f0
  GROUP BY period, municipality, person_key, catalogue_code, provider, department, sector, law_ref, unit
), w AS (
  -- the rest: cut by period, sector change and price, each piece prorated by days
  SELECT *, o_from = s_from AND o_to = s_to AS whole,
         CASE WHEN o_from = s_from AND o_to = s_to THEN NULL
              ELSE cost_floordiv(vol_e4 * ({{ date_diff('day', o_from, o_to) }} + 1), span_days) * 1000000
                 + {{ intdiv(((vol_e4 * ({{ date_diff('day', o_from, o_to) }} + 1)
                     - cost_floordiv(vol_e4 * ({{ date_diff('day', o_from, o_to) }} + 1), span_days) * span_days) * 1000000),
                   span_days) }} END AS part
  FROM cost_work_priced WHERE NOT fast
), g AS (
  SELECT period, municipality, person_key, catalogue_code, provider, department, sector, law_ref, unit,
         sum(vol_e4) FILTER (WHERE whole) AS w_whole,
         sum(part) FILTER (WHERE NOT whole) AS w_part,
         sum(price_minor * coalesce(part, vol_e4::{{ type(int128) }} * 1000000)) FILTER (WHERE price_minor IS NOT NULL) AS price_weight,
         sum(CASE WHEN whole THEN amount_minor
                  ELSE cost_floordiv(amount_minor * ({{ date_diff('day', s_from, o_to) }} + 1), span_days)
                     - cost_floordiv(amount_minor * {{ date_diff('day', s_from, o_from) }}, span_days) END)
           FILTER (WHERE method = 'record_amount') AS record_minor,
         count(*) FILTER (WHERE method = 'record_amount' AND amount_minor IS NULL) AS missing_amounts,
         -- kpb rows without a person: their weight (each piece's exact weight, truncated), all and from sources
         -- that map person ids (index.ts splits their cost by it: volume.ts unidentified)
         sum(CASE WHEN person_key IS NULL AND method = 'kpb'
                  THEN {{ intdiv(vol_e4::{{ type(int128) }} * ({{ date_diff('day', o_from, o_to) }} + 1) * 1000000, span_days) }} END)
           AS unid_total,
         sum(CASE WHEN person_key IS NULL AND method = 'kpb' AND ided
                  THEN {{ intdiv(vol_e4::{{ type(int128) }} * ({{ date_diff('day', o_from, o_to) }} + 1) * 1000000, span_days) }} END)
           AS unid_ided
  FROM w
  GROUP BY period, municipality, person_key, catalogue_code, provider, department, sector, law_ref, unit
), fw AS (
  SELECT *, coalesce(vol * 10000, 0)::{{ type(int128) }} + coalesce(vol_e4, 0) AS w_whole FROM f WHERE ${fast_codes}
), u AS (
  -- a whole row's weight is its volume × 10^6, and so is its weight without a person
  SELECT f.period, f.municipality, f.person_key, f.catalogue_code, f.provider, f.department, f.sector, f.law_ref,
         m.method, f.unit, f.w_whole, NULL::{{ type(int128) }} AS w_part,
         -- one price over the whole period (cost_work_fast_price): price × volume, summed or not
         CASE WHEN m.method = 'price' THEN coalesce(fp.price_minor, fp0.price_minor) * f.w_whole * 1000000 END AS price_weight,
         CASE WHEN m.method = 'record_amount' THEN f.amount END AS record_minor,
         CASE WHEN m.method = 'record_amount' THEN f.missing ELSE 0 END AS missing_amounts,
         CASE WHEN f.person_key IS NULL AND m.method = 'kpb' THEN f.w_whole::{{ type(int128) }} * 1000000 END AS unid_total,
         CASE WHEN f.person_key IS NULL AND m.method = 'kpb' THEN f.w_ided::{{ type(int128) }} * 1000000 END AS unid_ided
  FROM fw f JOIN cost_work_method m ON m.catalogue_code = f.catalogue_code AND m.provider = f.provider
  LEFT JOIN cost_work_fast_price fp
    ON fp.period = f.period AND fp.catalogue_code = f.catalogue_code AND fp.provider = f.provider AND fp.unit = f.unit
  LEFT JOIN cost_work_fast_price fp0
    ON fp0.period = f.period AND fp0.catalogue_code = f.catalogue_code AND fp0.provider = f.provider AND fp0.unit IS NULL
  UNION ALL
  SELECT g.period, g.municipality, g.person_key, g.catalogue_code, g.provider, g.department, g.sector, g.law_ref,
         m.method, g.unit, g.w_whole, g.w_part, g.price_weight, g.record_minor, g.missing_amounts, g.unid_total, g.unid_ided
  FROM g JOIN cost_work_method m ON m.catalogue_code = g.catalogue_code AND m.provider = g.provider
)
-- a person's whole rows and pieces of the same grain add up
SELECT period, municipality, person_key, catalogue_code, provider, department, sector, law_ref, method, unit,
       coalesce(sum(w_whole), 0)::{{ type(int128) }} * 1000000 + coalesce(sum(w_part), 0) AS weight,
       sum(price_weight) AS price_weight, sum(record_minor) AS record_minor,
       sum(missing_amounts)::BIGINT AS missing_amounts, sum(unid_total) AS unid_total, sum(unid_ided) AS unid_ided
FROM u
GROUP BY period, municipality, person_key, catalogue_code, provider, department, sector, law_ref, method, unit;
