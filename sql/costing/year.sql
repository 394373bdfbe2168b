-- The calendar year of service of each cost_person row (docs/costing.md, "Years of service"). A period within
-- one calendar year: that year. A period over several calendar years (${multi_year}; cost_work_calendar holds
-- its years): each row of cost_work_person is split over the years its service days fall in, by the measure
-- that made it (volume for kpb, price × volume for price, the record amount cut by day for record_amount),
-- with the largest-remainder method; the parts add up to the row exactly, so each person's cost is unchanged.

-- Per row of the cost_person grain and year: the volume weight and the cost weight of its days in the year.
{{ replace_temp_table(cost_work_year) }} AS
WITH y AS (
  SELECT pc.period, pc.municipality, pc.person_key, pc.catalogue_code, pc.provider, pc.department, pc.sector,
         pc.law_ref, pc.unit, pc.method, pc.vol_e4, pc.amount_minor, pc.price_minor, pc.span_days, c.service_year,
         {{ date_diff('day', greatest(pc.o_from, c.from_date), least(pc.o_to, c.to_date)) }} + 1 AS y_days,
         -- days from the span's start: before the year's part, and up to its end (the record amount is cut there)
         {{ date_diff('day', pc.s_from, greatest(pc.o_from, c.from_date)) }} AS before_days,
         {{ date_diff('day', pc.s_from, least(pc.o_to, c.to_date)) }} + 1 AS upto_days
  FROM cost_work_priced pc
  JOIN cost_work_period p ON p.period = pc.period AND {{ year(p.from_date) }} <> {{ year(p.to_date) }}
  JOIN cost_work_calendar c ON c.from_date <= pc.o_to AND c.to_date >= pc.o_from
  WHERE ${multi_year} AND pc.person_key IS NOT NULL
), w AS (
  SELECT *, cost_floordiv(vol_e4::{{ type(int128) }} * y_days * 1000000, span_days) AS part FROM y
)
SELECT period, municipality, person_key, catalogue_code, provider, department, sector, law_ref, unit, service_year,
       sum(part) AS volume_weight,
       sum(CASE method WHEN 'price' THEN price_minor * part
                       WHEN 'record_amount' THEN cost_floordiv(amount_minor::{{ type(int128) }} * upto_days, span_days)
                                                 - cost_floordiv(amount_minor::{{ type(int128) }} * before_days, span_days)
                       ELSE part END) AS cost_weight
FROM w
GROUP BY period, municipality, person_key, catalogue_code, provider, department, sector, law_ref, unit, service_year;

-- The rows of cost_person: volume × 10^4 (rounded half up) and cost, with their year of service.
{{ replace_temp_view(cost_work_person_year) }} AS
WITH s AS (
  SELECT cp.period, cp.municipality, cp.person_key, cp.catalogue_code, cp.provider, cp.department, cp.sector,
         cp.law_ref, cp.method, cp.unit, cp.cost_minor, cost_floordiv_big(cp.weight + 500000, 1000000) AS vol_e4,
         y.service_year, coalesce(y.volume_weight, 0) AS vw,
         -- a negative weight sum (record amounts that are corrections) is turned positive: the same shares
         CASE WHEN sum(coalesce(y.cost_weight, 0)) OVER g < 0 THEN -coalesce(y.cost_weight, 0)
              ELSE coalesce(y.cost_weight, 0) END AS cw,
         abs(sum(coalesce(y.cost_weight, 0)) OVER g) AS cw_sum,
         sum(coalesce(y.volume_weight, 0)) OVER g AS vw_sum,
         row_number() OVER (g ORDER BY y.service_year) AS nth
  FROM cost_work_person cp
  JOIN cost_work_year y
    ON y.period = cp.period AND y.municipality = cp.municipality AND y.person_key = cp.person_key
   AND y.catalogue_code = cp.catalogue_code AND y.provider = cp.provider
   AND y.department IS NOT DISTINCT FROM cp.department AND y.sector IS NOT DISTINCT FROM cp.sector
   AND y.law_ref IS NOT DISTINCT FROM cp.law_ref AND y.unit IS NOT DISTINCT FROM cp.unit
  WHERE ${multi_year}
  WINDOW g AS (PARTITION BY cp.period, cp.municipality, cp.person_key, cp.catalogue_code, cp.provider,
                            cp.department, cp.sector, cp.law_ref, cp.unit)
), b AS (
  -- the floor of each exact share (all in the first year when the weights are 0), and its remainder
  SELECT *,
         CASE WHEN cw_sum = 0 THEN CASE WHEN nth = 1 THEN cost_minor ELSE 0 END
              ELSE cost_floordiv(cost_minor::{{ type(int128) }} * cw, cw_sum) END AS c_base,
         CASE WHEN vw_sum = 0 THEN CASE WHEN nth = 1 THEN vol_e4 ELSE 0 END
              ELSE cost_floordiv(vol_e4 * vw, vw_sum) END AS v_base
  FROM s
), r AS (
  SELECT *,
         cost_minor - sum(c_base) OVER g AS c_left,
         vol_e4 - sum(v_base) OVER g AS v_left,
         row_number() OVER (g ORDER BY CASE WHEN cw_sum = 0 THEN 0 ELSE cost_minor::{{ type(int128) }} * cw - c_base * cw_sum END DESC,
                            service_year) AS c_rank,
         row_number() OVER (g ORDER BY CASE WHEN vw_sum = 0 THEN 0 ELSE vol_e4 * vw - v_base * vw_sum END DESC,
                            service_year) AS v_rank
  FROM b
  WINDOW g AS (PARTITION BY period, municipality, person_key, catalogue_code, provider, department, sector, law_ref, unit)
)
SELECT period, municipality, person_key, catalogue_code, department, sector, law_ref, method, unit, service_year,
       (v_base + CASE WHEN v_rank <= v_left THEN 1 ELSE 0 END)::BIGINT AS vol_e4,
       (c_base + CASE WHEN c_rank <= c_left THEN 1 ELSE 0 END)::BIGINT AS cost_minor
FROM r
UNION ALL
SELECT cp.period, cp.municipality, cp.person_key, cp.catalogue_code, cp.department, cp.sector, cp.law_ref, cp.method,
       cp.unit, {{ year(p.from_date) }} AS service_year,
       cost_floordiv_big(cp.weight + 500000, 1000000)::BIGINT AS vol_e4, cp.cost_minor
FROM cost_work_person cp
JOIN cost_work_period p ON p.period = cp.period AND {{ year(p.from_date) }} = {{ year(p.to_date) }}
WHERE cp.person_key IS NOT NULL;
